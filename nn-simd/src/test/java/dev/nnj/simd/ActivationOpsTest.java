package dev.nnj.simd;

import static dev.nnj.simd.TestArrays.SIZES;
import static dev.nnj.simd.TestArrays.assertBitEqual;
import static dev.nnj.simd.TestArrays.assertClose;
import static dev.nnj.simd.TestArrays.uniform;
import static dev.nnj.simd.TestArrays.withSpecials;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.kernel.ScalarKernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Bias + activation forward and the activation backward kernels against the scalar reference, on awkward
 * sizes and special values. Identity, ReLU, leaky ReLU and every backward kernel perform the reference's
 * exact operations and must be bit-identical; sigmoid and tanh use the vector e^x and tanh, which are
 * within a few ulps (tolerance 1e-6 relative).
 */
class ActivationOpsTest {

    /** Logits that stress the activations: NaN, ±∞, ±0, saturation, e^x overflow and denormal range. */
    private static final float[] SPECIALS = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f,
        1e4f, -1e4f, 100f, -100f, 88.8f, -88.8f, -103f, 20f, -20f};
    private static final double REL = 1e-6;
    /** Below the smallest normal float, relative precision is meaningless. */
    private static final double ABS = 2 * Float.MIN_NORMAL;

    private static final SimdKernels SIMD = new SimdKernels(1);
    private final Kernels scalar = new ScalarKernels();

    @AfterAll
    static void stop() {
        SIMD.close();
    }

    /** Leaky ReLU with PyTorch's default slope and with a negative one, which PyTorch allows too. */
    private enum Forward { IDENTITY, SIGMOID, TANH, RELU, LEAKY_RELU, LEAKY_RELU_NEGATIVE }

    private static void forward(Kernels k, Forward f, float[] a, float[] bias, float[] h, int rows, int cols) {
        switch (f) {
            case IDENTITY -> k.biasIdentity(a, bias, h, rows, cols);
            case SIGMOID -> k.biasSigmoid(a, bias, h, rows, cols);
            case TANH -> k.biasTanh(a, bias, h, rows, cols);
            case RELU -> k.biasRelu(a, bias, h, rows, cols);
            case LEAKY_RELU -> k.biasLeakyRelu(a, bias, h, rows, cols, 0.01f);
            case LEAKY_RELU_NEGATIVE -> k.biasLeakyRelu(a, bias, h, rows, cols, -0.75f);
        }
    }

    private void checkForward(Forward f, float[] a, float[] bias, int rows, int cols) {
        int n = rows * cols;
        float[] a1 = a.clone();
        float[] a2 = a.clone();
        float[] h1 = new float[n];
        float[] h2 = new float[n];
        forward(scalar, f, a1, bias, h1, rows, cols);
        forward(SIMD, f, a2, bias, h2, rows, cols);
        String what = f + " " + rows + "×" + cols;
        assertBitEqual(a1, a2, n, what + " A");
        if (f == Forward.SIGMOID || f == Forward.TANH) {
            assertClose(h1, h2, n, ABS, REL, what + " H");
        } else {
            assertBitEqual(h1, h2, n, what + " H");
        }
    }

    @Test
    void forwardMatchesScalarOnRandomInputs() {
        SplittableRandom rnd = new SplittableRandom(20);
        for (Forward f : Forward.values()) {
            for (int rows : new int[] {1, 3}) {
                for (int cols : SIZES) {
                    checkForward(f, uniform(rnd, rows * cols, -6, 6), uniform(rnd, cols, -1, 1), rows, cols);
                }
            }
        }
    }

    /** With a zero bias the special values reach the activation unchanged (−0 + 0 would give +0). */
    @Test
    void forwardMatchesScalarOnSpecialValues() {
        SplittableRandom rnd = new SplittableRandom(21);
        for (Forward f : Forward.values()) {
            for (int cols : SIZES) {
                float[] a = withSpecials(rnd, 2 * cols, -6, 6, SPECIALS);
                float[] negZeroBias = new float[cols];
                java.util.Arrays.fill(negZeroBias, -0f);
                checkForward(f, a, negZeroBias, 2, cols);
            }
        }
    }

    @Test
    void forwardValuesByHand() {
        float[] a = {0f, -0f, 2f, -2f, Float.NaN, 1e4f, -1e4f, Float.NEGATIVE_INFINITY,
            0f, -0f, 2f, -2f, Float.NaN, 1e4f, -1e4f, Float.NEGATIVE_INFINITY, 3f};
        int n = a.length;
        float[] bias = new float[n];
        java.util.Arrays.fill(bias, -0f);
        float[] h = new float[n];
        SIMD.biasRelu(a.clone(), bias, h, 1, n);
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(h[1]), "relu(-0) is +0");
        assertEquals(Float.NaN, h[4]);
        assertEquals(2f, h[2]);
        assertEquals(0f, h[3]);
        SIMD.biasSigmoid(a.clone(), bias, h, 1, n);
        assertEquals(0.5f, h[0]);
        assertEquals(1f, h[5]);
        assertEquals(0f, h[6]);
        assertEquals(0f, h[7]);
        assertEquals(1 / (1 + Math.exp(-2)), h[2], 1e-7);
        assertEquals(Float.NaN, h[12]);
        SIMD.biasTanh(a.clone(), bias, h, 1, n);
        assertEquals(-1f, h[7]);
        assertEquals(Math.tanh(-2), h[11], 1e-7);
        SIMD.biasLeakyRelu(a.clone(), bias, h, 1, n, 0.5f);
        assertEquals(-1f, h[3]);
        assertEquals(Float.NEGATIVE_INFINITY, h[15]);
        SIMD.biasLeakyRelu(a.clone(), bias, h, 1, n, -0.5f);
        assertEquals(1f, h[3], "a negative slope turns −2 into 1");
        assertEquals(2f, h[2]);
        assertEquals(Float.POSITIVE_INFINITY, h[15]);
        assertEquals(Float.NaN, h[4]);
    }

    @Test
    void biasIsAddedToEveryRow() {
        float[] a = new float[2 * 17];
        float[] bias = new float[17];
        for (int j = 0; j < 17; j++) {
            bias[j] = j;
        }
        float[] h = new float[a.length];
        SIMD.biasIdentity(a, bias, h, 2, 17);
        for (int j = 0; j < 17; j++) {
            assertEquals(j, a[j]);
            assertEquals(j, a[17 + j]);
            assertEquals(j, h[17 + j]);
        }
    }

    @Test
    void backwardIsBitIdentical() {
        SplittableRandom rnd = new SplittableRandom(22);
        for (int n : SIZES) {
            float[] dH = withSpecials(rnd, n, -2, 2, Float.NaN, Float.POSITIVE_INFINITY, -0f);
            float[] h = withSpecials(rnd, n, 0, 1, 1f, 0f, Float.NaN);
            float[] a = withSpecials(rnd, n, -2, 2, Float.NaN, -0f, 0f, Float.NEGATIVE_INFINITY);
            float[] expected = new float[n];
            float[] actual = new float[n];

            scalar.sigmoidBackward(expected, dH, h, n);
            SIMD.sigmoidBackward(actual, dH, h, n);
            assertBitEqual(expected, actual, n, "sigmoidBackward n=" + n);

            scalar.tanhBackward(expected, dH, h, n);
            SIMD.tanhBackward(actual, dH, h, n);
            assertBitEqual(expected, actual, n, "tanhBackward n=" + n);

            scalar.reluBackward(expected, dH, a, n);
            SIMD.reluBackward(actual, dH, a, n);
            assertBitEqual(expected, actual, n, "reluBackward n=" + n);

            scalar.leakyReluBackward(expected, dH, a, n, 0.2f);
            SIMD.leakyReluBackward(actual, dH, a, n, 0.2f);
            assertBitEqual(expected, actual, n, "leakyReluBackward n=" + n);

            scalar.leakyReluBackward(expected, dH, a, n, -1.5f);
            SIMD.leakyReluBackward(actual, dH, a, n, -1.5f);
            assertBitEqual(expected, actual, n, "leakyReluBackward, slope −1.5, n=" + n);

            // dA may alias dH
            scalar.leakyReluBackward(expected, dH, a, n, 0.2f);
            float[] inPlace = dH.clone();
            SIMD.leakyReluBackward(inPlace, inPlace, a, n, 0.2f);
            assertBitEqual(expected, inPlace, n, "leakyReluBackward in place n=" + n);
        }
    }

    @Test
    void backwardValuesByHand() {
        float[] dH = new float[17];
        float[] h = new float[17];
        java.util.Arrays.fill(dH, 2f);
        java.util.Arrays.fill(h, 0.25f);
        float[] dA = new float[17];
        SIMD.sigmoidBackward(dA, dH, h, 17);
        assertEquals(0.375f, dA[16]); // 2 · 0.25 · 0.75
        SIMD.tanhBackward(dA, dH, h, 17);
        assertEquals(1.875f, dA[0]); // 2 · (1 − 0.0625)
        float[] a = new float[17];
        a[3] = 1f;
        SIMD.reluBackward(dA, dH, a, 17);
        float[] expected = new float[17];
        expected[3] = 2f;
        assertArrayEquals(expected, dA);
    }
}
