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
     * dst[j] += Σ_i x[i, j]. Each vector of dst is loaded once, every row is added to it in row order
     * and it is stored once: per element this is exactly the scalar reference's sequence of additions,
     * so the result is bit-identical. Four vectors per sweep keep four independent add chains in flight.
     */
    static void addColumnSums(float[] dst, float[] x, int rows, int cols) {
        int step = S.length();
        int j = 0;
        for (int bound4 = cols - 4 * step; j <= bound4; j += 4 * step) {
            FloatVector s0 = FloatVector.fromArray(S, dst, j);
            FloatVector s1 = FloatVector.fromArray(S, dst, j + step);
            FloatVector s2 = FloatVector.fromArray(S, dst, j + 2 * step);
            FloatVector s3 = FloatVector.fromArray(S, dst, j + 3 * step);
            for (int i = 0, at = j; i < rows; i++, at += cols) {
                s0 = s0.add(FloatVector.fromArray(S, x, at));
                s1 = s1.add(FloatVector.fromArray(S, x, at + step));
                s2 = s2.add(FloatVector.fromArray(S, x, at + 2 * step));
                s3 = s3.add(FloatVector.fromArray(S, x, at + 3 * step));
            }
            s0.intoArray(dst, j);
            s1.intoArray(dst, j + step);
            s2.intoArray(dst, j + 2 * step);
            s3.intoArray(dst, j + 3 * step);
        }
        for (int bound = S.loopBound(cols); j < bound; j += step) {
            FloatVector s0 = FloatVector.fromArray(S, dst, j);
            for (int i = 0, at = j; i < rows; i++, at += cols) {
                s0 = s0.add(FloatVector.fromArray(S, x, at));
            }
            s0.intoArray(dst, j);
        }
        for (; j < cols; j++) {
            float s = dst[j];
            for (int i = 0, at = j; i < rows; i++, at += cols) {
                s += x[at];
            }
            dst[j] = s;
        }
    }
}
