package dev.nnj.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Pairs an IDX image file with its IDX label file (MNIST / Fashion-MNIST layout) into {@link LabeledData}. */
public final class IdxData {

    /** Fashion-MNIST's class names, in label order, from the data set's documentation. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private IdxData() {
    }

    /** Reads images and labels, naming the classes "0", "1", … up to the largest label. */
    public static LabeledData read(Path images, Path labels) throws IOException {
        return read(images, labels, null);
    }

    /**
     * Reads images (any rank ≥ 2, unsigned bytes or floats; each item is flattened into one row of
     * features) and labels (rank 1, unsigned bytes), with the given class names, or "0".."max label" when
     * {@code classNames} is null.
     */
    public static LabeledData read(Path images, Path labels, List<String> classNames) throws IOException {
        IdxFile x = IdxFile.read(images);
        IdxFile y = IdxFile.read(labels);
        if (x.dims().length < 2) {
            throw DatasetFormatException.atByte(images, 3, "images must have at least 2 dimensions (count, values…), got "
                    + x.dims().length);
        }
        for (int i = 1; i < x.dims().length; i++) {
            if (x.dims()[i] == 0) {
                throw DatasetFormatException.atByte(images, 4 + 4L * i, "image dimension " + i + " is 0, so images have"
                        + " no values; expected every dimension after the count to be at least 1");
            }
        }
        if (y.dims().length != 1 || !y.isUnsignedByte()) {
            throw DatasetFormatException.atByte(labels, 2, "labels must be one dimension of unsigned bytes, got "
                    + y.dims().length + " dimensions of " + (y.isUnsignedByte() ? "unsigned bytes" : "floats"));
        }
        if (y.count() != x.count()) {
            throw DatasetFormatException.atByte(labels, 4, y.count() + " labels for " + x.count() + " images in " + images);
        }
        byte[] raw = y.unsignedBytes();
        int[] classes = new int[raw.length];
        int max = 0;
        for (int i = 0; i < raw.length; i++) {
            classes[i] = raw[i] & 0xFF;
            max = Math.max(max, classes[i]);
            if (classNames != null && classes[i] >= classNames.size()) {
                throw DatasetFormatException.atByte(labels, 8L + i, "label " + classes[i] + " of item " + i
                        + " is not one of the " + classNames.size() + " classes " + classNames);
            }
        }
        List<String> names = classNames;
        if (names == null) {
            names = new ArrayList<>();
            for (int k = 0; k <= max; k++) {
                names.add(Integer.toString(k));
            }
        }
        return x.isUnsignedByte()
                ? LabeledData.ofUnsignedBytes(x.unsignedBytes(), x.itemSize(), classes, names)
                : LabeledData.ofFloats(x.floats(), x.itemSize(), classes, names, List.of());
    }
}
