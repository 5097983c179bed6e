package dev.nnj.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An array read from an IDX file, the format of MNIST and Fashion-MNIST: the magic bytes
 * {@code 00 00 type rank}, {@code rank} big-endian 32-bit dimensions, then the values, big-endian,
 * row-major. Files ending in {@code .gz} are decompressed on the fly.
 *
 * <p>Unsigned bytes (type 0x08) stay bytes, read back with {@code & 0xFF}: Fashion-MNIST's training
 * images take 47 MB that way instead of 188 MB as floats. Float32 (type 0x0D) is also accepted; other
 * types are refused. Dimensions are checked against the file size before anything is allocated; for a
 * compressed file, whose decompressed size is unknown until it has been read, memory grows only as data
 * actually arrives, so a lying header cannot make the reader allocate more than the file really holds.
 *
 * @param dims           the dimensions, outermost first (e.g. {@code [60000, 28, 28]})
 * @param unsignedBytes  the values of an unsigned-byte file, or null
 * @param floats         the values of a float file, or null
 */
public record IdxFile(int[] dims, byte[] unsignedBytes, float[] floats) {

    public static final int UNSIGNED_BYTE = 0x08;
    public static final int FLOAT = 0x0D;

    /** DEFLATE cannot compress by more than about 1032:1; a header claiming more data than that is a lie. */
    private static final long MAX_DEFLATE_RATIO = 1032;

    /** First allocation for compressed data; doubled as data arrives. */
    private static final int INITIAL_CAPACITY = 1 << 16;

    /** Number of items: the first dimension. */
    public int count() {
        return dims.length == 0 ? 0 : dims[0];
    }

    /** Values per item: the product of the dimensions after the first (784 for 28×28 images, 1 for labels). */
    public int itemSize() {
        int size = 1;
        for (int i = 1; i < dims.length; i++) {
            size *= dims[i];
        }
        return size;
    }

    public boolean isUnsignedByte() {
        return unsignedBytes != null;
    }

    /** Reads {@code file}, decompressing it if its name ends with {@code .gz}. */
    public static IdxFile read(Path file) throws IOException {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        long fileSize = Files.size(file);
        try (CountingStream in = new CountingStream(file, open(file, gzip))) {
            byte[] magic = in.readExactly(4, "the 4 magic bytes 00 00 <type> <rank>");
            if (magic[0] != 0 || magic[1] != 0) {
                throw DatasetFormatException.atByte(file, 0, String.format("wrong magic number %02x %02x %02x %02x:"
                        + " an IDX file starts with 00 00 <type> <rank>", magic[0], magic[1], magic[2], magic[3]));
            }
            int type = magic[2] & 0xFF;
            if (type != UNSIGNED_BYTE && type != FLOAT) {
                throw DatasetFormatException.atByte(file, 2, String.format("IDX type 0x%02x is not supported; nnj reads"
                        + " unsigned bytes (0x08) and float32 (0x0d)", type));
            }
            int rank = magic[3] & 0xFF;
            if (rank == 0) {
                throw DatasetFormatException.atByte(file, 3, "IDX rank is 0; expected at least one dimension");
            }
            ByteBuffer dimBytes = ByteBuffer.wrap(in.readExactly(4 * rank, rank + " big-endian dimensions"));
            int width = type == FLOAT ? 4 : 1;
            int[] dims = new int[rank];
            long payload = width;
            for (int i = 0; i < rank; i++) {
                dims[i] = dimBytes.getInt();
                if (dims[i] < 0) {
                    throw DatasetFormatException.atByte(file, 4 + 4L * i, "dimension " + i + " is "
                            + Integer.toUnsignedLong(dims[i]) + ", more than one array can hold");
                }
                // The data is read into one byte array, so its size in bytes is what must fit; checking
                // after every factor keeps the product far from long overflow.
                payload *= dims[i];
                if (payload > Integer.MAX_VALUE - 8) {
                    throw DatasetFormatException.atByte(file, 4 + 4L * i, "dimensions "
                            + Arrays.toString(Arrays.copyOf(dims, i + 1)) + " need more than " + (Integer.MAX_VALUE - 8)
                            + " bytes of data, more than one array can hold");
                }
            }
            long header = 4 + 4L * rank;
            checkPayloadSize(file, gzip, fileSize, header, payload, dims);
            byte[] data = gzip ? in.readGrowing((int) payload) : in.readExactly((int) payload, "the data");
            if (in.read() >= 0) {
                throw DatasetFormatException.atByte(file, header + payload, "data continues after the " + payload
                        + " bytes that dimensions " + Arrays.toString(dims) + " declare");
            }
            return type == FLOAT ? new IdxFile(dims, null, floats(file, header, data)) : new IdxFile(dims, data, null);
        }
    }

