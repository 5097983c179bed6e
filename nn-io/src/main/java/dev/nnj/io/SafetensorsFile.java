package dev.nnj.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A safetensors file holding float32 tensors and string metadata, read and written exactly as the
 * safetensors specification lays it out:
 * <pre>
 *   bytes 0..8      N, the header length, unsigned 64-bit little-endian
 *   bytes 8..8+N    the header: UTF-8 JSON {"__metadata__": {string: string}, name: {"dtype": "F32",
 *                   "shape": [..], "data_offsets": [begin, end]}, ...}, padded with spaces so that the
 *                   data starts at a multiple of 8
 *   bytes 8+N..     the data: each tensor's values, little-endian, row-major, at [begin, end) relative
 *                   to the start of the data; the ranges are contiguous and cover the data exactly
 * </pre>
 * Reading validates every length and offset against the file size before anything is allocated, so a
 * broken or hostile file fails with a {@link ModelFormatException} naming the byte offset or header
 * field, never with an out-of-memory error or a partly read result.
 *
 * @param tensors  tensors in data order (the order they are written in)
 * @param metadata the header's {@code __metadata__} strings, in header order
 */
public record SafetensorsFile(Map<String, Tensor> tensors, Map<String, String> metadata) {

    /** The reference implementation's limit; real headers are a few kilobytes. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    /** Tensor data moves in slices of this size, so reading or writing never needs a second copy of a whole tensor. */
    private static final int CHUNK_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    public SafetensorsFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (!e.getKey().equals(e.getValue().name())) {
                throw new IllegalArgumentException("tensor " + e.getValue().name() + " is stored under key " + e.getKey());
            }
            if (e.getKey().equals(SafetensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException(SafetensorsHeader.METADATA_KEY + " is reserved and cannot name a tensor");
            }
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("metadata keys and values must not be null: " + e);
            }
        }
    }

    /** Builds a file from tensors in the order given. */
    public static SafetensorsFile of(List<Tensor> tensors, Map<String, String> metadata) {
        Map<String, Tensor> byName = new LinkedHashMap<>();
        for (Tensor t : tensors) {
            if (byName.put(t.name(), t) != null) {
                throw new IllegalArgumentException("two tensors are named " + t.name());
            }
        }
        return new SafetensorsFile(byName, metadata);
    }

    /** The tensor called {@code name}, or null. */
    public Tensor tensor(String name) {
        return tensors.get(name);
    }

    // ---------------------------------------------------------------- reading

    /** Reads and validates {@code file}; see the class comment for what is checked. */
    public static SafetensorsFile read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            if (fileSize < 8) {
                throw new ModelFormatException(file, fileSize, "file is " + fileSize + " bytes long, too short for the"
                        + " 8-byte header length of a safetensors file");
            }
            ByteBuffer lengthBytes = readFully(file, channel, 0, 8);
            long headerLength = lengthBytes.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            // Unsigned comparison: a length with the top bit set is larger than any file.
            if (Long.compareUnsigned(headerLength, Math.min(MAX_HEADER_BYTES, fileSize - 8)) > 0) {
                throw new ModelFormatException(file, 0, "header length " + Long.toUnsignedString(headerLength)
                        + " exceeds the " + (fileSize - 8) + " bytes after the length field (and the limit is "
                        + MAX_HEADER_BYTES + "); the file is truncated or not a safetensors file");
            }
            byte[] header = readFully(file, channel, 8, (int) headerLength).array();
            long dataStart = 8 + headerLength;
            List<SafetensorsHeader.Entry> entries = new ArrayList<>();
            Map<String, String> metadata = SafetensorsHeader.parse(file, header, fileSize - dataStart, entries);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (SafetensorsHeader.Entry e : entries) {
                long at = dataStart + e.begin();
                tensors.put(e.name(), new Tensor(e.name(), e.shape(), readFloats(file, channel, at, e.elements()), at));
            }
            return new SafetensorsFile(tensors, metadata);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "model file not found");
        }
    }

    private static float[] readFloats(Path file, FileChannel channel, long at, int count) throws IOException {
        float[] values = new float[count];
        for (int done = 0; done < count; ) {
            int n = Math.min(count - done, CHUNK_BYTES / 4);
            ByteBuffer bytes = readFully(file, channel, at + 4L * done, 4 * n);
            bytes.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values, done, n);
            done += n;
        }
        return values;
    }

    /** Reads exactly {@code length} bytes at {@code position}; the caller has checked them against the file size. */
    static ByteBuffer readFully(Path file, FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            // A file that shrinks while it is read ends early; report it rather than spinning or returning zeros.
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new ModelFormatException(file, position + buffer.position(), "file ended early, expected "
                        + length + " bytes from byte " + position + "; it was truncated while being read");
            }
        }
        return buffer.flip();
    }

    // ---------------------------------------------------------------- writing

    /** Writes this file atomically to {@code file} (see {@link AtomicFiles}). */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, this::writeTo);
    }

    /** Writes the safetensors bytes to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        byte[] header = headerBytes();
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
        out.write(length.array());
        out.write(header);
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors.values()) {
            float[] data = t.data();
            for (int done = 0; done < data.length; ) {
                int n = Math.min(data.length - done, CHUNK_BYTES / 4);
                chunk.clear();
                chunk.asFloatBuffer().put(data, done, n);
                out.write(chunk.array(), 0, 4 * n);
                done += n;
            }
        }
    }

    /** The JSON header, padded with spaces so that 8 + its length is a multiple of 8. */
    private byte[] headerBytes() throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put(SafetensorsHeader.METADATA_KEY, metadata);
        }
        long offset = 0;
        for (Tensor t : tensors.values()) {
            long end = offset + 4L * t.data().length;
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", SafetensorsHeader.F32);
            info.put("shape", t.shape());
            info.put("data_offsets", new long[] {offset, end});
            header.put(t.name(), info);
            offset = end;
        }
        byte[] json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] result = new byte[padded];
        System.arraycopy(json, 0, result, 0, json.length);
        for (int i = json.length; i < padded; i++) {
            result[i] = ' ';
        }
        return result;
    }
}
