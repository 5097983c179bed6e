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
 * Element-wise kernels and column sums against the scalar reference. These perform the same IEEE
 * operations per element as the reference, so results must be bit-identical; only the sum of squares is
 * reordered and gets a tolerance.
 */
class ElementwiseOpsTest {

    private static final float[] SPECIALS = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f,
        Float.MAX_VALUE, Float.MIN_VALUE};

    private static final SimdKernels SIMD = new SimdKernels(1);
    private final Kernels scalar = new ScalarKernels();

    @AfterAll
    static void stop() {
        SIMD.close();
    }

    @Test
    void hadamardScaleAndSubtractAreBitIdentical() {
        SplittableRandom rnd = new SplittableRandom(10);
        for (int n : SIZES) {
            float[] a = withSpecials(rnd, n, -3, 3, SPECIALS);
            float[] b = uniform(rnd, n, -3, 3);
            float[] expected = new float[n];
            float[] actual = new float[n];
            scalar.hadamard(expected, a, b, n);
            SIMD.hadamard(actual, a, b, n);
            assertBitEqual(expected, actual, n, "hadamard n=" + n);

            scalar.subtractScaled(expected, a, b, 0.37f, n);
            SIMD.subtractScaled(actual, a, b, 0.37f, n);
            assertBitEqual(expected, actual, n, "subtractScaled n=" + n);

            float[] x1 = a.clone();
            float[] x2 = a.clone();
            scalar.scaleInPlace(x1, -1.7f, n);
            SIMD.scaleInPlace(x2, -1.7f, n);
            assertBitEqual(x1, x2, n, "scaleInPlace n=" + n);
        }
    }

    @Test
    void destinationMayAliasAnOperand() {
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 67;
        float[] a = uniform(rnd, n, -1, 1);
        float[] b = uniform(rnd, n, -1, 1);
        float[] expected = new float[n];
        scalar.hadamard(expected, a, b, n);
        float[] aliased = a.clone();
        SIMD.hadamard(aliased, aliased, b, n);
        assertBitEqual(expected, aliased, n, "hadamard in place");

        scalar.subtractScaled(expected, a, b, 2f, n);
        aliased = b.clone();
        SIMD.subtractScaled(aliased, a, aliased, 2f, n);
        assertBitEqual(expected, aliased, n, "subtractScaled into b");
    }

    @Test
    void onlyTheFirstNElementsAreTouched() {
        float[] x = {1f, 2f, 3f, 4f, 5f};
        SIMD.scaleInPlace(x, 2f, 3);
        assertArrayEquals(new float[] {2f, 4f, 6f, 4f, 5f}, x);
    }

    @Test
    void sumOfSquaresMatchesWithinDoubleRounding() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (int n : SIZES) {
            float[] x = uniform(rnd, n, -10, 10);
            double expected = scalar.sumOfSquares(x, n);
            // Exact squares, reordered double sums: relative error below n·2^-53.
            assertClose(expected, SIMD.sumOfSquares(x, n), expected * n * 0x1p-52, "sumOfSquares n=" + n);
        }
        assertEquals(25.0, SIMD.sumOfSquares(new float[] {3f, 4f}, 2));
        assertEquals(Double.POSITIVE_INFINITY, SIMD.sumOfSquares(withSpecials(rnd, 40, -1, 1, Float.NEGATIVE_INFINITY), 40));
        assertEquals(Double.NaN, SIMD.sumOfSquares(withSpecials(rnd, 40, -1, 1, Float.NaN), 40));
    }

    @Test
    void sumOfSquaresIsAccumulatedInDouble() {
        // 2^13 squared is 2^26; adding 1 to it is lost in float but exact in double.
        float[] x = new float[33];
        x[0] = 8192f;
        for (int i = 1; i < x.length; i++) {
            x[i] = 1f;
        }
        assertEquals(67108864.0 + 32, SIMD.sumOfSquares(x, x.length));
    }

    @Test
    void columnSumsAccumulateBitIdentically() {
        SplittableRandom rnd = new SplittableRandom(13);
        for (int rows : new int[] {1, 2, 7, 33}) {
            for (int cols : SIZES) {
                float[] x = withSpecials(rnd, rows * cols, -5, 5, SPECIALS);
                float[] expected = uniform(rnd, cols, -1, 1);
                float[] actual = expected.clone();
                scalar.addColumnSums(expected, x, rows, cols);
                SIMD.addColumnSums(actual, x, rows, cols);
                assertBitEqual(expected, actual, cols, "addColumnSums " + rows + "×" + cols);
            }
        }
    }

    @Test
    void columnSumsByHand() {
        float[] dst = {10f, 20f, 30f};
        SIMD.addColumnSums(dst, new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new float[] {15f, 27f, 39f}, dst);
    }
}
