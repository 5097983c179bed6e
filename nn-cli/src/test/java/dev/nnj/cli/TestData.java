package dev.nnj.cli;

import dev.nnj.core.Rng;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Small data files for the command tests: IDX in the MNIST layout, and CSV. */
final class TestData {

    private TestData() {
    }

    /** An IDX file of {@code count} unsigned-byte images of rows×cols, every pixel {@code value}. */
    static Path idxImages(Path file, int count, int rows, int cols, int value) throws IOException {
        byte[] pixels = new byte[count * rows * cols];
        java.util.Arrays.fill(pixels, (byte) value);
        return idx(file, new int[] {count, rows, cols}, pixels);
    }

    static Path idxLabels(Path file, int[] labels) throws IOException {
        byte[] bytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            bytes[i] = (byte) labels[i];
        }
        return idx(file, new int[] {labels.length}, bytes);
    }

    /**
     * {@code <part>-images-idx3-ubyte} and {@code <part>-labels-idx1-ubyte} in {@code dir}: 4×4 images of
     * two classes, bright on the left half (class 0) or on the right half (class 1), with noise.
     */
    static void separableIdx(Path dir, String part, int count, long seed) throws IOException {
        Rng rng = new Rng(seed);
        byte[] pixels = new byte[count * 16];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = rng.nextInt(2);
            for (int p = 0; p < 16; p++) {
                boolean bright = (p % 4 < 2) == (labels[i] == 0);
                pixels[i * 16 + p] = (byte) ((bright ? 160 : 0) + rng.nextInt(90));
            }
        }
        idx(dir.resolve(part + "-images-idx3-ubyte"), new int[] {count, 4, 4}, pixels);
        idxLabels(dir.resolve(part + "-labels-idx1-ubyte"), labels);
    }

    /** A CSV with header {@code x,kind,y}: points above the diagonal are "up", below "down". */
    static Path separableCsv(Path file, int count) throws IOException {
        Rng rng = new Rng(7);
        StringBuilder s = new StringBuilder("x,kind,y\n");
        for (int i = 0; i < count; i++) {
            double x = rng.nextDouble() * 10;
            double y = rng.nextDouble() * 10;
            s.append(String.format(Locale.ROOT, "%.3f,%s,%.3f%n", x, y > x ? "up" : "down", y));
        }
        return Files.writeString(file, s.toString());
    }

    private static Path idx(Path file, int[] dims, byte[] values) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(raw)) {
            out.writeShort(0);
            out.writeByte(0x08);
            out.writeByte(dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(values);
        }
        return file;
    }
}
