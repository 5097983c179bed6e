package dev.nnj.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
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
 * quoted ({@code "a,b"}, with {@code ""} for a quote inside); a field cannot span lines. Empty lines are
 * skipped, before the header too; a line of spaces is not empty and is refused like any short row. An
 * empty, missing or non-numeric value, a NaN or infinite value is refused with the file, line and column,
 * invalid UTF-8 with the line and byte offset.
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
            String first = nextNonEmptyLine();
            if (first == null) {
                String what = line == 0 ? "file is empty" : "file has only empty lines";
                throw DatasetFormatException.atLine(file, line + 1, -1, what + "; expected a header row naming the columns");
            }
            headerLine = line;
            header = split(first);
            labelColumn = findLabelColumn();
            if (header.size() < 2) {
                throw DatasetFormatException.atLine(file, line, -1, "header has " + header.size()
                        + " column; expected a label column and at least one feature column");
            }
            for (String text; (text = nextNonEmptyLine()) != null; ) {
                readRow(split(text));
            }
            if (rows == 0) {
                // The position where a sample was expected: just past the last line.
                throw DatasetFormatException.atLine(file, line + 1, -1, "no samples after the header on line "
                        + headerLine + "; expected at least one row of values");
            }
            return build();
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

    /**
     * Splits a file into lines at the byte level and decodes each line on its own. A decoder reading
     * ahead through a large buffer would fail on a bad byte while the caller is still many lines earlier;
     * here the error names the bad byte's own line and file offset. Line breaks are LF, CRLF or a lone
     * CR, as for {@link java.io.BufferedReader#readLine}; their bytes never occur inside a UTF-8 sequence.
     */
    private static final class Utf8Lines implements AutoCloseable {
        private static final int MAX_LINE_BYTES = Integer.MAX_VALUE - 8;

        private final Path file;
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private long bufferStart;
        private int position;
        private int limit;
        private boolean skipLineFeed;
        private byte[] line = new byte[256];
        private CharBuffer chars = CharBuffer.allocate(256);
        private long lineStart;
        private long number;

        Utf8Lines(Path file) throws IOException {
            this.file = file;
            this.in = Files.newInputStream(file);
        }

        /** 1-based number of the line last returned by {@link #next}. */
        long number() {
            return number;
        }

        /** The next line without its line break, or null at the end of the file. */
        String next() throws IOException {
            int length = 0;
            boolean started = false;
            while (true) {
                if (position == limit && !fill()) {
                    return started ? decode(length) : null;
                }
                if (skipLineFeed) {
                    skipLineFeed = false;
                    if (buffer[position] == '\n') {
                        position++;
                        continue;
                    }
                }
                if (!started) {
                    started = true;
                    lineStart = bufferStart + position;
                    number++;
                }
                int from = position;
                while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                    position++;
                }
                length = append(length, from, position);
                if (position < limit) {
                    skipLineFeed = buffer[position++] == '\r';
                    return decode(length);
                }
            }
        }

        private boolean fill() throws IOException {
            bufferStart += limit;
            position = 0;
            limit = Math.max(0, in.read(buffer));
            return limit > 0;
        }

        private int append(int length, int from, int to) throws DatasetFormatException {
            int n = to - from;
            if (length + n > line.length) {
                if ((long) length + n > MAX_LINE_BYTES) {
                    throw DatasetFormatException.atLine(file, number, -1, "line is longer than " + MAX_LINE_BYTES
                            + " bytes; expected one sample per line");
                }
                line = Arrays.copyOf(line, (int) Math.min(MAX_LINE_BYTES, Math.max((long) length + n, 2L * line.length)));
            }
            System.arraycopy(buffer, from, line, length, n);
            return length + n;
        }

        private String decode(int length) throws DatasetFormatException {
            // UTF-8 never decodes to more chars than it has bytes, so one call decodes the whole line.
            if (chars.capacity() < length) {
                chars = CharBuffer.allocate(length);
            }
            chars.clear();
            ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
            CoderResult result = decoder.reset().decode(bytes, chars, true);
            if (result.isError()) {
                int at = bytes.position();
                throw DatasetFormatException.atLine(file, number, -1, String.format("byte %d of the file (0x%02x) is not"
                        + " valid UTF-8; save the file as UTF-8", lineStart + at, line[at] & 0xFF));
            }
            decoder.flush(chars);
            return chars.flip().toString();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
