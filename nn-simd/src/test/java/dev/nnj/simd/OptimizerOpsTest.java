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

    /**
     * State values for {@link #tinyStateIsFlushedToZero}: some land below Float.MIN_NORMAL after one decay
     * (the smallest normal itself, 2e-38 under a decay of 0.5, subnormals, −0), some stay normal, and NaN
     * must pass through.
     */
    private static final float[] TINY_STATE = {Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-40f, -Float.MIN_VALUE,
        2e-38f, -5e-38f, 1e-30f, 0.75f, -0f, Float.NaN, 3e-39f};

    /**
     * With a zero gradient each state array is only multiplied by its decay, so its expected value is
     * known without any kernel: +0 exactly where |decay·x| &lt; Float.MIN_NORMAL, else the float nearest
     * decay·x (one product of floats is exact in double). Both backends must store exactly that, so they
     * agree bit for bit. Every rotation of the pattern is run so each value lands in the vector body and in
     * the tail.
     */
    private void checkFlush(String what, float decay1, float decay2, boolean nonNegative, Update update) {
        int n = 67;
        for (int shift = 0; shift < TINY_STATE.length; shift++) {
            float[] s1 = new float[n];
            float[] s2 = new float[n];
            for (int i = 0; i < n; i++) {
                float x = TINY_STATE[(i + shift) % TINY_STATE.length];
                s1[i] = nonNegative ? Math.abs(x) : x;
                s2[i] = x;
            }
            float[] expected1 = decayed(s1, decay1);
            float[] expected2 = decayed(s2, decay2);
            for (Kernels k : new Kernels[] {scalar, SIMD}) {
                float[] param = new float[n];
                java.util.Arrays.fill(param, 1f);
                float[] a = s1.clone();
                float[] b = s2.clone();
                update.apply(k, param, new float[n], a, b, n, 5);
                String at = what + " on " + k.name() + ", rotation " + shift;
                TestArrays.assertBitEqual(expected1, a, n, at + ", state 1");
                TestArrays.assertBitEqual(expected2, b, n, at + ", state 2");
            }
        }
    }

    /** x·decay as one update with zero gradient must store it; decay 1 means the array is not state. */
    private static float[] decayed(float[] x, float decay) {
        float[] y = x.clone();
        if (decay == 1f) {
            return y;
        }
        for (int i = 0; i < y.length; i++) {
            double product = (double) decay * x[i];
            y[i] = Math.abs(product) < 0x1p-126 ? 0f : (float) product;
        }
        return y;
    }

    @Test
    void tinyStateIsFlushedToZero() {
        // SGD: the momentum buffer (state 2 is not used and must stay as it was).
        checkFlush("sgd momentum", 0.5f, 1f, false,
                (k, p, g, v, u, n, t) -> k.sgdUpdate(p, g, v, n, 0.1f, 0.5f, 0f, false, false));
        checkFlush("sgd nesterov", 0.9f, 1f, false,
                (k, p, g, v, u, n, t) -> k.sgdUpdate(p, g, v, n, 0.1f, 0.9f, 0f, true, false));
        // Adam: v (state 1, a sum of squares, so the pattern without signs) decays by β₂, m by β₁.
        checkFlush("adam", 0.999f, 0.9f, true,
                (k, p, g, v, m, n, t) -> k.adamUpdate(p, g, m, v, n, 1e-2f, 0.9f, 0.999f, 1e-8f, 0f, false, t));
        checkFlush("adamw", 0.99f, 0.5f, true,
                (k, p, g, v, m, n, t) -> k.adamUpdate(p, g, m, v, n, 1e-2f, 0.5f, 0.99f, 1e-8f, 0.1f, true, t));
        // RMSProp: the square average decays by α, the momentum buffer by μ (g/(√s + ε) is 0).
        checkFlush("rmsprop momentum", 0.9f, 0.5f, true,
                (k, p, g, s, v, n, t) -> k.rmspropUpdate(p, g, s, v, n, 1e-2f, 0.9f, 1e-8f, 0f, 0.5f));
        checkFlush("rmsprop", 0.99f, 1f, true,
                (k, p, g, s, v, n, t) -> k.rmspropUpdate(p, g, s, v, n, 1e-2f, 0.99f, 1e-8f, 0f, 0f));
        // AdaGrad's sum only grows and is never flushed: g = 0 leaves subnormals as they are.
        checkFlush("adagrad", 1f, 1f, true,
                (k, p, g, s, v, n, t) -> k.adagradUpdate(p, g, s, n, 0.1f, 1e-10f, 0f));
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
