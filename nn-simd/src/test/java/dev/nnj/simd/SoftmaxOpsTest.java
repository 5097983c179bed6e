package dev.nnj.simd;

import static dev.nnj.simd.TestArrays.EPS;
import static dev.nnj.simd.TestArrays.SIZES;
import static dev.nnj.simd.TestArrays.assertBitEqual;
import static dev.nnj.simd.TestArrays.assertClose;
import static dev.nnj.simd.TestArrays.uniform;
import static dev.nnj.simd.TestArrays.withSpecials;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.kernel.ScalarKernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Row softmax (forward, fused with the bias) and its backward product against the scalar reference.
 *
 * <p>Tolerance: the row sum and the dot product are reordered (relative error up to about cols·ε each)
 * and e^x comes from the vector library or, for rows narrower than a vector, {@link PolynomialExp} (an ulp
 * or two each), so outputs are compared with a relative tolerance of
 * (2·cols + 16)·ε plus a small absolute term for outputs that underflow.
 */
class SoftmaxOpsTest {

    private static final SimdKernels SIMD = new SimdKernels(1);
    private final Kernels scalar = new ScalarKernels();

    @AfterAll
    static void stop() {
        SIMD.close();
    }

    private static double rel(int cols) {
        return (2 * cols + 16) * EPS;
    }

    private void checkForward(float[] a, float[] bias, int rows, int cols, String what) {
        int n = rows * cols;
        float[] a1 = a.clone();
        float[] a2 = a.clone();
        float[] h1 = new float[n];
        float[] h2 = new float[n];
        scalar.biasSoftmax(a1, bias, h1, rows, cols);
        SIMD.biasSoftmax(a2, bias, h2, rows, cols);
        assertBitEqual(a1, a2, n, what + " A");
        assertClose(h1, h2, n, 1e-30, rel(cols), what + " H");
    }

    @Test
    void forwardMatchesScalar() {
        SplittableRandom rnd = new SplittableRandom(30);
        // 37 rows: many rows narrower than a vector, as in an output layer of a batch
        for (int rows : new int[] {1, 4, 37}) {
            for (int cols : SIZES) {
                checkForward(uniform(rnd, rows * cols, -8, 8), uniform(rnd, cols, -1, 1), rows, cols, rows + "×" + cols);
            }
        }
    }

    @Test
    void forwardIsStableForHugeLogitsAndMatchesSpecialValues() {
        SplittableRandom rnd = new SplittableRandom(31);
        for (int cols : SIZES) {
            float[] zero = new float[cols];
            checkForward(uniform(rnd, 2 * cols, -1e4, 1e4), zero, 2, cols, "huge logits " + cols);
            checkForward(uniform(rnd, 7 * cols, -1e4, 1e4), zero, 7, cols, "huge logits, 7 rows, " + cols);
            checkForward(withSpecials(rnd, cols, -5, 5, 1e4f, -1e4f), zero, 1, cols, "±1e4 " + cols);
            checkForward(withSpecials(rnd, cols, -5, 5, Float.NEGATIVE_INFINITY), zero, 1, cols, "-inf " + cols);
            checkForward(withSpecials(rnd, cols, -5, 5, Float.NaN), zero, 1, cols, "NaN " + cols);
            checkForward(withSpecials(rnd, cols, -5, 5, Float.POSITIVE_INFINITY), zero, 1, cols, "+inf " + cols);
        }
    }

    @Test
    void forwardValuesByHand() {
        int cols = 19;
        float[] a = new float[cols];
        for (int j = 0; j < cols; j++) {
            a[j] = -1e4f; // negligible next to the two large entries
        }
        a[3] = 1e4f;
        a[18] = 1e4f + (float) Math.log(3); // e^x ratio 3 : 1 between the tail element and a[3]
        float[] h = new float[cols];
        SIMD.biasSoftmax(a, new float[cols], h, 1, cols);
        assertEquals(0.25, h[3], 1e-3); // 1e4 + ln 3 rounds in float, so only ~3 digits are exact
        assertEquals(0.75, h[18], 1e-3);
        assertEquals(0f, h[0]);
        float sum = 0;
        for (float v : h) {
            sum += v;
        }
        assertEquals(1f, sum, 1e-6f);
    }

    @Test
    void backwardMatchesScalar() {
        SplittableRandom rnd = new SplittableRandom(32);
        for (int rows : new int[] {1, 3}) {
            for (int cols : SIZES) {
                int n = rows * cols;
                float[] h = uniform(rnd, n, 0, 1);
                float[] dH = uniform(rnd, n, -3, 3);
                float[] expected = new float[n];
                float[] actual = new float[n];
                scalar.softmaxBackward(expected, dH, h, rows, cols);
                SIMD.softmaxBackward(actual, dH, h, rows, cols);
                for (int i = 0; i < rows; i++) {
                    double dotAbs = 0;
                    for (int j = 0; j < cols; j++) {
                        dotAbs += Math.abs((double) dH[i * cols + j] * h[i * cols + j]);
                    }
                    for (int j = 0; j < cols; j++) {
                        int at = i * cols + j;
                        // error of the dot (≈ cols·ε·Σ|dH·h|) times h, plus two roundings of the result
                        double tol = (2 * cols + 8) * EPS * Math.abs(h[at]) * (Math.abs(dH[at]) + dotAbs);
                        assertClose(expected[at], actual[at], tol, "softmaxBackward " + rows + "×" + cols + " at " + at);
                    }
                }
                float[] inPlace = dH.clone();
                SIMD.softmaxBackward(inPlace, inPlace, h, rows, cols);
                assertBitEqual(actual, inPlace, n, "softmaxBackward in place");
            }
        }
    }

    @Test
    void backwardByHand() {
        // h = (0.5, 0.5), dH = (1, 3): ⟨dH, h⟩ = 2, dA = (0.5·(1−2), 0.5·(3−2)) = (−0.5, 0.5)
        float[] dA = new float[2];
        SIMD.softmaxBackward(dA, new float[] {1f, 3f}, new float[] {0.5f, 0.5f}, 1, 2);
        assertEquals(-0.5f, dA[0]);
        assertEquals(0.5f, dA[1]);
    }
}
