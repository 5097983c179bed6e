package dev.nnj.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise and column-reduction kernels: each is one pass of "vector loop to loopBound, scalar tail".
 *
 * <p>These are memory-bound (one or two flops per element loaded), so they are not unrolled beyond what
 * C2 does itself. The element-wise ones work on a range [from, to) of the arrays, and the column sums
 * have a form for a range of columns, so that {@link ParallelElementwise} can hand large arrays to the
 * worker threads in parts.
 */
final class ElementwiseOps {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Doubles for {@link #sumOfSquares}, and a float species with as many lanes to widen from. */
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F_FOR_D =
            VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));

    /** Vectors of columns whose sums {@link #addColumnRangeSums} keeps in registers at a time. */
    static final int COLUMN_BLOCK_VECTORS = 4;

    private ElementwiseOps() {
    }

    /** dst = a ⊙ b. */
    static void hadamard(float[] dst, float[] a, float[] b, int from, int to) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
            FloatVector.fromArray(S, a, i).mul(FloatVector.fromArray(S, b, i)).intoArray(dst, i);
        }
        for (; i < to; i++) {
            dst[i] = a[i] * b[i];
        }
    }

    /** x = x·s. */
    static void scaleInPlace(float[] x, float s, int from, int to) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, i).mul(s).intoArray(x, i);
        }
        for (; i < to; i++) {
            x[i] *= s;
        }
    }

    /** dst = (a − b)·s. */
    static void subtractScaled(float[] dst, float[] a, float[] b, float s, int from, int to) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
            FloatVector.fromArray(S, a, i).sub(FloatVector.fromArray(S, b, i)).mul(s).intoArray(dst, i);
        }
        for (; i < to; i++) {
            dst[i] = (a[i] - b[i]) * s;
        }
    }

    /**
     * Σ x², in double as the contract says: each float is widened, squared exactly (24-bit mantissas
     * square into 48 bits) and accumulated in double lanes, so only the summation order differs from
     * the scalar reference.
     */
    static double sumOfSquares(float[] x, int n) {
        DoubleVector acc = DoubleVector.zero(D);
        int i = 0;
        for (int bound = F_FOR_D.loopBound(n); i < bound; i += F_FOR_D.length()) {
            DoubleVector v = (DoubleVector) FloatVector.fromArray(F_FOR_D, x, i).convertShape(VectorOperators.F2D, D, 0);
            acc = v.fma(v, acc);
        }
        double sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += (double) x[i] * x[i];
        }
        return sum;
    }

    /**
     * dst[j] += Σ_i x[i, j], row by row: per element this is exactly the scalar reference's sequence of
     * additions, so the result is bit-identical. dst (one row) stays in L1 across the rows. An earlier form
     * that kept column sums in registers across an inner row loop made JDK 17 box the vectors (allocation
     * on every call). {@link #addColumnRangeSums} keeps four in registers without allocating, and on one
     * thread it is faster for a few hundred rows (512×256: 5.7 against 7.5 µs) but slower for tall or wide
     * matrices, whose rows it reads in strips (4096×512: 150 against 105 µs; 256×1024: 20 against 12 µs),
     * so the single-threaded path keeps this form.
     */
    static void addColumnSums(float[] dst, float[] x, int rows, int cols) {
        int bound = S.loopBound(cols);
        for (int i = 0, row = 0; i < rows; i++, row += cols) {
            int j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector.fromArray(S, dst, j).add(FloatVector.fromArray(S, x, row + j)).intoArray(dst, j);
            }
            for (; j < cols; j++) {
                dst[j] += x[row + j];
            }
        }
    }

    /**
     * {@link #addColumnSums} for the columns [colFrom, colTo) only, as one part of a multi-threaded call:
     * {@value #COLUMN_BLOCK_VECTORS} vectors of columns at a time, their sums held in registers while all
     * rows stream by, then stored. Each column still receives dst[j] + x[0, j] + x[1, j] + … in row order,
     * the reference's sequence of additions, so the result is bit-identical to the row-by-row pass.
     *
     * <p>The row-by-row pass would store dst on every row, and parts of dst next to each other share a
     * cache line (a Java array is not aligned to cache lines): two threads storing to it in turn made the
     * split pass 2–5× slower than one thread (512×256: 19.6 µs against 7.5 µs). Here dst is loaded and
     * stored once per block. (On JDK 17 the four sums stay in registers: no allocation, caller or worker.)
     */
    static void addColumnRangeSums(float[] dst, float[] x, int rows, int cols, int colFrom, int colTo) {
        int l = S.length();
        int j = colFrom;
        for (int bound = colTo - COLUMN_BLOCK_VECTORS * l; j <= bound; j += COLUMN_BLOCK_VECTORS * l) {
            FloatVector s0 = FloatVector.fromArray(S, dst, j);
            FloatVector s1 = FloatVector.fromArray(S, dst, j + l);
            FloatVector s2 = FloatVector.fromArray(S, dst, j + 2 * l);
            FloatVector s3 = FloatVector.fromArray(S, dst, j + 3 * l);
            for (int i = 0, at = j; i < rows; i++, at += cols) {
                s0 = s0.add(FloatVector.fromArray(S, x, at));
                s1 = s1.add(FloatVector.fromArray(S, x, at + l));
                s2 = s2.add(FloatVector.fromArray(S, x, at + 2 * l));
                s3 = s3.add(FloatVector.fromArray(S, x, at + 3 * l));
            }
            s0.intoArray(dst, j);
            s1.intoArray(dst, j + l);
            s2.intoArray(dst, j + 2 * l);
            s3.intoArray(dst, j + 3 * l);
        }
        for (int bound = colTo - l; j <= bound; j += l) {
            FloatVector sum = FloatVector.fromArray(S, dst, j);
            for (int i = 0, at = j; i < rows; i++, at += cols) {
                sum = sum.add(FloatVector.fromArray(S, x, at));
            }
            sum.intoArray(dst, j);
        }
        for (; j < colTo; j++) {
            float sum = dst[j];
            for (int i = 0, at = j; i < rows; i++, at += cols) {
                sum += x[at];
            }
            dst[j] = sum;
        }
    }
}
