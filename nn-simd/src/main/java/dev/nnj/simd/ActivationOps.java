package dev.nnj.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Bias add fused with an element-wise activation (forward), and the activation derivatives fused with
 * the Hadamard product (backward). Softmax, which needs whole rows, is in {@link SoftmaxOps}.
 *
 * <p>Forward kernels walk each row once: A += b is stored (backward needs A) and g(A) is written to H in
 * the same pass. Special values follow the scalar reference: NaN stays NaN, ±∞ saturate, ReLU maps −0
 * to +0. The scalar tails use the reference's formulas.
 *
 * <p>Each kernel works on a range, so that {@link ParallelElementwise} can run large calls in parts:
 * forward kernels on rows [rowFrom, rowTo), each row exactly as in a whole-matrix pass; backward kernels
 * on elements [from, to), whose vector loop starts at {@code from} (the parts start at multiples of the
 * vector length, so every element falls in the vector body or the tail just as in one pass).
 */
final class ActivationOps {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private ActivationOps() {
    }

    // ------------------------------------------------------------------ forward

    static void biasIdentity(float[] a, float[] bias, float[] h, int rowFrom, int rowTo, int cols) {
        int bound = S.loopBound(cols);
        for (int i = rowFrom, row = rowFrom * cols; i < rowTo; i++, row += cols) {
            int j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector x = FloatVector.fromArray(S, a, row + j).add(FloatVector.fromArray(S, bias, j));
                x.intoArray(a, row + j);
                x.intoArray(h, row + j);
            }
            for (; j < cols; j++) {
                a[row + j] += bias[j];
                h[row + j] = a[row + j];
            }
        }
    }

    static void biasSigmoid(float[] a, float[] bias, float[] h, int rowFrom, int rowTo, int cols) {
        int bound = S.loopBound(cols);
        for (int i = rowFrom, row = rowFrom * cols; i < rowTo; i++, row += cols) {
            int j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector x = FloatVector.fromArray(S, a, row + j).add(FloatVector.fromArray(S, bias, j));
                x.intoArray(a, row + j);
                // σ(x) from e = e^−|x|, which never overflows: 1/(1+e) for x ≥ 0 and e/(1+e) for x < 0 (the
                // naive 1/(1+e^−x) overflows for x < −88). Written out here rather than in a helper taking a
                // vector: a helper C2 does not inline boxes its argument and result (see PolynomialExp).
                FloatVector e = x.abs().neg().lanewise(VectorOperators.EXP);
                FloatVector onePlusE = e.add(1f);
                FloatVector positive = FloatVector.broadcast(S, 1f).div(onePlusE);
                e.div(onePlusE).blend(positive, x.compare(VectorOperators.GE, 0f)).intoArray(h, row + j);
            }
            for (; j < cols; j++) {
                a[row + j] += bias[j];
                h[row + j] = sigmoid(a[row + j]);
            }
        }
    }

    /** The scalar tail: the reference's own formula, in double. */
    static float sigmoid(float x) {
        double e = Math.exp(-Math.abs((double) x));
        return (float) (x >= 0f ? 1.0 / (1.0 + e) : e / (1.0 + e));
    }

    static void biasTanh(float[] a, float[] bias, float[] h, int rowFrom, int rowTo, int cols) {
        int bound = S.loopBound(cols);
        for (int i = rowFrom, row = rowFrom * cols; i < rowTo; i++, row += cols) {
            int j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector x = FloatVector.fromArray(S, a, row + j).add(FloatVector.fromArray(S, bias, j));
                x.intoArray(a, row + j);
                x.lanewise(VectorOperators.TANH).intoArray(h, row + j);
            }
            for (; j < cols; j++) {
                a[row + j] += bias[j];
                h[row + j] = (float) Math.tanh(a[row + j]);
            }
        }
    }

    /** H = max(A, 0) with Math.max semantics per lane: NaN propagates and −0 becomes +0, as in the reference. */
    static void biasRelu(float[] a, float[] bias, float[] h, int rowFrom, int rowTo, int cols) {
        int bound = S.loopBound(cols);
        // The zero is a scalar operand, not a vector hoisted out of the loops: JDK 17 boxes a vector that
        // lives across loop iterations (80 bytes per call), JDK 25 does not.
        for (int i = rowFrom, row = rowFrom * cols; i < rowTo; i++, row += cols) {
            int j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector x = FloatVector.fromArray(S, a, row + j).add(FloatVector.fromArray(S, bias, j));
                x.intoArray(a, row + j);
                x.lanewise(VectorOperators.MAX, 0f).intoArray(h, row + j);
            }
            for (; j < cols; j++) {
                a[row + j] += bias[j];
                h[row + j] = Math.max(a[row + j], 0f);
            }
        }
    }

    static void biasLeakyRelu(float[] a, float[] bias, float[] h, int rowFrom, int rowTo, int cols, float slope) {
        int bound = S.loopBound(cols);
        for (int i = rowFrom, row = rowFrom * cols; i < rowTo; i++, row += cols) {
            int j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector x = FloatVector.fromArray(S, a, row + j).add(FloatVector.fromArray(S, bias, j));
                x.intoArray(a, row + j);
                x.mul(slope).blend(x, x.compare(VectorOperators.GT, 0f)).intoArray(h, row + j);
            }
            for (; j < cols; j++) {
                a[row + j] += bias[j];
                float x = a[row + j];
                h[row + j] = x > 0f ? x : slope * x;
            }
        }
    }

    // ------------------------------------------------------------------ backward

    /** dA = dH ⊙ H(1 − H), evaluated left to right like the reference. */
    static void sigmoidBackward(float[] dA, float[] dH, float[] h, int from, int to) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
            FloatVector y = FloatVector.fromArray(S, h, i);
            FloatVector.fromArray(S, dH, i).mul(y).mul(y.neg().add(1f)).intoArray(dA, i);
        }
        for (; i < to; i++) {
            dA[i] = dH[i] * h[i] * (1f - h[i]);
        }
    }

    /** dA = dH ⊙ (1 − H²). */
    static void tanhBackward(float[] dA, float[] dH, float[] h, int from, int to) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
            FloatVector y = FloatVector.fromArray(S, h, i);
            FloatVector.fromArray(S, dH, i).mul(y.mul(y).neg().add(1f)).intoArray(dA, i);
        }
        for (; i < to; i++) {
            dA[i] = dH[i] * (1f - h[i] * h[i]);
        }
    }

    /** dA = dH where A &gt; 0, else 0 (also where A is NaN, as in the reference). */
    static void reluBackward(float[] dA, float[] dH, float[] a, int from, int to) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
            // zero() inside the loop, for the same JDK 17 boxing reason as in biasRelu
            VectorMask<Float> positive = FloatVector.fromArray(S, a, i).compare(VectorOperators.GT, 0f);
            FloatVector.zero(S).blend(FloatVector.fromArray(S, dH, i), positive).intoArray(dA, i);
        }
        for (; i < to; i++) {
            dA[i] = a[i] > 0f ? dH[i] : 0f;
        }
    }

    /** dA = dH where A &gt; 0, else slope·dH. */
    static void leakyReluBackward(float[] dA, float[] dH, float[] a, int from, int to, float slope) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
            VectorMask<Float> positive = FloatVector.fromArray(S, a, i).compare(VectorOperators.GT, 0f);
            FloatVector g = FloatVector.fromArray(S, dH, i);
            g.mul(slope).blend(g, positive).intoArray(dA, i);
        }
        for (; i < to; i++) {
            dA[i] = a[i] > 0f ? dH[i] : slope * dH[i];
        }
    }
}
