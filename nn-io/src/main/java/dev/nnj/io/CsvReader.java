package dev.nnj.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a classification data set from a UTF-8 CSV file: a header row naming the columns, then one
 * sample per line; one column is the class label (any text), the others numeric features. Fields may be
 * quoted ({@code "a,b"}, with {@code ""} for a quote inside); a field cannot span lines. Empty lines are
 * skipped, before the header too; a line of spaces is not empty and is refused like any short row. An
 * empty, missing or non-numeric value, a NaN or infinite value is refused with the file, line and column,
 * invalid UTF-8 with the line and byte offset.
 *
 * {@link #readFeatures} reads a file without a label column.
 *
 * <p>Labels become class indices in sorted order (numerically when every label is an integer, so "10"
 * comes after "9"), unless the class names are given, e.g. those stored in a model when reading test
 * data: then each label must be one of them and keeps the model's index.
 */
public final class CsvReader {

    /**
     * A decimal number: no hex, no Java suffixes such as 'f', no NaN or Infinity. Possessive quantifiers
     * keep matching linear: with plain ones, a long run of digits followed by a bad character makes the
     * engine try every split of the digits between the integer and fraction parts.
     */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d++(?:\\.\\d*+)?|\\.\\d++)(?:[eE][+-]?\\d++)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");

    private CsvReader() {
    }

    /** Reads {@code file}, deriving the class names from the labels found. */
    public static LabeledData read(Path file, CsvFormat format) throws IOException {
        return read(file, format, null);
    }

    /** Reads {@code file}; if {@code classNames} is not null, labels must be among them and map to their index. */
    public static LabeledData read(Path file, CsvFormat format, List<String> classNames) throws IOException {
        try (Utf8Lines lines = new Utf8Lines(file)) {
            return new Parse(file, format, classNames, lines).run();
        }
    }

    /** The column names in the header row of {@code file}, its first line that is not empty. */
    public static List<String> header(Path file, char delimiter) throws IOException {
        try (Utf8Lines lines = new Utf8Lines(file)) {
            Parse parse = new Parse(file, new CsvFormat(delimiter, null, -1), null, lines);
            parse.readHeader();
            return List.copyOf(parse.header);
        }
    }

    /**
     * Reads {@code file} with every column a numeric feature and no label column: new samples to predict,
     * under the same rules and with the same errors as {@link #read}.
     */
    public static Features readFeatures(Path file, char delimiter) throws IOException {
        try (Utf8Lines lines = new Utf8Lines(file)) {
            return new Parse(file, new CsvFormat(delimiter, null, -1), null, lines).runFeatures();
        }
    }

    /**
     * The values of a CSV file without labels, row-major, one per column of the header.
     *
     * @param values  {@code rows() × columns().size()} values
     * @param columns the header's column names
     */
    public record Features(float[] values, List<String> columns) {

        public int rows() {
            return values.length / columns.size();
        }
    }

    /** The state of one read: the header and the growing value arrays. */
    private static final class Parse {
        private final Path file;
        private final CsvFormat format;
        private final List<String> knownClasses;
        private final Utf8Lines lines;
        private long line;
        private long headerLine;
        private List<String> header;
        private int labelColumn;
        private float[] features = new float[1024];
        private int featureValues;
        private int[] labels = new int[256];
        private int rows;
        private final Map<String, Integer> labelIds = new HashMap<>();
        private final List<String> labelsInOrderSeen = new ArrayList<>();

        Parse(Path file, CsvFormat format, List<String> knownClasses, Utf8Lines lines) {
            this.file = file;
            this.format = format;
            this.knownClasses = knownClasses;
            this.lines = lines;
        }

        LabeledData run() throws IOException {
            readHeader();
            labelColumn = findLabelColumn();
            if (header.size() < 2) {
                // A single column is most often a file split with another delimiter: say which one was used.
                throw DatasetFormatException.atLine(file, headerLine, -1, "header has " + header.size()
                        + " column when split at " + describe(format.delimiter())
                        + "; expected a label column and at least one feature column");
            }
            readRows();
            return build();
        }

        /** Every column a feature: no label column. */
        Features runFeatures() throws IOException {
            readHeader();
            labelColumn = -1;
            readRows();
            return new Features(Arrays.copyOf(features, featureValues), List.copyOf(header));
        }

        void readHeader() throws IOException {
            String first = nextNonEmptyLine();
            if (first == null) {
                String what = line == 0 ? "file is empty" : "file has only empty lines";
                throw DatasetFormatException.atLine(file, line + 1, -1, what + "; expected a header row naming the columns");
            }
            headerLine = line;
            header = split(first);
        }

        private void readRows() throws IOException {
            for (String text; (text = nextNonEmptyLine()) != null; ) {
                readRow(split(text));
            }
            if (rows == 0) {
                // The position where a sample was expected: just past the last line.
                throw DatasetFormatException.atLine(file, line + 1, -1, "no samples after the header on line "
                        + headerLine + "; expected at least one row of values");
            }
        }

        /** The next line that is not empty, without a byte order mark at the start of the file, or null at the end. */
        private String nextNonEmptyLine() throws IOException {
            for (String text; (text = lines.next()) != null; ) {
                line = lines.number();
                if (line == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (!text.isEmpty()) {
                    return text;
                }
            }
            return null;
        }

        private int findLabelColumn() throws DatasetFormatException {
            if (format.labelName() != null) {
                int at = header.indexOf(format.labelName());
                if (at < 0) {
                    throw DatasetFormatException.atLine(file, headerLine, -1, "no column named '" + format.labelName()
                            + "' for the label; the header has " + header);
                }
                return at;
            }
            int at = format.labelIndex() < 0 ? header.size() + format.labelIndex() : format.labelIndex();
            if (at < 0 || at >= header.size()) {
                throw DatasetFormatException.atLine(file, headerLine, -1, "label column index " + format.labelIndex()
                        + " is outside the header's " + header.size() + " columns");
            }
            return at;
        }

        private void readRow(List<String> fields) throws DatasetFormatException {
            if (fields.size() != header.size()) {
                int column = Math.min(fields.size(), header.size()) + 1;
                throw DatasetFormatException.atLine(file, line, column, "line has " + fields.size()
                        + " fields, expected " + header.size() + " as in the header");
            }
            int f = header.size() - (labelColumn >= 0 ? 1 : 0);
            if ((long) featureValues + f > Integer.MAX_VALUE - 8) {
                throw DatasetFormatException.atLine(file, line, -1, "more feature values than one array can hold");
            }
            if (featureValues + f > features.length) {
                features = Arrays.copyOf(features, (int) Math.min(Integer.MAX_VALUE - 8,
                        Math.max((long) featureValues + f, 2L * features.length)));
            }
            if (labelColumn >= 0 && rows == labels.length) {
                labels = Arrays.copyOf(labels, 2 * rows);
            }
            for (int c = 0; c < fields.size(); c++) {
                String value = fields.get(c).strip();
                if (value.isEmpty()) {
                    throw error(c, "empty value; expected " + (c == labelColumn ? "a class label" : "a number"));
                }
                if (c == labelColumn) {
                    labels[rows] = labelId(value, c);
                } else {
                    features[featureValues++] = number(value, c);
                }
            }
            rows++;
        }

        private float number(String value, int c) throws DatasetFormatException {
            if (!NUMBER.matcher(value).matches()) {
                // Text in a feature column is most often the label column left unnamed, or a categorical
                // feature: say which column is taken as the label.
                throw error(c, "'" + shorten(value) + "' is not a number; "
                        + (labelColumn >= 0 ? "only the label column ('" + header.get(labelColumn) + "') may hold text"
                        : "without a label column every column must be numeric")
                        + ", so encode a categorical feature as numbers");
            }
            float v = Float.parseFloat(value);
            if (!Float.isFinite(v)) {
                throw error(c, "'" + shorten(value) + "' is outside the float range");
            }
            return v;
        }

        private int labelId(String value, int c) throws DatasetFormatException {
            if (knownClasses != null) {
                int id = knownClasses.indexOf(value);
                if (id < 0) {
                    throw error(c, "label '" + shorten(value) + "' is not one of the model's classes " + knownClasses);
                }
                return id;
            }
            Integer id = labelIds.get(value);
            if (id == null) {
                id = labelsInOrderSeen.size();
                labelIds.put(value, id);
                labelsInOrderSeen.add(value);
            }
            return id;
        }

        private DatasetFormatException error(int c, String message) {
            return DatasetFormatException.atLine(file, line, c + 1, "column '" + header.get(c) + "': " + message);
        }

        /** Replaces first-seen label ids by sorted ones, so that the class order does not depend on row order. */
        private LabeledData build() {
            List<String> names = knownClasses;
            int[] finalLabels = Arrays.copyOf(labels, rows);
            if (names == null) {
                List<String> sorted = new ArrayList<>(labelsInOrderSeen);
                boolean numeric = sorted.stream().allMatch(s -> INTEGER.matcher(s).matches());
                sorted.sort(numeric ? (a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)) : String::compareTo);
                int[] remap = new int[sorted.size()];
                for (int k = 0; k < sorted.size(); k++) {
                    remap[labelIds.get(sorted.get(k))] = k;
                }
                for (int i = 0; i < rows; i++) {
                    finalLabels[i] = remap[finalLabels[i]];
                }
                names = sorted;
            }
            List<String> featureNames = new ArrayList<>(header);
            featureNames.remove(labelColumn);
            return LabeledData.ofFloats(Arrays.copyOf(features, featureValues), header.size() - 1, finalLabels, names,
                    featureNames);
        }

        /** Splits one line into fields, honouring double quotes. */
        private List<String> split(String text) throws DatasetFormatException {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        field.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == format.delimiter()) {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(ch);
                }
            }
            if (quoted) {
                throw DatasetFormatException.atLine(file, line, fields.size() + 1, "unterminated quote; a quoted field"
                        + " must close on the same line");
            }
            fields.add(field.toString());
            return fields;
        }

        private static String describe(char delimiter) {
            return delimiter == '\t' ? "tabs" : "'" + delimiter + "'";
        }

        private static String shorten(String value) {
            return value.length() <= 40 ? value : value.substring(0, 40) + "…";
        }
    }
}
