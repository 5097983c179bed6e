package dev.nnj.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Reads one JSON document stored as a string in a model file's {@code __metadata__}, with errors that
 * name the file, the metadata key and the field ({@code architecture: layers[2].p must be …}).
 *
 * <p>Numbers are parsed as exact decimals and only then rounded to float, so a float written by
 * Jackson (the shortest decimal that identifies it) reads back as the same float; going through double
 * first could round twice and change the last bit, which would break bit-identical predictions.
 */
final class JsonFields {

    /**
     * Most JSON nnj reads is a few thousand tokens (784 features of preprocessing are about 1600). The
     * cap bounds the tree a hostile header can make Jackson build: a megabyte of {@code {},{},…} would
     * otherwise become hundreds of megabytes of nodes.
     */
    static final long MAX_TOKENS = 1_000_000;

    /** Strict (duplicate keys and trailing content refused), bounded, and exact for numbers. */
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxTokenCount(MAX_TOKENS).build())
            .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    /** Where safetensors headers start; metadata problems are reported at the header. */
    private static final long HEADER_OFFSET = 8;

    private final Path file;
    private final String key;

    JsonFields(Path file, String key) {
        this.file = file;
        this.key = key;
    }

    /** Parses {@code text}, which must be a JSON value of the given kind ("object" or "array"). */
    JsonNode parse(String text, boolean object) throws ModelFormatException {
        JsonNode node;
        try (JsonParser parser = MAPPER.createParser(text)) {
            node = readTree(parser);
        } catch (JsonProcessingException e) {
            throw error("", "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw error("", "cannot be parsed: " + e.getMessage());
        }
        if (node == null || (object ? !node.isObject() : !node.isArray())) {
            throw error("", "must be a JSON " + (object ? "object" : "array"));
        }
        return node;
    }

    /**
     * Reads one JSON document with {@link #MAPPER}. Jackson converts each decimal to a BigDecimal while it
     * builds the tree and lets BigDecimal's NumberFormatException for an exponent beyond the int range
     * ({@code 1e-2147483649}) escape unwrapped; it becomes a parse error at that number here, so that a
     * damaged file is refused like any other bad JSON.
     */
    static JsonNode readTree(JsonParser parser) throws IOException {
        try {
            return MAPPER.readTree(parser);
        } catch (NumberFormatException e) {
            throw new JsonParseException(parser, "number " + parser.getText() + " is outside the range nnj reads"
                    + " (its exponent must fit in 32 bits)", parser.currentTokenLocation(), e);
        }
    }

    ModelFormatException error(String path, String message) {
        return new ModelFormatException(file, HEADER_OFFSET, "metadata '" + key + "'" + (path.isEmpty() ? "" : ": " + path)
                + " " + message);
    }

    /** Refuses fields other than {@code allowed}: a misspelt or newer field must not be silently ignored. */
    void onlyFields(JsonNode object, String path, Set<String> allowed) throws ModelFormatException {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!allowed.contains(field.getKey())) {
                throw error(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), "is not a known field; expected "
                        + allowed);
            }
        }
    }

    JsonNode required(JsonNode object, String name, String path) throws ModelFormatException {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            throw error(join(path, name), "is missing");
        }
        return node;
    }

    String text(JsonNode object, String name, String path) throws ModelFormatException {
        JsonNode node = required(object, name, path);
        if (!node.isTextual()) {
            throw error(join(path, name), "must be a string, got " + node);
        }
        return node.textValue();
    }

    int integer(JsonNode object, String name, String path, int min) throws ModelFormatException {
        JsonNode node = required(object, name, path);
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min) {
            throw error(join(path, name), "must be an integer >= " + min + ", got " + node);
        }
        return node.intValue();
    }

    long longValue(JsonNode object, String name, String path) throws ModelFormatException {
        JsonNode node = required(object, name, path);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw error(join(path, name), "must be a 64-bit integer, got " + node);
        }
        return node.longValue();
    }

    float floatValue(JsonNode node, String path) throws ModelFormatException {
        if (node == null || !node.isNumber()) {
            throw error(path, "must be a number, got " + node);
        }
        float value = Float.parseFloat(node.decimalValue().toString());
        if (!Float.isFinite(value)) {
            throw error(path, "is outside the float range: " + node);
        }
        return value;
    }

    float floatField(JsonNode object, String name, String path) throws ModelFormatException {
        return floatValue(required(object, name, path), join(path, name));
    }

    /** A double that may be absent or null (meaning "not measured"), returned as NaN. */
    double optionalDouble(JsonNode object, String name, String path) throws ModelFormatException {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return Double.NaN;
        }
        if (!node.isNumber()) {
            throw error(join(path, name), "must be a number or null, got " + node);
        }
        double value = Double.parseDouble(node.decimalValue().toString());
        if (!Double.isFinite(value)) {
            throw error(join(path, name), "is outside the double range: " + node);
        }
        return value;
    }

    float[] floatArray(JsonNode object, String name, String path, int length) throws ModelFormatException {
        JsonNode node = required(object, name, path);
        if (!node.isArray() || node.size() != length) {
            throw error(join(path, name), "must be an array of " + length + " numbers, got "
                    + (node.isArray() ? node.size() + " elements" : node.getNodeType().toString()));
        }
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = floatValue(node.get(i), join(path, name) + "[" + i + "]");
        }
        return values;
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** JSON has no NaN: "not measured" values are written as null. */
    static Double nullIfNaN(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
