package dev.nnj.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        return TestFiles.write(dir, "data.csv", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aHeaderOfOneColumnNamesTheDelimiterItWasSplitAt() throws IOException {
        Path file = csv("a;b;label\n1;2;x\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> CsvReader.read(file, CsvFormat.labelAt(-1)));
        assertTrue(e.getMessage().contains("line 1: header has 1 column when split at ','; expected a label column"),
                e.getMessage());
        Path tsv = csv("a,b,label\n1,2,x\n");
        e = assertThrows(DatasetFormatException.class, () -> CsvReader.read(tsv, CsvFormat.labelAt(-1).withDelimiter('\t')));
        assertTrue(e.getMessage().contains("header has 1 column when split at tabs;"), e.getMessage());
    }

    @Test
    void readsFeaturesAndMapsTextLabelsInSortedOrder() throws IOException {
        Path file = csv("sepal,species,petal\n5.1,virginica,1.4\n4.9,setosa,-2e-1\n\n\"6\",\"versi,color\",.5\n");
        LabeledData data = CsvReader.read(file, CsvFormat.labelNamed("species"));
        assertEquals(3, data.size());
        assertEquals(2, data.featureCount());
        assertEquals(List.of("sepal", "petal"), data.featureNames());
        assertEquals(List.of("setosa", "versi,color", "virginica"), data.classNames());
        assertEquals(2, data.label(0));
        assertEquals(0, data.label(1));
        assertEquals(1, data.label(2));
        assertEquals(5.1f, data.feature(0, 0));
        assertEquals(-0.2f, data.feature(1, 1));
        assertEquals(6f, data.feature(2, 0));
        assertEquals(0.5f, data.feature(2, 1));
    }

    @Test
    void readsEveryColumnAsAFeatureWithoutALabel() throws IOException {
        Path file = csv("\uFEFF\n\"sepal; length\";width\n5.1;-2e-1\n\n\"6\";.5\n");
        assertEquals(List.of("sepal; length", "width"), CsvReader.header(file, ';'));
        CsvReader.Features features = CsvReader.readFeatures(file, ';');
        assertEquals(List.of("sepal; length", "width"), features.columns());
        assertEquals(2, features.rows());
        assertArrayEquals(new float[] {5.1f, -0.2f, 6f, 0.5f}, features.values());

        DatasetFormatException text = assertThrows(DatasetFormatException.class,
                () -> CsvReader.readFeatures(csv("a,b\n1,2\n3,setosa\n"), ','));
        assertEquals(3, text.line());
        assertEquals(2, text.column());
        assertTrue(text.getMessage().contains("column 'b': 'setosa' is not a number; without a label column every"
                + " column must be numeric, so encode a categorical feature as numbers"), text.getMessage());
    }

    /** The label column defaults to the last: text elsewhere is often the label column, not named. */
    @Test
    void textInAFeatureColumnNamesTheColumnTakenAsTheLabel() throws IOException {
        Path file = csv("species,length,width\nsetosa,5.1,3.5\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> CsvReader.read(file, CsvFormat.labelAt(-1)));
        assertTrue(e.getMessage().endsWith("line 2, column 1: column 'species': 'setosa' is not a number; only the label"
                + " column ('width') may hold text, so encode a categorical feature as numbers"), e.getMessage());
    }

    @Test
    void numericLabelsSortNumericallyAndIndexMayCountFromTheEnd() throws IOException {
        Path file = csv("a;b;class\r\n1;2;10\r\n3;4;9\r\n5;6;10\r\n");
        LabeledData data = CsvReader.read(file, CsvFormat.labelAt(-1).withDelimiter(';'));
        assertEquals(List.of("9", "10"), data.classNames());
        assertEquals(1, data.label(0));
        assertEquals(0, data.label(1));
        assertEquals(4f, data.feature(1, 1));
    }

    @Test
    void knownClassesKeepTheirIndices() throws IOException {
        Path file = csv("x,y\n1,cat\n2,dog\n");
        LabeledData data = CsvReader.read(file, CsvFormat.labelNamed("y"), List.of("dog", "bird", "cat"));
        assertEquals(2, data.label(0));
        assertEquals(0, data.label(1));
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> CsvReader.read(file, CsvFormat.labelNamed("y"), List.of("dog")));
        assertEquals(2, e.line());
        assertEquals(2, e.column());
    }

    private DatasetFormatException refused(String text, CsvFormat format) throws IOException {
        Path file = csv(text);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> CsvReader.read(file, format));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e;
    }

    @Test
    void badValuesNameLineAndColumn() throws IOException {
        CsvFormat label = CsvFormat.labelNamed("label");
        DatasetFormatException empty = refused("a,b,label\n1,2,x\n3,,y\n", label);
        assertEquals(3, empty.line());
        assertEquals(2, empty.column());
        assertTrue(empty.getMessage().contains("column 'b': empty value"), empty.getMessage());
        DatasetFormatException word = refused("a,b,label\n1,abc,x\n", label);
        assertEquals(2, word.line());
        assertTrue(word.getMessage().contains("'abc' is not a number"));
        assertTrue(refused("a,b,label\n1,NaN,x\n", label).getMessage().contains("'NaN' is not a number"));
        assertTrue(refused("a,b,label\n1,1e39,x\n", label).getMessage().contains("outside the float range"));
        assertTrue(refused("a,b,label\n1,0x10,x\n", label).getMessage().contains("not a number"));
        DatasetFormatException missing = refused("a,b,label\n1,2\n", label);
        assertEquals(3, missing.column());
        assertTrue(missing.getMessage().contains("2 fields, expected 3"));
        assertEquals(2, refused("a,b,label\n1,2,\n", label).column() - 1);
        assertTrue(refused("a,b,label\n1,\"2,x\n", label).getMessage().contains("unterminated quote"));
        assertTrue(refused("", label).getMessage().contains("empty"));
        assertTrue(refused("a,b,label\n", label).getMessage().contains("no samples"));
        assertTrue(refused("a,b\n1,2\n", label).getMessage().contains("no column named 'label'"));
        assertTrue(refused("a,b\n1,2\n", CsvFormat.labelAt(5)).getMessage().contains("outside"));
    }

    /** A huge almost-number must be refused in linear time, not by backtracking through every digit split. */
    @Test
    @Timeout(10)
    void longDigitRunsAreRefusedQuickly() throws IOException {
        String digits = "9".repeat(200_000);
        assertTrue(refused("a,label\n" + digits + "x,y\n", CsvFormat.labelNamed("label")).getMessage().contains("not a number"));
        assertTrue(refused("a,label\n" + digits + "." + digits + "e,y\n", CsvFormat.labelNamed("label"))
                .getMessage().contains("not a number"));
        assertTrue(refused("a,label\n" + digits + ",y\n", CsvFormat.labelNamed("label")).getMessage().contains("float range"));
    }

    /** Writes {@code lines} joined by {@code break}, each as UTF-8, with {@code bad} bytes put in at {@code offset}. */
    private Path withBytes(List<String> lines, String lineBreak, int offset, byte... bad) throws IOException {
        byte[] text = (String.join(lineBreak, lines) + lineBreak).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bad, 0, text, offset, bad.length);
        return TestFiles.write(dir, "bad.csv", text);
    }

    private static List<String> rows(int count) {
        List<String> lines = new ArrayList<>(List.of("a,label"));
        for (int i = 1; i < count; i++) {
            lines.add(i + ",x");
        }
        return lines;
    }

    /** The byte offset where line {@code number} (1-based) starts, counted from the lines themselves. */
    private static int startOf(List<String> lines, String lineBreak, int number) {
        int offset = 0;
        for (int i = 0; i < number - 1; i++) {
            offset += lines.get(i).getBytes(StandardCharsets.UTF_8).length + lineBreak.length();
        }
        return offset;
    }

    @Test
    void invalidUtf8NamesItsOwnLineAndByte() throws IOException {
        // 201 lines, a 0xFF in place of the label of line 150 (the 'x' after "149,").
        List<String> lines = rows(201);
        int at = startOf(lines, "\n", 150) + 4;
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> CsvReader.read(withBytes(lines, "\n", at, (byte) 0xFF), CsvFormat.labelNamed("label")));
        assertEquals(150, e.line());
        assertTrue(e.getMessage().contains("byte " + at + " of the file (0xff) is not valid UTF-8"), e.getMessage());

        // Far past the first 64 KiB, with CRLF line breaks.
        List<String> many = rows(20_000);
        int far = startOf(many, "\r\n", 15_000);
        e = assertThrows(DatasetFormatException.class,
                () -> CsvReader.read(withBytes(many, "\r\n", far, (byte) 0xC3, (byte) '4'), CsvFormat.labelNamed("label")));
        assertEquals(15_000, e.line());
        assertTrue(e.getMessage().contains("byte " + far + " of the file (0xc3)"), e.getMessage());

        // A sequence cut by the end of the line belongs to that line, not the next.
        e = assertThrows(DatasetFormatException.class,
                () -> CsvReader.read(withBytes(lines, "\n", startOf(lines, "\n", 3) - 2, (byte) 0xE2), CsvFormat.labelAt(-1)));
        assertEquals(2, e.line());
    }

    @Test
    void multiByteCharactersAndLoneCarriageReturnsSurviveTheByteLevelSplit() throws IOException {
        // The two bytes of 'ü' straddle the reader's 64 KiB buffer boundary on some line; every label must read back.
        StringBuilder text = new StringBuilder("a,label\r");
        int rows = 0;
        while (text.length() < 3 * 65536) {
            text.append(rows).append(rows % 2 == 0 ? ",grün\r" : ",blau\r\n");
            rows++;
        }
        LabeledData data = CsvReader.read(csv(text.toString()), CsvFormat.labelNamed("label"));
        assertEquals(rows, data.size());
        assertEquals(List.of("blau", "grün"), data.classNames());
        for (int i = 0; i < rows; i++) {
            assertEquals(i % 2 == 0 ? 1 : 0, data.label(i));
            assertEquals(i, data.feature(i, 0));
        }
    }

    @Test
    void emptyLinesBeforeTheHeaderAreSkippedAndHeaderOnlyFilesNameTheLineAfterIt() throws IOException {
        LabeledData data = CsvReader.read(csv("\n\r\na,label\n\n7,x\n"), CsvFormat.labelNamed("label"));
        assertEquals(List.of("a"), data.featureNames());
        assertEquals(1, data.size());
        assertEquals(7f, data.feature(0, 0));
        assertEquals(5, refused("\n\na,label\n3,x\n?,y\n", CsvFormat.labelNamed("label")).line());
        DatasetFormatException noLabel = refused("\n\na,b\n1,2\n", CsvFormat.labelNamed("label"));
        assertEquals(3, noLabel.line());

        DatasetFormatException headerOnly = refused("a,b,label\n", CsvFormat.labelNamed("label"));
        assertEquals(2, headerOnly.line());
        assertTrue(headerOnly.getMessage().contains("no samples after the header on line 1"), headerOnly.getMessage());
        assertEquals(2, refused("a,b,label", CsvFormat.labelNamed("label")).line());
        assertEquals(5, refused("\na,b,label\n\n\n", CsvFormat.labelNamed("label")).line());
        DatasetFormatException blank = refused("\n\n", CsvFormat.labelNamed("label"));
        assertEquals(3, blank.line());
        assertTrue(blank.getMessage().contains("expected a header row"), blank.getMessage());
    }
}
