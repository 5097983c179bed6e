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
 * C2 does itself and stay single-threaded: the arrays of a training step fit in cache, and handing them to
 * a worker would cost more than the pass.
 */
final class ElementwiseOps {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Doubles for {@link #sumOfSquares}, and a float species with as many lanes to widen from. */
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F_FOR_D =
            VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));

    private ElementwiseOps() {
    }

    /** dst = a ⊙ b. */
    static void hadamard(float[] dst, float[] a, float[] b, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, a, i).mul(FloatVector.fromArray(S, b, i)).intoArray(dst, i);
        }
        for (; i < n; i++) {
            dst[i] = a[i] * b[i];
        }
    }

    /** x = x·s. */
    static void scaleInPlace(float[] x, float s, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, i).mul(s).intoArray(x, i);
        }
        for (; i < n; i++) {
            x[i] *= s;
        }
    }

    /** dst = (a − b)·s. */
    static void subtractScaled(float[] dst, float[] a, float[] b, float s, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, a, i).sub(FloatVector.fromArray(S, b, i)).mul(s).intoArray(dst, i);
        }
        for (; i < n; i++) {
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
     * additions, so the result is bit-identical. dst (one row) stays in L1 across the rows. Keeping column
     * sums in registers across an inner row loop instead made JDK 17 box the vectors (allocation on every
     * call), so the simple form wins.
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
}
