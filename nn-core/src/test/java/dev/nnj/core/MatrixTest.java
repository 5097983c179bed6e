package dev.nnj.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Matrix shapes, element access and argmax. */
class MatrixTest {

    private static final float NAN = Float.NaN;

    @Test
    void isRowMajorAndSharesItsArray() {
        float[] data = {1, 2, 3, 4, 5, 6};
        Matrix m = new Matrix(2, 3, data);
        assertEquals(6f, m.get(1, 2));
        m.set(0, 1, 9f);
        assertEquals(9f, data[1]);
        assertSame(data, m.data());
        assertArrayEquals(new float[] {4, 5, 6}, m.row(1));
        assertArrayEquals(new float[] {1, 9, 3, 4, 5, 6}, Matrix.of(new float[][] {{1, 9, 3}, {4, 5, 6}}).data());
    }

    @Test
    void rejectsWrongShapes() {
        message(() -> new Matrix(2, 3, new float[5]), "2×3 needs 6 elements, got an array of 5");
        message(() -> new Matrix(-1, 3, new float[0]), "non-negative, got -1×3");
        message(() -> new Matrix(-1, 3), "negative or too large");
        message(() -> Matrix.of(new float[][] {{1, 2}, {3}}), "row 1 has 1 columns, expected 2");
        message(() -> new Matrix(2, 3).requireShape("targets", 2, 4), "targets has shape 2×3, expected 2×4");
        message(() -> new Matrix(2, 3).requireCols("input", 4), "input has 3 columns, expected 4");
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> new Matrix(2, 3).get(0, 3));
        assertTrue(e.getMessage().contains("(0, 3) is outside the 2×3 matrix"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> new Matrix(2, 3).get(2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> new Matrix(2, 3).set(-1, 0, 1f));
    }

    @Test
    void argmaxTakesTheFirstOfTiesAndNeverNaN() {
        Matrix m = Matrix.of(new float[][] {
                {1, 3, 3, 2},       // tie: first
                {NAN, 1, 2, 0},     // NaN first: skipped
                {1, NAN, 0, -1},    // NaN inside: skipped
                {NAN, NAN, NAN, 5}, // only the last is a number
                {-2, -1, -1, -3},
        });
        assertArrayEquals(new int[] {1, 2, 0, 3, 1}, m.argmaxRows());
        assertEquals(1, Matrix.argmax(new float[] {9, 0, 1, 7}, 2, 2), "relative to the offset");
        int allNaN = Matrix.argmax(new float[] {NAN, NAN, 4}, 0, 2);
        assertTrue(allNaN == 0 || allNaN == 1, "all NaN: no number to prefer, but an index within the range");
    }

    private static void message(Runnable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(part), "\"" + e.getMessage() + "\" should contain \"" + part + "\"");
    }
}
