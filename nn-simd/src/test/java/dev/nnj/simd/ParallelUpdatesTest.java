package dev.nnj.simd;

import static dev.nnj.simd.TestArrays.assertBitEqual;
import static dev.nnj.simd.TestArrays.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.kernel.Kernels;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Optimizer updates split across worker threads: the split itself, bit-identical results for any thread
 * count, and callers on several threads sharing one backend. The timeout only turns a lost wake-up (a
 * hang) into a failure.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ParallelUpdatesTest {

    /** Odd sizes above both thresholds, and one between them (split for Adam and the like, not for SGD). */
    private static final int[] LARGE = {ParallelUpdates.ADAPTIVE_PARALLEL_MIN + 1, ParallelUpdates.SGD_PARALLEL_MIN + 3,
        300_001};
    private static final int STEPS = 3;

    /** Every optimizer and flag combination, as one step on param and two state arrays. */
    private static final String[] UPDATES = {"sgd", "sgd momentum", "sgd nesterov", "adam", "adamw", "rmsprop",
        "rmsprop momentum", "adagrad"};

    private static void apply(String update, Kernels k, float[] p, float[] g, float[] s1, float[] s2, int n, int t) {
        switch (update) {
            case "sgd" -> k.sgdUpdate(p, g, s1, n, 0.1f, 0f, 0.01f, false, t == 1);
            case "sgd momentum" -> k.sgdUpdate(p, g, s1, n, 0.1f, 0.9f, 0.01f, false, t == 1);
            case "sgd nesterov" -> k.sgdUpdate(p, g, s1, n, 0.1f, 0.9f, 0f, true, t == 1);
            case "adam" -> k.adamUpdate(p, g, s1, s2, n, 1e-2f, 0.9f, 0.999f, 1e-8f, 0.1f, false, t);
            case "adamw" -> k.adamUpdate(p, g, s1, s2, n, 1e-2f, 0.8f, 0.99f, 1e-6f, 0.1f, true, t);
            case "rmsprop" -> k.rmspropUpdate(p, g, s1, s2, n, 1e-2f, 0.99f, 1e-8f, 0f, 0f);
            case "rmsprop momentum" -> k.rmspropUpdate(p, g, s1, s2, n, 1e-2f, 0.9f, 1e-8f, 0.05f, 0.9f);
            case "adagrad" -> k.adagradUpdate(p, g, s1, n, 0.1f, 1e-10f, 0.01f);
            default -> throw new IllegalArgumentException(update);
        }
    }

    /** Parameters and both state arrays after {@code steps} steps from a start fixed by the seed. */
    private static float[][] run(String update, Kernels k, int n, long seed, int steps) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] p = uniform(rnd, n, -1, 1);
        float[] s1 = new float[n];
        float[] s2 = new float[n];
        for (int t = 1; t <= steps; t++) {
            apply(update, k, p, uniform(rnd, n, -0.5, 0.5), s1, s2, n, t);
        }
        return new float[][] {p, s1, s2};
    }

    @Test
    void anyThreadCountGivesTheSameBits() {
        float[][][][] expected = new float[UPDATES.length][LARGE.length][][];
        for (int threads = 1; threads <= 4; threads++) {
            try (SimdKernels k = new SimdKernels(threads)) {
                for (int u = 0; u < UPDATES.length; u++) {
                    for (int s = 0; s < LARGE.length; s++) {
                        int n = LARGE[s];
                        float[][] got = run(UPDATES[u], k, n, 31L * u + s, STEPS);
                        if (threads == 1) {
                            expected[u][s] = got;
                            continue;
                        }
                        String at = UPDATES[u] + " n=" + n + " on " + threads + " threads";
                        assertBitEqual(expected[u][s][0], got[0], n, at + ", param");
                        assertBitEqual(expected[u][s][1], got[1], n, at + ", state 1");
                        assertBitEqual(expected[u][s][2], got[2], n, at + ", state 2");
                    }
                }
            }
        }
    }

    @Test
    void partsStartAtVectorMultiplesAndCoverTheArray() {
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        for (int threads = 2; threads <= 8; threads++) {
            for (int n : new int[] {ParallelUpdates.ADAPTIVE_PARALLEL_MIN, ParallelUpdates.ADAPTIVE_PARALLEL_MIN + 1,
                ParallelUpdates.SGD_PARALLEL_MIN - 1, 200_704, 300_001, 1 << 24, Integer.MAX_VALUE}) {
                int length = ParallelUpdates.partLength(n, threads);
                long parts = ((long) n + length - 1) / length;
                String at = "n=" + n + ", " + threads + " threads: part length " + length;
                assertEquals(0, length % lanes, at + " is not a multiple of " + lanes + " lanes");
                assertTrue(length >= ParallelUpdates.MIN_PART, at + " is below the minimum");
                assertTrue(parts >= 2 && parts <= 4L * threads, at + " gives " + parts + " parts");
                assertTrue(parts * length >= n && (parts - 1) * length < n, at + " does not cover the array");
            }
        }
    }

    /**
     * Two callers share one backend, updating their own arrays while a third multiplies matrices large
     * enough to use the workers: the pool is entered by one of them at a time, so each gets exactly what
     * it gets alone.
     */
    @Test
    void concurrentCallersGetTheirOwnResults() throws Exception {
        int n = 100_003;
        int steps = 20;
        int d = 256; // 2·d³ flops is above Gemm.PARALLEL_MIN_FLOPS
        float[][] aloneAdam;
        float[][] aloneSgd;
        try (SimdKernels k = new SimdKernels(1)) {
            aloneAdam = run("adam", k, n, 1, steps);
            aloneSgd = run("sgd momentum", k, 2 * n, 2, steps);
        }
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try (SimdKernels shared = new SimdKernels(3)) {
            for (int round = 0; round < 3; round++) {
                Future<float[][]> adam = callers.submit(() -> run("adam", shared, n, 1, steps));
                Future<float[][]> sgd = callers.submit(() -> run("sgd momentum", shared, 2 * n, 2, steps));
                Future<float[]> product = callers.submit(() -> {
                    float[] a = new float[d * d];
                    float[] c = new float[d * d];
                    java.util.Arrays.fill(a, 1f);
                    for (int i = 0; i < steps; i++) {
                        java.util.Arrays.fill(c, Float.NaN);
                        shared.sgemm(false, false, d, d, d, 1f, a, 0, d, a, 0, d, 0f, c, 0, d);
                        for (float x : c) {
                            assertEquals(d, x, "every element of the product of ones");
                        }
                    }
                    return c;
                });
                float[][] adamGot = adam.get(1, TimeUnit.MINUTES);
                float[][] sgdGot = sgd.get(1, TimeUnit.MINUTES);
                product.get(1, TimeUnit.MINUTES);
                for (int i = 0; i < 3; i++) {
                    assertBitEqual(aloneAdam[i], adamGot[i], n, "adam array " + i + ", round " + round);
                    assertBitEqual(aloneSgd[i], sgdGot[i], 2 * n, "sgd array " + i + ", round " + round);
                }
            }
        } finally {
            callers.shutdownNow();
        }
    }
}
