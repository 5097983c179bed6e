package dev.nnj.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
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
 * Data beyond what the dimensions declare is refused. Bytes after the end of a gzip stream are ignored,
 * as gzip(1) ignores them: they cannot change the data, whose size the dimensions fix.
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

    /** The largest array the JVM reliably allocates. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** First allocation for compressed data; doubled as data arrives. */
    private static final int INITIAL_CAPACITY = 1 << 16;

    /** Number of items: the first dimension. */
    public int count() {
        return dims.length == 0 ? 0 : dims[0];
    }

    /**
     * Values per item: the product of the dimensions after the first (784 for 28×28 images, 1 for labels).
     * It fits an int for every file {@link #read} accepts; for other dimensions it throws ArithmeticException.
     */
    public int itemSize() {
        int size = 1;
        for (int i = 1; i < dims.length; i++) {
            size = Math.multiplyExact(size, dims[i]);
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
            int[] dims = new int[rank];
            long payload = readDimensions(file, dimBytes, dims, type == FLOAT ? 4 : 1);
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

    /** Reads {@code dims} from {@code dimBytes} and returns the size of the data in bytes, once it is known to fit. */
    private static long readDimensions(Path file, ByteBuffer dimBytes, int[] dims, int width) throws DatasetFormatException {
        long payload = width;
        long item = width;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = dimBytes.getInt();
            if (dims[i] < 0) {
                throw DatasetFormatException.atByte(file, 4 + 4L * i, "dimension " + i + " is "
                        + Integer.toUnsignedLong(dims[i]) + ", more than one array can hold");
            }
            // The data is read into one byte array, so its size in bytes is what must fit; checking
            // after every factor keeps the products far from long overflow. One item must fit on its
            // own too: with a count of 0 the whole data is empty whatever the item size.
            payload *= dims[i];
            item *= i == 0 ? 1 : dims[i];
            if (item > MAX_ARRAY) {
                throw DatasetFormatException.atByte(file, 4 + 4L * i, "one item of dimensions "
                        + Arrays.toString(Arrays.copyOfRange(dims, 1, i + 1)) + " needs " + item
                        + " bytes, more than one array can hold (" + MAX_ARRAY + ")");
            }
            if (payload > MAX_ARRAY) {
                throw DatasetFormatException.atByte(file, 4 + 4L * i, "dimensions "
                        + Arrays.toString(Arrays.copyOf(dims, i + 1)) + " need more than " + MAX_ARRAY
                        + " bytes of data, more than one array can hold");
            }
        }
        return payload;
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
        CountingInput counted = new CountingInput(raw);
        try {
            return new GZIPInputStream(counted, 1 << 16);
        } catch (IOException e) {
            raw.close();
            // GZIPInputStream's EOFException has no message: say what ran out.
            String problem = e instanceof EOFException
                    ? (counted.count == 0 ? "the file is empty" : "the file ends after " + counted.count
                    + " bytes, inside the gzip header; it is truncated")
                    : "not a gzip file (" + e.getMessage() + ")";
            throw DatasetFormatException.atByte(file, 0, problem + "; a file whose name ends with .gz must start with"
                    + " a gzip header (1f 8b)", e);
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
            // An EOFException, from the data or the 8-byte trailer after it, means the file was cut short.
            String problem = e instanceof EOFException
                    ? "truncated gzip stream: the file ends before the compressed data does"
                    : "corrupt gzip data: " + e.getMessage();
            return DatasetFormatException.atByte(file, position, problem + " (the byte offset is in the decompressed data)", e);
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

    /** Counts the bytes read from the file. */
    private static final class CountingInput extends FilterInputStream {
        private long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
