package dev.nnj.cli;

import dev.nnj.io.DatasetFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a CSV file of features only, without a label column: what {@code nnj predict} is given for new
 * samples. nn-io's CsvReader always takes one column as the label, hence this reader; it follows the
 * same rules (a header row, then one sample per line; quoted fields; empty lines and a byte order mark
 * skipped) and reports errors the same way, with the file, line and column.
 */
final class FeatureCsv implements AutoCloseable {

    /** A decimal number as CsvReader accepts it: no hex, no Java suffixes, no NaN or Infinity. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d++(?:\\.\\d*+)?|\\.\\d++)(?:[eE][+-]?\\d++)?");

    private final Path file;
    private final char delimiter;
    private final BufferedReader in;
    private long line;

    private FeatureCsv(Path file, char delimiter) throws IOException {
        this.file = file;
        this.delimiter = delimiter;
        // Lenient UTF-8: a bad byte becomes U+FFFD, so that in a value it is refused as "not a number" at its
        // own line and column, and in a header name it does no harm. A strict reader would fail ahead of the
        // line it decodes, at a line number that is wrong.
        this.in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
    }

    /** The column names of {@code file}'s header row. */
    static List<String> header(Path file, char delimiter) throws IOException {
        try (FeatureCsv csv = new FeatureCsv(file, delimiter)) {
            return csv.readHeader();
        }
    }

    /** Every row of {@code file}, every column a feature. */
    static PredictionInput read(Path file, char delimiter) throws IOException {
        try (FeatureCsv csv = new FeatureCsv(file, delimiter)) {
            List<String> header = csv.readHeader();
            int columns = header.size();
            float[] values = new float[64 * columns];
            int count = 0;
            for (List<String> fields; (fields = csv.nextRow()) != null; ) {
                if (fields.size() != columns) {
                    throw csv.error(Math.min(fields.size(), columns), "line has " + fields.size() + " fields, expected "
                            + columns + " as in the header");
                }
                if (count + columns > values.length) {
                    if ((long) count + columns > Integer.MAX_VALUE - 8) {
                        throw csv.error(-1, "more feature values than one array can hold");
                    }
                    values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8, 2L * values.length));
                }
                for (int c = 0; c < columns; c++) {
                    values[count++] = csv.number(fields.get(c), c, header.get(c));
                }
            }
            if (count == 0) {
                throw csv.error(-1, "no samples after the header; expected at least one row of values");
            }
            return PredictionInput.ofFeatures(Arrays.copyOf(values, count), columns);
        }
    }

    private List<String> readHeader() throws IOException {
        List<String> header = nextRow();
        if (header == null) {
            throw error(-1, "file has no header row; expected one naming the columns");
        }
        return header;
    }

    /** The fields of the next line that is not empty, or null at the end of the file. */
    private List<String> nextRow() throws IOException {
        for (String text; (text = in.readLine()) != null; ) {
            line++;
            if (line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (!text.isEmpty()) {
                return split(text);
            }
        }
        return null;
    }

    private float number(String field, int c, String name) throws DatasetFormatException {
        String value = field.strip();
        if (!NUMBER.matcher(value).matches()) {
            throw error(c, "column '" + name + "': " + (value.isEmpty() ? "empty value; expected a number"
                    : "'" + shorten(value) + "' is not a number"));
        }
        float v = Float.parseFloat(value);
        if (!Float.isFinite(v)) {
            throw error(c, "column '" + name + "': '" + shorten(value) + "' is outside the float range");
        }
        return v;
    }

    /** Splits one line into fields; a field in double quotes may hold the delimiter, and "" for a quote. */
    private List<String> split(String text) throws DatasetFormatException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted && ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (ch == delimiter && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw error(fields.size(), "unterminated quote; a quoted field must close on the same line");
        }
        fields.add(field.toString());
        return fields;
    }

    /** An error at the current line and 0-based column {@code c} (-1 for the whole line). */
    private DatasetFormatException error(int c, String message) {
        return DatasetFormatException.atLine(file, Math.max(line, 1), c < 0 ? -1 : c + 1, message);
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
