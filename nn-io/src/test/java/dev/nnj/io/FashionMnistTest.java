package dev.nnj.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Reads the real Fashion-MNIST files installed by the Debian package {@code dataset-fashion-mnist}; skipped
 * where it is not installed. The expected values were read from the files with Python's gzip module
 * ({@code gzip.open(f).read()}, indexing the bytes after the 16- or 8-byte header), not with nnj.
 */
class FashionMnistTest {

    static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private static IdxFile read(String name) throws IOException {
        Path file = DIR.resolve(name);
        assumeTrue(Files.isReadable(file), "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        return IdxFile.read(file);
    }

    @Test
    void trainingImagesAndLabels() throws IOException {
        IdxFile images = read("train-images-idx3-ubyte.gz");
        assertArrayEquals(new int[] {60000, 28, 28}, images.dims());
        byte[] px = images.unsignedBytes();
        assertEquals(47_040_000, px.length);
        // First image: its first non-zero pixels and the sum of all its pixels.
        assertEquals(1, px[96] & 0xFF);
        assertEquals(13, px[99] & 0xFF);
        assertEquals(73, px[100] & 0xFF);
        assertEquals(4, px[104] & 0xFF);
        long sum = 0;
        for (int i = 0; i < 784; i++) {
            sum += px[i] & 0xFF;
        }
        assertEquals(76247, sum);
        assertEquals(129, px[59999 * 784 + 400] & 0xFF);

        IdxFile labels = read("train-labels-idx1-ubyte.gz");
        assertArrayEquals(new int[] {60000}, labels.dims());
        assertArrayEquals(new byte[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, Arrays.copyOf(labels.unsignedBytes(), 10));
        for (byte b : labels.unsignedBytes()) {
            assertEquals(true, b >= 0 && b <= 9);
        }
    }

    /** The training set stays one byte per pixel; a drawn minibatch is scaled to [0, 1] with one-hot labels. */
    @Test
    void datasetKeepsBytesAndScalesEachBatch() throws IOException {
        Path images = DIR.resolve("train-images-idx3-ubyte.gz");
        assumeTrue(Files.isReadable(images), "Fashion-MNIST is not installed");
        LabeledData data = IdxData.read(images, DIR.resolve("train-labels-idx1-ubyte.gz"), IdxData.FASHION_MNIST_CLASSES);
        assertEquals(60000, data.size());
        assertEquals(784, data.featureCount());
        assertEquals(47_040_000, data.featureBytes());
        LabeledDataset ds = LabeledDataset.of(data, Preprocessing.range(784, 0, 255));
        float[] x = new float[2 * 784];
        float[] y = new float[2 * 10];
        ds.fill(new int[] {59999, 0}, 0, 2, x, y);
        assertEquals(129 / 255f, x[400], 1e-7f);
        assertEquals(73 / 255f, x[784 + 100], 1e-7f);
        assertEquals(1f, y[5], "the last training label is 5");
        assertEquals(1f, y[10 + 9], "the first training label is 9");
        assertEquals("Ankle boot", ds.classNames().get(9));
    }

    @Test
    void testImagesAndLabels() throws IOException {
        IdxFile images = read("t10k-images-idx3-ubyte.gz");
        assertArrayEquals(new int[] {10000, 28, 28}, images.dims());
        long sum = 0;
        for (int i = 0; i < 784; i++) {
            sum += images.unsignedBytes()[i] & 0xFF;
        }
        assertEquals(33456, sum);
        assertEquals(71, images.unsignedBytes()[9999 * 784 + 300] & 0xFF);
        IdxFile labels = read("t10k-labels-idx1-ubyte.gz");
        assertArrayEquals(new byte[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, Arrays.copyOf(labels.unsignedBytes(), 10));
        assertEquals(5, labels.unsignedBytes()[9999]);
    }
}
