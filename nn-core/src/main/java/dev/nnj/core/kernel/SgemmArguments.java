package dev.nnj.core.kernel;

/**
 * The checks that BLAS makes of {@code sgemm}'s arguments before it computes anything, for every
 * {@link Kernels} backend: sizes not negative, each leading dimension at least its matrix's stored width,
 * and each matrix within its array. A leading dimension smaller than the width would not fail, but would
 * silently read overlapping rows; a matrix past the end of its array would fail mid-way, with C half
 * written, and without saying which operand was short.
 */
public final class SgemmArguments {

    private SgemmArguments() {
    }

    /**
     * Checks the arguments of {@link Kernels#sgemm}.
     *
     * @throws IllegalArgumentException naming the operand, the sizes expected and the sizes given
     */
    public static void check(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm: sizes must not be negative, got m=" + m + ", n=" + n + ", k=" + k);
        }
        // Stored as rows × cols, row-major: op(A) is m×k, op(B) is k×n.
        operand("A", transA, transA ? k : m, transA ? m : k, a, aOff, lda, m > 0 && n > 0);
        operand("B", transB, transB ? n : k, transB ? k : n, b, bOff, ldb, m > 0 && n > 0);
        operand("C", false, m, n, c, cOff, ldc, true);
    }

    private static void operand(String name, boolean transposed, int rows, int cols, float[] x, int off, int ld,
                                boolean read) {
        // Messages are built only when they are thrown: this runs on every product, which must not allocate.
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("sgemm: the leading dimension of " + shape(name, transposed, rows, cols)
                    + " must be at least " + Math.max(1, cols) + ", got " + ld);
        }
        if (!read || rows == 0 || cols == 0) {
            return;
        }
        if (x == null) {
            throw new IllegalArgumentException("sgemm: " + shape(name, transposed, rows, cols) + " is null");
        }
        if (off < 0) {
            throw new IllegalArgumentException("sgemm: the offset of " + shape(name, transposed, rows, cols)
                    + " must not be negative, got " + off);
        }
        long end = off + (long) (rows - 1) * ld + cols;
        if (end > x.length) {
            throw new IllegalArgumentException("sgemm: " + shape(name, transposed, rows, cols) + " at offset " + off
                    + " with leading dimension " + ld + " needs an array of at least " + end + " values, got "
                    + x.length);
        }
    }

    private static String shape(String name, boolean transposed, int rows, int cols) {
        return name + " (stored " + rows + "×" + cols + (transposed ? ", transposed" : "") + ")";
    }
}
