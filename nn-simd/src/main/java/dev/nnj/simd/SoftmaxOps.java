package dev.nnj.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row softmax fused with the bias add, and its Jacobian-vector product. Both need a reduction over the
 * row (max and sum, or a dot product) before the element-wise pass.
 *
 * <p>The sums are accumulated lane-wise and reduced at the end of the row, so they are rounded in a
 * different order than the scalar reference's left-to-right sum: results agree to a relative error of a
 * few float ulps per row length, which the tests bound. The max is exact in any order.
 *
 * <p>Both work on rows [rowFrom, rowTo), each row exactly as in a pass over all rows, so that
 * {@link ParallelElementwise} can split a batch by rows.
 */
final class SoftmaxOps {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private SoftmaxOps() {
    }

    /**
     * A += b; H_i = e^(A_i − max A_i) / Σ e^(A_i − max A_i) per row i in [rowFrom, rowTo): subtracting the
     * max keeps e^x ≤ 1.
     */
    static void biasSoftmax(float[] a, float[] bias, float[] h, int rowFrom, int rowTo, int cols) {
        if (cols < S.length()) {
            narrowBiasSoftmax(a, bias, h, rowFrom, rowTo, cols);
            return;
        }
        int bound = S.loopBound(cols);
        for (int i = rowFrom, row = rowFrom * cols; i < rowTo; i++, row += cols) {
            // Pass 1: add the bias, store A, find the row max (Math.max semantics: NaN propagates).
            FloatVector vmax = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            int j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector x = FloatVector.fromArray(S, a, row + j).add(FloatVector.fromArray(S, bias, j));
                x.intoArray(a, row + j);
                vmax = vmax.max(x);
            }
            float max = vmax.reduceLanes(VectorOperators.MAX);
            for (; j < cols; j++) {
                a[row + j] += bias[j];
                max = Math.max(max, a[row + j]);
            }
            // Pass 2: exponentials into H and their sum.
            FloatVector vsum = FloatVector.zero(S);
            j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector e = FloatVector.fromArray(S, a, row + j).sub(max).lanewise(VectorOperators.EXP);
                e.intoArray(h, row + j);
                vsum = vsum.add(e);
            }
            float sum = vsum.reduceLanes(VectorOperators.ADD);
            for (; j < cols; j++) {
                float e = (float) Math.exp(a[row + j] - max);
                h[row + j] = e;
                sum += e;
            }
            // Pass 3: normalise, multiplying by the reciprocal like the reference.
            float inv = 1f / sum;
            j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector.fromArray(S, h, row + j).mul(inv).intoArray(h, row + j);
            }
            for (; j < cols; j++) {
                h[row + j] *= inv;
            }
        }
    }

    /**
     * {@link #biasSoftmax} for rows narrower than a vector (the 10 classes of an output layer). A vector
     * per row would be mostly empty lanes, so the rows are taken together: a scalar pass adds the bias and
     * writes A − max A per row into H, then e^x runs over H as one contiguous array, vector after vector,
     * and a last scalar pass sums each row and normalises it. The max, the differences and the sums are
     * the reference's operations in its order; only e^x differs, by at most an ulp ({@link PolynomialExp},
     * which gives the same bits in every JIT tier, so a narrow softmax never depends on JIT timing).
     */
    private static void narrowBiasSoftmax(float[] a, float[] bias, float[] h, int rowFrom, int rowTo, int cols) {
        int from = rowFrom * cols;
        int to = rowTo * cols;
        for (int row = from; row < to; row += cols) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                a[row + j] += bias[j];
                max = Math.max(max, a[row + j]);
            }
            for (int j = 0; j < cols; j++) {
                h[row + j] = a[row + j] - max;
            }
        }
        PolynomialExp.expInPlace(h, from, to);
        for (int row = from; row < to; row += cols) {
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                sum += h[row + j];
            }
            float inv = 1f / sum;
            for (int j = 0; j < cols; j++) {
                h[row + j] *= inv;
            }
        }
    }

    /**
     * dA_i = H_i ⊙ (dH_i − ⟨dH_i, H_i⟩) per row i in [rowFrom, rowTo); the dot is complete before dA (which
     * may alias dH) is written.
     */
    static void softmaxBackward(float[] dA, float[] dH, float[] h, int rowFrom, int rowTo, int cols) {
        int bound = S.loopBound(cols);
        for (int i = rowFrom, row = rowFrom * cols; i < rowTo; i++, row += cols) {
            FloatVector vdot = FloatVector.zero(S);
            int j = 0;
            for (; j < bound; j += S.length()) {
                vdot = FloatVector.fromArray(S, dH, row + j).fma(FloatVector.fromArray(S, h, row + j), vdot);
            }
            float dot = vdot.reduceLanes(VectorOperators.ADD);
            for (; j < cols; j++) {
                dot += dH[row + j] * h[row + j];
            }
            j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector y = FloatVector.fromArray(S, h, row + j);
                y.mul(FloatVector.fromArray(S, dH, row + j).sub(dot)).intoArray(dA, row + j);
            }
            for (; j < cols; j++) {
                dA[row + j] = h[row + j] * (dH[row + j] - dot);
            }
        }
    }
}
