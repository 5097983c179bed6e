package dev.nnj.core;

import java.util.Arrays;

/**
 * A dense row-major float32 matrix {@code [rows × cols]}: element (i, j) is {@code data()[i*cols + j]}.
 *
 * <p>The public boundary type for inputs, targets and predictions; shapes are checked on construction
 * and wherever a matrix enters the library. The backing array is shared, not copied.
 */
public final class Matrix {

    private final int rows;
    private final int cols;
    private final float[] data;

    /** Wraps {@code data}, which must hold exactly rows·cols elements. */
    public Matrix(int rows, int cols, float[] data) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix shape must be non-negative, got " + rows + "×" + cols);
        }
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("matrix " + rows + "×" + cols + " needs " + (long) rows * cols
                    + " elements, got an array of " + data.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** A zero matrix. */
    public Matrix(int rows, int cols) {
        this(rows, cols, new float[checkedSize(rows, cols)]);
    }

    /** Copies a rectangular {@code float[rows][cols]} array. */
    public static Matrix of(float[][] rowsData) {
        int r = rowsData.length;
        int c = r == 0 ? 0 : rowsData[0].length;
        float[] data = new float[checkedSize(r, c)];
        for (int i = 0; i < r; i++) {
            if (rowsData[i].length != c) {
                throw new IllegalArgumentException("row " + i + " has " + rowsData[i].length + " columns, expected " + c);
            }
            System.arraycopy(rowsData[i], 0, data, i * c, c);
        }
        return new Matrix(r, c, data);
    }

    private static int checkedSize(int rows, int cols) {
        long size = (long) rows * cols;
        if (rows < 0 || cols < 0 || size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("matrix shape " + rows + "×" + cols + " is negative or too large");
        }
        return (int) size;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The backing row-major array (not a copy). */
    public float[] data() {
        return data;
    }

    public float get(int row, int col) {
        return data[index(row, col)];
    }

    public void set(int row, int col, float value) {
        data[index(row, col)] = value;
    }

    /** A copy of row {@code row}. */
    public float[] row(int row) {
        int at = index(row, 0);
        return Arrays.copyOfRange(data, at, at + cols);
    }

    /**
     * Index of the largest element of each row (the first one on ties); the predicted class per sample
     * when there are several columns. A single sigmoid column gives 0 for every row: use {@link #classOf}.
     */
    public int[] argmaxRows() {
        int[] result = new int[rows];
        for (int i = 0; i < rows; i++) {
            result[i] = argmax(data, i * cols, cols);
        }
        return result;
    }

    /**
     * The class that a row of {@code count} outputs (or targets) starting at {@code from} stands for: with
     * several columns the index of the largest ({@link #argmax}); with one column, a sigmoid's probability
     * of class 1, 1 when it is at least 0.5, else 0 (Keras's {@code binary_accuracy}). An argmax over one
     * column would always be 0 and count every sample as correct.
     */
    public static int classOf(float[] values, int from, int count) {
        return count == 1 ? (values[from] >= 0.5f ? 1 : 0) : argmax(values, from, count);
    }

    /** Index (relative to {@code from}) of the largest of {@code count} elements; NaN is never chosen over a number. */
    public static int argmax(float[] values, int from, int count) {
        int best = 0;
        for (int j = 1; j < count; j++) {
            if (values[from + j] > values[from + best] || Float.isNaN(values[from + best])) {
                best = j;
            }
        }
        return best;
    }

    /** Throws unless this matrix is {@code expectedRows × expectedCols}, naming {@code what} in the message. */
    public Matrix requireShape(String what, int expectedRows, int expectedCols) {
        if (rows != expectedRows || cols != expectedCols) {
            throw new IllegalArgumentException(what + " has shape " + rows + "×" + cols
                    + ", expected " + expectedRows + "×" + expectedCols);
        }
        return this;
    }

    /** Throws unless this matrix has {@code expectedCols} columns. */
    public Matrix requireCols(String what, int expectedCols) {
        if (cols != expectedCols) {
            throw new IllegalArgumentException(what + " has " + cols + " columns, expected " + expectedCols);
        }
        return this;
    }

    private int index(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("(" + row + ", " + col + ") is outside the " + rows + "×" + cols + " matrix");
        }
        return row * cols + col;
    }

    @Override
    public String toString() {
        return "Matrix[" + rows + "×" + cols + "]";
    }
}
