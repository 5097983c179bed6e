package dev.nnj.simd;

import static dev.nnj.simd.TestArrays.SIZES;
import static dev.nnj.simd.TestArrays.assertClose;
import static dev.nnj.simd.TestArrays.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.kernel.ScalarKernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Optimizer updates against the scalar reference over several steps, for every flag combination.
 *
 * <p>Tolerance: the SIMD kernels fuse multiply-adds (one rounding instead of two) so each step may differ
 * by about one ulp per operation; over {@link #STEPS} steps parameters and state stay within 1e-5
 * relative. Values that come out of a cancellation (a momentum buffer near zero) carry the absolute error
 * of the terms, so the tolerance also has an absolute part of 1e-5 times the array's largest value.
 */
class OptimizerOpsTest {

    private static final int STEPS = 4;
    private static final double REL = 1e-5;
    private static final double ABS = 1e-7;

    private static final SimdKernels SIMD = new SimdKernels(1);
    private final Kernels scalar = new ScalarKernels();

    @AfterAll
    static void stop() {
        SIMD.close();
    }

    /** One optimizer step on param and its state arrays, with the given kernels. */
    private interface Update {
        void apply(Kernels k, float[] param, float[] grad, float[] s1, float[] s2, int n, int step);
    }

    private void check(String what, Update update) {
        SplittableRandom rnd = new SplittableRandom(what.hashCode());
        for (int n : SIZES) {
            float[] p1 = uniform(rnd, n, -1, 1);
            float[] p2 = p1.clone();
            float[] s1a = new float[n];
            float[] s1b = new float[n];
            float[] s2a = new float[n];
            float[] s2b = new float[n];
            for (int step = 1; step <= STEPS; step++) {
                float[] grad = uniform(rnd, n, -0.5, 0.5);
                float[] gradCopy = grad.clone();
                update.apply(scalar, p1, grad, s1a, s2a, n, step);
                update.apply(SIMD, p2, gradCopy, s1b, s2b, n, step);
                assertArrayEquals(grad, gradCopy, what + ": the gradient must not be modified");
                String at = what + " n=" + n + " step " + step;
                assertClose(p1, p2, n, ABS + REL * maxAbs(p1), REL, at + " param");
                assertClose(s1a, s1b, n, ABS + REL * maxAbs(s1a), REL, at + " state 1");
                assertClose(s2a, s2b, n, ABS + REL * maxAbs(s2a), REL, at + " state 2");
            }
        }
    }

    private static double maxAbs(float[] x) {
        double max = 0;
        for (float v : x) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    @Test
    void sgdVariantsMatchScalar() {
        check("sgd plain", (k, p, g, v, u, n, t) -> k.sgdUpdate(p, g, v, n, 0.1f, 0f, 0f, false, t == 1));
        check("sgd decay", (k, p, g, v, u, n, t) -> k.sgdUpdate(p, g, v, n, 0.1f, 0f, 0.01f, false, t == 1));
        check("sgd momentum", (k, p, g, v, u, n, t) -> k.sgdUpdate(p, g, v, n, 0.1f, 0.9f, 0.01f, false, t == 1));
        check("sgd nesterov", (k, p, g, v, u, n, t) -> k.sgdUpdate(p, g, v, n, 0.1f, 0.9f, 0f, true, t == 1));
    }

    @Test
    void adamVariantsMatchScalar() {
        check("adam", (k, p, g, m, v, n, t) -> k.adamUpdate(p, g, m, v, n, 1e-2f, 0.9f, 0.999f, 1e-8f, 0f, false, t));
        check("adam l2", (k, p, g, m, v, n, t) -> k.adamUpdate(p, g, m, v, n, 1e-2f, 0.9f, 0.999f, 1e-8f, 0.1f, false, t));
        check("adamw", (k, p, g, m, v, n, t) -> k.adamUpdate(p, g, m, v, n, 1e-2f, 0.8f, 0.99f, 1e-6f, 0.1f, true, t));
    }

    @Test
    void rmspropAndAdagradMatchScalar() {
        check("rmsprop", (k, p, g, s, v, n, t) -> k.rmspropUpdate(p, g, s, v, n, 1e-2f, 0.99f, 1e-8f, 0f, 0f));
        check("rmsprop momentum decay",
                (k, p, g, s, v, n, t) -> k.rmspropUpdate(p, g, s, v, n, 1e-2f, 0.9f, 1e-8f, 0.05f, 0.9f));
        check("adagrad", (k, p, g, s, v, n, t) -> k.adagradUpdate(p, g, s, n, 0.1f, 1e-10f, 0f));
        check("adagrad decay", (k, p, g, s, v, n, t) -> k.adagradUpdate(p, g, s, n, 0.1f, 1e-10f, 0.01f));
    }

    /** Known closed forms, independent of any kernel. */
    @Test
    void firstStepsByHand() {
        int n = 19;
        float[] param = new float[n];
        float[] grad = new float[n];
        java.util.Arrays.fill(grad, 0.5f);
        float[] m = new float[n];
        float[] v = new float[n];
        // Adam's first step moves every parameter by lr·sign(g) (bias-corrected m/√v = g/|g|).
        SIMD.adamUpdate(param, grad, m, v, n, 0.01f, 0.9f, 0.999f, 1e-8f, 0f, false, 1);
        assertEquals(-0.01f, param[0], 1e-7f);
        assertEquals(-0.01f, param[18], 1e-7f);
        assertEquals(0.05f, m[18], 1e-7f); // (1 − 0.9f)·0.5 = 0.050000012 in float
        // Adagrad's first step: −lr·g/|g|.
        java.util.Arrays.fill(param, 1f);
        float[] sum = new float[n];
        SIMD.adagradUpdate(param, grad, sum, n, 0.1f, 0f, 0f);
        assertEquals(0.9f, param[17], 1e-7f);
        assertEquals(0.25f, sum[17]);
        // SGD with momentum 0.5, two steps of g = 0.5: buffer 0.5 then 0.75; θ = 1 − 0.1·(0.5 + 0.75).
        java.util.Arrays.fill(param, 1f);
        float[] velocity = new float[n];
        SIMD.sgdUpdate(param, grad, velocity, n, 0.1f, 0.5f, 0f, false, true);
        SIMD.sgdUpdate(param, grad, velocity, n, 0.1f, 0.5f, 0f, false, false);
        assertEquals(0.875f, param[16], 1e-7f);
        assertEquals(0.75f, velocity[16], 1e-7f);
    }
}