    private static void checkPayloadSize(Path file, boolean gzip, long fileSize, long header, long payload, int[] dims)
            throws DatasetFormatException {
        String need = "dimensions " + Arrays.toString(dims) + " need " + payload + " bytes of data";
        if (!gzip && payload != fileSize - header) {
            throw DatasetFormatException.atByte(file, header, need + " but the file has " + (fileSize - header)
                    + " after the header" + (payload > fileSize - header ? "; it is truncated" : ""));
        }
        if (gzip && header + payload > fileSize * MAX_DEFLATE_RATIO + 1024) {
            throw DatasetFormatException.atByte(file, header, need + ", more than a gzip file of " + fileSize
                    + " bytes can hold; the header is corrupt");
        }
    }

    private static InputStream open(Path file, boolean gzip) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (!gzip) {
            return raw;
        }
        try {
            return new GZIPInputStream(raw, 1 << 16);
        } catch (IOException e) {
            raw.close();
            throw DatasetFormatException.atByte(file, 0, "not a gzip file although its name ends with .gz ("
                    + e.getMessage() + ")", e);
        }
    }

    private static float[] floats(Path file, long header, byte[] data) throws DatasetFormatException {
        float[] values = new float[data.length / 4];
        ByteBuffer big = ByteBuffer.wrap(data); // IDX is big-endian, ByteBuffer's default
        for (int i = 0; i < values.length; i++) {
            values[i] = big.getFloat();
            if (!Float.isFinite(values[i])) {
                throw DatasetFormatException.atByte(file, header + 4L * i, "value " + i + " is " + values[i]
                        + "; data must be finite numbers");
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return "IdxFile" + Arrays.toString(dims) + (isUnsignedByte() ? " unsigned bytes" : " float32");
    }

    /**
     * Tracks the position in the (decompressed) stream so that errors can name it, and turns the gzip
     * decoder's complaints about damaged data into format errors at that position.
     */
    private static final class CountingStream implements AutoCloseable {
        private final Path file;
        private final InputStream in;
        private long position;

        CountingStream(Path file, InputStream in) {
            this.file = file;
            this.in = in;
        }

        int read() throws IOException {
            try {
                return in.read();
            } catch (ZipException | EOFException e) {
                throw corrupt(e);
            }
        }

        private DatasetFormatException corrupt(IOException e) {
            return DatasetFormatException.atByte(file, position, "corrupt or truncated gzip data at this offset of the"
                    + " decompressed data (" + e.getMessage() + ")", e);
        }

        /** Exactly {@code n} bytes, where n has been checked against the file size. */
        byte[] readExactly(int n, String what) throws IOException {
            byte[] bytes = new byte[n];
            fill(bytes, 0, n, n, what);
            return bytes;
        }

        /** Exactly {@code n} bytes, allocating only as data arrives (doubling), for streams of unknown length. */
        byte[] readGrowing(int n) throws IOException {
            byte[] bytes = new byte[Math.min(n, INITIAL_CAPACITY)];
            int filled = 0;
            while (true) {
                fill(bytes, filled, bytes.length - filled, n, "the data");
                filled = bytes.length;
                if (filled == n) {
                    return bytes;
                }
                bytes = Arrays.copyOf(bytes, (int) Math.min(n, 2L * bytes.length));
            }
        }

        /** Reads n bytes into bytes[from..], which are part of {@code total} bytes called {@code what}. */
        private void fill(byte[] bytes, int from, int n, int total, String what) throws IOException {
            long start = position - from;
            for (int done = 0; done < n; ) {
                int r;
                try {
                    r = in.read(bytes, from + done, n - done);
                } catch (ZipException | EOFException e) {
                    throw corrupt(e);
                }
                if (r < 0) {
                    throw DatasetFormatException.atByte(file, position, "file ends after " + position + " bytes, inside "
                            + what + " which should end at byte " + (start + total) + "; it is truncated");
                }
                done += r;
                position += r;
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
