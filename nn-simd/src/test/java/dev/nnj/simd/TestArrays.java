package dev.nnj.simd;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

/** Random inputs, awkward sizes and tolerant comparisons shared by the kernel parity tests. */
final class TestArrays {

    /** Unit roundoff of float32: relative error of one rounding. */
    static final double EPS = Math.ulp(1f) / 2;

    /**
     * Sizes that exercise every code path: 1, primes, and one below/at/above the lane counts of 128-,
     * 256- and 512-bit vectors (4, 8, 16), the 4-vector unroll (64) and the GEMM block sizes (12, 32).
     */
    static final int[] SIZES = {1, 2, 3, 4, 5, 7, 8, 9, 11, 12, 13, 15, 16, 17, 31, 32, 33, 47, 63, 64, 65, 67,
        97, 127, 128, 129, 130};

    private TestArrays() {
    }

    static float[] uniform(SplittableRandom rnd, int n, double lo, double hi) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (lo + (hi - lo) * rnd.nextDouble());
        }
        return x;
    }

    /** Like {@link #uniform}, with special values planted at fixed positions, including the vector tail. */
    static float[] withSpecials(SplittableRandom rnd, int n, double lo, double hi, float... specials) {
        float[] x = uniform(rnd, n, lo, hi);
        for (int s = 0; s < specials.length && s < n; s++) {
            x[(int) ((long) s * 7919 % n)] = specials[s];
        }
        if (n > 0 && specials.length > 0) {
            x[n - 1] = specials[specials.length - 1];
        }
        return x;
    }

    /** Every element equal, bit for bit (NaN equals NaN, −0 differs from +0). */
    static void assertBitEqual(float[] expected, float[] actual, int n, String what) {
        for (int i = 0; i < n; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                fail(what + ": element " + i + " expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }

    /**
     * |expected − actual| ≤ abs + rel·|expected| per element; NaN must match NaN and infinities must
     * match exactly.
     */
    static void assertClose(float[] expected, float[] actual, int n, double abs, double rel, String what) {
        for (int i = 0; i < n; i++) {
            assertClose(expected[i], actual[i], abs + rel * Math.abs(expected[i]), what + ": element " + i);
        }
    }

    static void assertClose(double expected, double actual, double tolerance, String what) {
        if (Double.isNaN(expected) || Double.isNaN(actual) || Double.isInfinite(expected) || Double.isInfinite(actual)) {
            if (Double.compare(expected, actual) != 0) {
                fail(what + ": expected " + expected + " but was " + actual);
            }
            return;
        }
        if (!(Math.abs(expected - actual) <= tolerance)) {
            fail(what + ": expected " + expected + " but was " + actual + " (difference "
                    + Math.abs(expected - actual) + " > tolerance " + tolerance + ")");
        }
    }
}
