package dev.nnj.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

    @Test
    void invalidUtf8NamesTheLine() throws IOException {
        byte[] bytes = "a,label\n1,x\n2,y\n".getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 2] = (byte) 0xFF;
        Path file = TestFiles.write(dir, "bad.csv", bytes);
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> CsvReader.read(file, CsvFormat.labelNamed("label")));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        assertTrue(e.line() >= 1);
    }
}
