package dev.nnj.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and validates the JSON header of a safetensors file. Everything is checked before any tensor
 * memory is allocated: UTF-8, JSON syntax (duplicate keys and trailing content refused, at most
 * {@link JsonFields#MAX_TOKENS} tokens), the exact set of
 * fields of each tensor, dtype F32 only, non-negative shapes whose byte size does not overflow, and data
 * offsets that are ordered, contiguous and cover exactly the bytes after the header.
 */
final class SafetensorsHeader {

    static final String METADATA_KEY = "__metadata__";
    static final String F32 = "F32";

    /** Offset of the header in the file: error positions inside the header are reported from here. */
    private static final long HEADER_START = 8;

    private static final Set<String> TENSOR_FIELDS = Set.of("dtype", "shape", "data_offsets");


    /** A validated tensor entry: {@code elements} float32 values at data bytes [begin, end). */
    record Entry(String name, int[] shape, long begin, long end, int elements) {
    }

    private SafetensorsHeader() {
    }

    /**
     * Validates {@code header} against a data section of {@code dataLength} bytes, adds the tensor entries
     * to {@code entries} in data order and returns the metadata.
     */
    static Map<String, String> parse(Path file, byte[] header, long dataLength, List<Entry> entries)
            throws ModelFormatException {
        checkUtf8(file, header);
        if (header.length == 0 || header[0] != '{') {
            throw new ModelFormatException(file, HEADER_START, "header must be a JSON object starting with '{'");
        }
        JsonNode root;
        try (JsonParser parser = JsonFields.MAPPER.createParser(header)) {
            root = JsonFields.readTree(parser);
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
            throw new ModelFormatException(file, at < 0 ? HEADER_START : HEADER_START + at,
                    "header is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelFormatException(file, HEADER_START, "header cannot be parsed: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFormatException(file, HEADER_START, "header must be a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> found = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equals(METADATA_KEY)) {
                readMetadata(file, field.getValue(), metadata);
            } else {
                found.add(readEntry(file, field.getKey(), field.getValue()));
            }
        }
        checkLayout(file, found, header.length, dataLength);
        entries.addAll(found);
        return metadata;
    }

    private static void checkUtf8(Path file, byte[] header) throws ModelFormatException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(header);
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                throw new ModelFormatException(file, HEADER_START + in.position(), "header is not valid UTF-8");
            }
            if (result.isUnderflow()) {
                return;
            }
            out.clear();
        }
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> metadata) throws ModelFormatException {
        if (!node.isObject()) {
            throw new ModelFormatException(file, HEADER_START, "header field " + METADATA_KEY
                    + " must be an object of strings, got " + node.getNodeType());
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw new ModelFormatException(file, HEADER_START, "header field " + METADATA_KEY + "." + e.getKey()
                        + " must be a string, got " + e.getValue().getNodeType());
            }
            metadata.put(e.getKey(), e.getValue().textValue());
        }
    }

    private static Entry readEntry(Path file, String name, JsonNode node) throws ModelFormatException {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw new ModelFormatException(file, HEADER_START, where + " must be an object with dtype, shape and data_offsets");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            if (!TENSOR_FIELDS.contains(key)) {
                throw new ModelFormatException(file, HEADER_START, where + " has unknown field '" + key
                        + "'; expected only dtype, shape and data_offsets");
            }
        }
        JsonNode dtype = node.get("dtype");
        if (dtype == null || !dtype.isTextual()) {
            throw new ModelFormatException(file, HEADER_START, where + ": dtype is missing or not a string");
        }
        if (!dtype.textValue().equals(F32)) {
            throw new ModelFormatException(file, HEADER_START, where + " has dtype " + dtype.textValue()
                    + "; nnj reads only F32 tensors (convert in PyTorch with tensor.float() before saving)");
        }
        long[] shape = nonNegativeLongs(file, where + ".shape", node.get("shape"), -1);
        long[] offsets = nonNegativeLongs(file, where + ".data_offsets", node.get("data_offsets"), 2);
        int[] dims = new int[shape.length];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            // Every tensor must fit in one Java array; this also keeps the product below overflow.
            if (shape[i] > Integer.MAX_VALUE - 8 || (elements = elements * shape[i]) > Integer.MAX_VALUE - 8) {
                throw new ModelFormatException(file, HEADER_START, where + " has shape " + text(shape)
                        + " with more elements than one tensor can hold (" + (Integer.MAX_VALUE - 8) + ")");
            }
            dims[i] = (int) shape[i];
        }
        if (offsets[1] < offsets[0] || offsets[1] - offsets[0] != 4 * elements) {
            throw new ModelFormatException(file, HEADER_START, where + " has data_offsets " + text(offsets) + " ("
                    + (offsets[1] - offsets[0]) + " bytes) but shape " + text(shape) + " needs " + 4 * elements + " bytes");
        }
        return new Entry(name, dims, offsets[0], offsets[1], (int) elements);
    }

    private static long[] nonNegativeLongs(Path file, String where, JsonNode node, int expectedLength)
            throws ModelFormatException {
        if (node == null || !node.isArray() || (expectedLength >= 0 && node.size() != expectedLength)) {
            throw new ModelFormatException(file, HEADER_START, where + " must be an array of "
                    + (expectedLength >= 0 ? expectedLength + " " : "") + "non-negative integers");
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw new ModelFormatException(file, HEADER_START, where + "[" + i + "] must be a non-negative integer"
                        + " below 2^63, got " + v);
            }
            values[i] = v.longValue();
        }
        return values;
    }

    /** The tensors must tile the data section: sorted by offset they start at 0, touch, and end at its end. */
    private static void checkLayout(Path file, List<Entry> entries, long headerLength, long dataLength) throws ModelFormatException {
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : entries) {
            if (e.begin() != expected) {
                throw new ModelFormatException(file, HEADER_START, "tensor '" + e.name() + "' starts at data offset "
                        + e.begin() + " but the previous tensor ends at " + expected
                        + (e.begin() < expected ? " (overlapping data)" : " (a gap in the data)"));
            }
            expected = e.end();
        }
        if (expected != dataLength) {
            long dataStart = HEADER_START + headerLength;
            throw new ModelFormatException(file, dataStart + Math.min(expected, dataLength),
                    "tensors cover " + expected + " data bytes but the file has " + dataLength
                    + " bytes after the header; the file is truncated or has trailing data");
        }
    }

    private static String text(long[] values) {
        return Arrays.toString(values);
    }
}
