package dev.nnj.bench;

import java.util.Random;

/**
 * Benchmark inputs and the correctness check every non-scalar benchmark runs in its setup: timing a
 * kernel that computes the wrong thing would make a fast but broken backend look like a win.
 */
final class Inputs {

    /** Fixed, so that every run times the same numbers (relevant for data-dependent kernels like ReLU). */
    static final long SEED = 42;

    private Inputs() {
    }

    /** n values uniform in [lo, hi). */
    static float[] uniform(Random rng, int n, float lo, float hi) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * rng.nextFloat();
        }
        return x;
    }

    /** n values uniform in [−1, 1). */
    static float[] uniform(Random rng, int n) {
        return uniform(rng, n, -1f, 1f);
    }

    /** An array of n NaNs: an output buffer whose stale content cannot pass a check by accident. */
    static float[] poisoned(int n) {
        float[] x = new float[n];
        java.util.Arrays.fill(x, Float.NaN);
        return x;
    }

    /**
     * Fails unless |actual[i] − expected[i]| ≤ tolerance·(1 + |expected[i]|) for every i &lt; n. NaN in
     * either array fails, which catches elements a kernel forgot to write.
     */
    static void requireClose(String what, float[] expected, float[] actual, int n, double tolerance) {
        for (int i = 0; i < n; i++) {
            double diff = Math.abs((double) actual[i] - expected[i]);
            if (!(diff <= tolerance * (1 + Math.abs(expected[i])))) {
                throw new IllegalStateException(what + ": element " + i + " is " + actual[i]
                        + " but the scalar reference gives " + expected[i]
                        + " (tolerance " + tolerance + "); refusing to time a wrong result");
            }
        }
    }

    /**
     * Fails unless |actual[i] − expected[i]| ≤ tolerance·max|expected| for every i &lt; n: for tensors
     * such as gradients, whose small elements are mostly cancellation and rounding, where an element-wise
     * relative check would fail on noise.
     */
    static void requireCloseToScale(String what, float[] expected, float[] actual, int n, double tolerance) {
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        for (int i = 0; i < n; i++) {
            double diff = Math.abs((double) actual[i] - expected[i]);
            if (!(diff <= tolerance * scale)) {
                throw new IllegalStateException(what + ": element " + i + " is " + actual[i]
                        + " but the scalar reference gives " + expected[i] + " (tolerance " + tolerance
                        + " of the largest element, " + scale + "); refusing to time a wrong result");
            }
        }
    }
}
