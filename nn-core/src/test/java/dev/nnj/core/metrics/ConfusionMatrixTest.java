package dev.nnj.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.Matrix;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    // Ten samples of three classes, worked by hand (rows: true class, columns: predicted class):
    //            pred 0  pred 1  pred 2   support
    //   true 0      2       1       1        4
    //   true 1      1       2       0        3
    //   true 2      0       1       2        3
    //   predicted   3       4       3       10
    private static final int[] ACTUAL = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
    private static final int[] PREDICTED = {0, 0, 1, 2, 1, 1, 0, 2, 2, 1};
    private static final double EXACT = 1e-12;

    @Test
    void countsAndScoresOfAHandWorkedExample() {
        ConfusionMatrix matrix = ConfusionMatrix.of(3, PREDICTED, ACTUAL);
        long[][] expected = {{2, 1, 1}, {1, 2, 0}, {0, 1, 2}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(expected[i][j], matrix.count(i, j), "true " + i + ", predicted " + j);
            }
        }
        assertEquals(10, matrix.total());
        assertEquals(0.6, matrix.accuracy(), EXACT);                    // 6 on the diagonal

        assertEquals(2.0 / 3, matrix.precision(0), EXACT);              // 2 of 3 predicted 0
        assertEquals(0.5, matrix.recall(0), EXACT);                     // 2 of 4 true 0
        assertEquals(4.0 / 7, matrix.f1(0), EXACT);                     // 2·(2/3)(1/2)/(2/3 + 1/2)
        assertEquals(0.5, matrix.precision(1), EXACT);                  // 2 of 4
        assertEquals(2.0 / 3, matrix.recall(1), EXACT);                 // 2 of 3
        assertEquals(4.0 / 7, matrix.f1(1), EXACT);
        assertEquals(2.0 / 3, matrix.precision(2), EXACT);              // 2 of 3
        assertEquals(2.0 / 3, matrix.recall(2), EXACT);                 // 2 of 3
        assertEquals(2.0 / 3, matrix.f1(2), EXACT);

        assertEquals(11.0 / 18, matrix.macroPrecision(), EXACT);        // (2/3 + 1/2 + 2/3)/3
        assertEquals(11.0 / 18, matrix.macroRecall(), EXACT);           // (1/2 + 2/3 + 2/3)/3
        assertEquals(38.0 / 63, matrix.macroF1(), EXACT);               // (4/7 + 4/7 + 2/3)/3
    }

    @Test
    void undefinedScoresAreZero() {
        // Class 1 occurs but is never predicted; class 2 neither occurs nor is predicted.
        ConfusionMatrix matrix = ConfusionMatrix.of(3, new int[] {0, 0, 0}, new int[] {0, 1, 1});
        assertEquals(1.0 / 3, matrix.precision(0), EXACT);
        assertEquals(1.0, matrix.recall(0), EXACT);
        assertEquals(0.5, matrix.f1(0), EXACT);                         // 2·(1/3)·1/(1/3 + 1)
        assertEquals(0.0, matrix.precision(1));
        assertEquals(0.0, matrix.recall(1));
        assertEquals(0.0, matrix.f1(1));
        assertEquals(0.0, matrix.precision(2));
        assertEquals(0.0, matrix.recall(2));
        assertEquals(0.0, matrix.f1(2));
        // Class 2 is absent from both sides, so the macro averages are over classes 0 and 1, as
        // sklearn.metrics.f1_score([0, 1, 1], [0, 0, 0], average="macro") averages them: (1/2 + 0)/2.
        assertEquals(0.25, matrix.macroF1(), EXACT);
        assertEquals(1.0 / 6, matrix.macroPrecision(), EXACT);          // (1/3 + 0)/2
        assertEquals(0.5, matrix.macroRecall(), EXACT);                 // (1 + 0)/2
        assertEquals(0.0, new ConfusionMatrix(2).accuracy());
        assertTrue(Double.isNaN(new ConfusionMatrix(2).macroF1()), "no class to average");
    }

    @Test
    void rowsAreClassifiedByArgmaxOrByThresholdForOneColumn() {
        Matrix outputs = Matrix.of(new float[][] {{0.1f, 0.7f, 0.2f}, {0.5f, 0.5f, 0f}, {0.2f, 0.3f, 0.5f}});
        Matrix targets = Matrix.of(new float[][] {{0, 1, 0}, {0, 1, 0}, {1, 0, 0}});
        ConfusionMatrix matrix = ConfusionMatrix.ofRows(outputs, targets);
        assertEquals(1, matrix.count(1, 1));
        assertEquals(1, matrix.count(1, 0));                            // a tie goes to the first class
        assertEquals(1, matrix.count(0, 2));
        assertEquals(3, matrix.total());

        Matrix sigmoid = Matrix.of(new float[][] {{0.9f}, {0.5f}, {0.49f}, {0.2f}});
        Matrix labels = Matrix.of(new float[][] {{1}, {0}, {1}, {0}});
        ConfusionMatrix binary = ConfusionMatrix.ofRows(sigmoid, labels);
        assertEquals(2, binary.classes());
        assertEquals(1, binary.count(1, 1));
        assertEquals(1, binary.count(0, 1));                            // 0.5 counts as class 1
        assertEquals(1, binary.count(1, 0));
        assertEquals(1, binary.count(0, 0));
    }

    @Test
    void batchesAccumulate() {
        ConfusionMatrix matrix = new ConfusionMatrix(3);
        matrix.addAll(Arrays.copyOfRange(PREDICTED, 0, 4), Arrays.copyOfRange(ACTUAL, 0, 4));
        matrix.addAll(Arrays.copyOfRange(PREDICTED, 4, 10), Arrays.copyOfRange(ACTUAL, 4, 10));
        assertEquals(0.6, matrix.accuracy(), EXACT);
        assertEquals(38.0 / 63, matrix.macroF1(), EXACT);
    }

    @Test
    void sizesAndClassesAreValidated() {
        assertEquals("3 predicted classes but 2 true classes; both arrays need one entry per sample",
                assertThrows(IllegalArgumentException.class,
                        () -> ConfusionMatrix.of(3, new int[] {0, 1, 2}, new int[] {0, 1})).getMessage());
        assertEquals("true class 3 is outside [0, 3)", assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(3, new int[] {0}, new int[] {3})).getMessage());
        assertEquals("predicted class -1 is outside [0, 3)", assertThrows(IllegalArgumentException.class,
                () -> new ConfusionMatrix(3).add(-1, 0)).getMessage());
        assertEquals("targets has shape 2×3, expected 2×2", assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.ofRows(new Matrix(2, 2), new Matrix(2, 3))).getMessage());
        assertEquals("outputs have 4 columns (4 classes) but this confusion matrix has 3 classes",
                assertThrows(IllegalArgumentException.class,
                        () -> new ConfusionMatrix(3).addRows(new Matrix(1, 4), new Matrix(1, 4))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(0));
        assertEquals("2 class names for 3 classes", assertThrows(IllegalArgumentException.class,
                () -> new ConfusionMatrix(3).toTable(new String[] {"a", "b"})).getMessage());
    }

    @Test
    void tableIsAligned() {
        String table = ConfusionMatrix.of(3, PREDICTED, ACTUAL).toTable(new String[] {"cat", "dog", "sparrow"});
        String[] lines = table.split("\n");
        assertEquals(6, lines.length, table);
        assertTrue(lines[0].startsWith("true\\predicted"), table);
        assertTrue(lines[1].startsWith("cat "), table);
        assertTrue(lines[3].startsWith("sparrow "), table);
        // Header, class rows and the macro row all end in the support column at the same position.
        for (int i = 1; i < 5; i++) {
            assertEquals(lines[0].length(), lines[i].length(), "line " + i + " of\n" + table);
        }
        assertTrue(lines[1].contains("0.6667     0.5000     0.5714          4"), table);
        assertTrue(lines[4].startsWith("macro average"), table);
        assertTrue(lines[4].endsWith("0.6111     0.6111     0.6032         10"), table);
        assertEquals("accuracy 0.6000 (6 of 10)", lines[5]);
        assertTrue(ConfusionMatrix.of(2, new int[] {0}, new int[] {1}).toTable(null).contains("\n0 "));
    }
}
