package dev.nnj.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {

    @TempDir
    Path dir;

    @Test
    void readsUnsignedBytesPlainAndCompressed() throws IOException {
        byte[] pixels = {0, 1, (byte) 200, (byte) 255, 7, 8};
        byte[] content = TestFiles.idx(0x08, new int[] {3, 1, 2}, pixels);
        for (Path file : new Path[] {TestFiles.write(dir, "a-idx3-ubyte", content),
                TestFiles.write(dir, "a-idx3-ubyte.gz", TestFiles.gzip(content))}) {
            IdxFile idx = IdxFile.read(file);
            assertArrayEquals(new int[] {3, 1, 2}, idx.dims());
            assertEquals(3, idx.count());
            assertEquals(2, idx.itemSize());
            assertArrayEquals(pixels, idx.unsignedBytes());
            assertEquals(200, idx.unsignedBytes()[2] & 0xFF);
            assertNull(idx.floats());
        }
    }

    @Test
    void readsBigEndianFloats() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(12).putFloat(1.5f).putFloat(-2f).putFloat(1e-3f);
        IdxFile idx = IdxFile.read(TestFiles.write(dir, "f.idx", TestFiles.idx(0x0D, new int[] {3}, data.array())));
        assertArrayEquals(new float[] {1.5f, -2f, 1e-3f}, idx.floats());
        assertEquals(1, idx.itemSize());
    }

    private DatasetFormatException refused(String name, byte[] content) throws IOException {
        Path file = TestFiles.write(dir, name, content);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxFile.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e;
    }

    @Test
    void refusesBrokenHeaders() throws IOException {
        assertTrue(refused("m", new byte[] {1, 0, 8, 1, 0, 0, 0, 0}).getMessage().contains("wrong magic"));
        assertEquals(2, refused("t", TestFiles.idx(0x0B, new int[] {1}, new byte[2])).offset());
        assertTrue(refused("t2", TestFiles.idx(0x0B, new int[] {1}, new byte[2])).getMessage().contains("0x0b"));
        assertTrue(refused("r", new byte[] {0, 0, 8, 0}).getMessage().contains("rank is 0"));
        assertTrue(refused("s", new byte[] {0, 0, 8}).getMessage().contains("truncated"));
        DatasetFormatException negative = refused("n", TestFiles.idx(0x08, new int[] {2, -5}, new byte[0]));
        assertEquals(8, negative.offset());
        DatasetFormatException overflow = refused("o", TestFiles.idx(0x08, new int[] {65536, 65536, 65536}, new byte[4]));
        assertTrue(overflow.getMessage().contains("more than"), overflow.getMessage());
        assertEquals(8, overflow.offset());
        // 600 million floats are 2.4 GB: too large for one array although the count alone would fit.
        DatasetFormatException floats = refused("f", TestFiles.idx(0x0D, new int[] {600_000_000}, new byte[4]));
        assertTrue(floats.getMessage().contains("bytes of data"), floats.getMessage());
    }

    @Test
    void refusesDataThatDoesNotMatchTheDimensions() throws IOException {
        byte[] good = TestFiles.idx(0x08, new int[] {2, 3}, new byte[6]);
        DatasetFormatException truncated = refused("short", Arrays.copyOf(good, good.length - 1));
        assertTrue(truncated.getMessage().contains("need 6 bytes") && truncated.getMessage().contains("truncated"));
        assertEquals(12, truncated.offset());
        assertTrue(refused("long", Arrays.copyOf(good, good.length + 1)).getMessage().contains("has 7 after the header"));
        // Compressed: the size is only known after decompressing, so the error comes from the stream.
        assertTrue(refused("short.gz", TestFiles.gzip(Arrays.copyOf(good, good.length - 1))).getMessage().contains("truncated"));
        assertTrue(refused("long.gz", TestFiles.gzip(Arrays.copyOf(good, good.length + 1))).getMessage().contains("continues"));
        byte[] gz = TestFiles.gzip(good);
        assertTrue(refused("cut.gz", Arrays.copyOf(gz, gz.length - 5)).getMessage().contains("gzip"));
        assertTrue(refused("plain.gz", good).getMessage().contains("not a gzip file"));
        // A tiny compressed file claiming 2 GB of pixels is refused before any allocation.
        byte[] liar = TestFiles.gzip(TestFiles.idx(0x08, new int[] {2_000_000_000}, new byte[0]));
        assertTrue(refused("liar.gz", liar).getMessage().contains("more than a gzip file"));
    }

    @Test
    void pairsImagesWithLabels() throws IOException {
        Path images = TestFiles.write(dir, "img", TestFiles.idx(0x08, new int[] {3, 2, 2}, new byte[12]));
        Path labels = TestFiles.write(dir, "lab", TestFiles.idx(0x08, new int[] {3}, new byte[] {2, 0, 1}));
        LabeledData data = IdxData.read(images, labels);
        assertEquals(List.of("0", "1", "2"), data.classNames());
        assertEquals(4, data.featureCount());
        assertEquals(2, data.label(0));

        Path two = TestFiles.write(dir, "two", TestFiles.idx(0x08, new int[] {2}, new byte[] {0, 1}));
        DatasetFormatException count = assertThrows(DatasetFormatException.class, () -> IdxData.read(images, two));
        assertTrue(count.getMessage().contains("2 labels for 3 images"), count.getMessage());
        DatasetFormatException unknown = assertThrows(DatasetFormatException.class,
                () -> IdxData.read(images, labels, List.of("a", "b")));
        assertEquals(8, unknown.offset());
        assertThrows(DatasetFormatException.class, () -> IdxData.read(images, images));
    }

    @Test
    void refusesNonFiniteFloats() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(8).putFloat(1f).putFloat(Float.NaN);
        DatasetFormatException e = refused("nan.idx", TestFiles.idx(0x0D, new int[] {2}, data.array()));
        assertEquals(12, e.offset());
        assertTrue(e.getMessage().contains("NaN"));
    }
    @Test
    void refusesItemsTooLargeForAnArrayEvenWhenThereAreNone() throws IOException {
        // 65536 × 32769 = 2^31 + 2^16 bytes per item: past an int although the count of 0 makes the data empty.
        DatasetFormatException wraps = refused("w", TestFiles.idx(0x08, new int[] {0, 65536, 32769}, new byte[0]));
        assertEquals(12, wraps.offset());
        assertTrue(wraps.getMessage().contains("needs " + (65536L * 32769) + " bytes"), wraps.getMessage());
        assertEquals(12, refused("z", TestFiles.idx(0x08, new int[] {0, 65536, 65536}, new byte[0])).offset());
        // 2^29 floats are 2^31 bytes.
        assertEquals(8, refused("f", TestFiles.idx(0x0D, new int[] {0, 1 << 29}, new byte[0])).offset());
        assertThrows(ArithmeticException.class, () -> new IdxFile(new int[] {0, 65536, 32769}, new byte[0], null).itemSize());

        Path empty = TestFiles.write(dir, "empty-images", TestFiles.idx(0x08, new int[] {2, 3, 0}, new byte[0]));
        Path labels = TestFiles.write(dir, "labels", TestFiles.idx(0x08, new int[] {2}, new byte[2]));
        DatasetFormatException none = assertThrows(DatasetFormatException.class, () -> IdxData.read(empty, labels));
        assertEquals(12, none.offset());
        assertTrue(none.getMessage().contains("dimension 2 is 0"), none.getMessage());
    }

    @Test
    void emptyAndCutGzipFilesSayWhatIsMissing() throws IOException {
        DatasetFormatException empty = refused("empty.gz", new byte[0]);
        assertTrue(empty.getMessage().contains("the file is empty"), empty.getMessage());
        byte[] content = TestFiles.idx(0x08, new int[] {2, 3}, new byte[] {1, 2, 3, 4, 5, 6});
        byte[] gz = TestFiles.gzip(content);
        assertTrue(refused("header.gz", Arrays.copyOf(gz, 5)).getMessage().contains("inside the gzip header"));
        // Cut inside the 8-byte trailer (CRC-32 and size), and just before it: all the data decompresses.
        for (int cut : new int[] {4, 8}) {
            DatasetFormatException e = refused("cut" + cut + ".gz", Arrays.copyOf(gz, gz.length - cut));
            assertTrue(e.getMessage().contains("truncated gzip stream"), e.getMessage());
            assertEquals(content.length, e.offset());
            assertFalse(e.getMessage().contains("null"), e.getMessage());
        }
    }

    /** As gzip(1): bytes after the stream are ignored, and members joined together read as one. */
    @Test
    void readsTheGzipStreamWhateverFollowsItAndConcatenatedMembers() throws IOException {
        byte[] values = new byte[20];
        for (int i = 0; i < values.length; i++) {
            values[i] = (byte) (3 * i + 1);
        }
        byte[] content = TestFiles.idx(0x08, new int[] {4, 5}, values);
        byte[] gz = TestFiles.gzip(content);
        for (int junk : new int[] {1, 8, 27, 100_000}) {
            byte[] file = Arrays.copyOf(gz, gz.length + junk);
            Arrays.fill(file, gz.length, file.length, (byte) '!');
            assertArrayEquals(values, IdxFile.read(TestFiles.write(dir, "junk" + junk + ".gz", file)).unsignedBytes());
        }
        byte[] first = TestFiles.gzip(Arrays.copyOf(content, 7));
        byte[] second = TestFiles.gzip(Arrays.copyOfRange(content, 7, content.length));
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        assertArrayEquals(values, IdxFile.read(TestFiles.write(dir, "two-members.gz", both)).unsignedBytes());
    }
}
