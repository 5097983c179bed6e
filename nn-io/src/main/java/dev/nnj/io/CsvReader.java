package dev.nnj.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * quoted ({@code "a,b"}, with {@code ""} for a quote inside); a field cannot span lines. Blank lines are
 * skipped. An empty, missing or non-numeric value, a NaN or infinite value, or invalid UTF-8 is refused
 * with the file, line and column.
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
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16)) {
            return new Parse(file, format, classNames, in).run();
        }
    }

    /** The state of one read: the line counter, the header and the growing value arrays. */
    private static final class Parse {
        private final Path file;
        private final CsvFormat format;
        private final List<String> knownClasses;
        private final BufferedReader in;
        private long line;
        private List<String> header;
        private int labelColumn;
        private float[] features = new float[1024];
        private int featureValues;
        private int[] labels = new int[256];
        private int rows;
        private final Map<String, Integer> labelIds = new HashMap<>();
        private final List<String> labelsInOrderSeen = new ArrayList<>();

        Parse(Path file, CsvFormat format, List<String> knownClasses, BufferedReader in) {
            this.file = file;
            this.format = format;
            this.knownClasses = knownClasses;
            this.in = in;
        }

        LabeledData run() throws IOException {
            String first = nextLine();
            if (first == null) {
                throw DatasetFormatException.atLine(file, 1, -1, "file is empty; expected a header row naming the columns");
            }
            header = split(first.startsWith("\uFEFF") ? first.substring(1) : first);
            labelColumn = findLabelColumn();
            if (header.size() < 2) {
                throw DatasetFormatException.atLine(file, line, -1, "header has " + header.size()
                        + " column; expected a label column and at least one feature column");
            }
            for (String text; (text = nextLine()) != null; ) {
                if (!text.isEmpty()) {
                    readRow(split(text));
                }
            }
            if (rows == 0) {
                throw DatasetFormatException.atLine(file, line + 1, -1, "no samples after the header");
            }
            return build();
        }

        private String nextLine() throws IOException {
            try {
                String text = in.readLine();
                line++;
                return text;
            } catch (CharacterCodingException e) {
                throw DatasetFormatException.atLine(file, line + 1, -1, "not valid UTF-8; save the file as UTF-8", e);
            }
        }

        private int findLabelColumn() throws DatasetFormatException {
            if (format.labelName() != null) {
                int at = header.indexOf(format.labelName());
                if (at < 0) {
                    throw DatasetFormatException.atLine(file, 1, -1, "no column named '" + format.labelName()
                            + "' for the label; the header has " + header);
                }
                return at;
            }
            int at = format.labelIndex() < 0 ? header.size() + format.labelIndex() : format.labelIndex();
            if (at < 0 || at >= header.size()) {
                throw DatasetFormatException.atLine(file, 1, -1, "label column index " + format.labelIndex()
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
            int f = header.size() - 1;
            if ((long) featureValues + f > Integer.MAX_VALUE - 8) {
                throw DatasetFormatException.atLine(file, line, -1, "more feature values than one array can hold");
            }
            if (featureValues + f > features.length) {
                features = Arrays.copyOf(features, (int) Math.min(Integer.MAX_VALUE - 8,
                        Math.max((long) featureValues + f, 2L * features.length)));
            }
            if (rows == labels.length) {
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
                throw error(c, "'" + shorten(value) + "' is not a number");
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

        private static String shorten(String value) {
            return value.length() <= 40 ? value : value.substring(0, 40) + "…";
        }
    }
}
