package dev.nnj.simd;

import static dev.nnj.simd.TestArrays.assertBitEqual;
import static dev.nnj.simd.TestArrays.uniform;
import static dev.nnj.simd.TestArrays.withSpecials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.kernel.ScalarKernels;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Element-wise kernels split across worker threads: every operation gives the same bits on 1 to 4
 * threads at sizes above its threshold (odd row and column counts, so parts end in ragged rows, vector
 * tails and scalar columns), and the operations that match the scalar reference bit for bit still do. The
 * timeout only turns a lost wake-up (a hang) into a failure.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ParallelElementwiseTest {

    private static final int LANES = FloatVector.SPECIES_PREFERRED.length();
    private static final int ROWS = 1031;
    /** Rows wide enough for the vector loops of the row kernels, with a ragged tail: 67 = 4·16 + 3 = 8·8 + 3. */
    private static final int[] COLS = {67, 130};
    /** A flat array above the thresholds whose end is not a multiple of any vector length. */
    private static final int FLAT = 300_001;
    private static final float SLOPE = 0.01f;
    /** Comparisons of a kernel with exponentials before it fails (see {@link #assertSameAsOneThread}). */
    private static final int ATTEMPTS = 20;
    private static final float[] SPECIALS = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f,
        100f, -100f};

    /** One call of one operation on inputs drawn from {@code rnd}; returns every array the call writes. */
    private interface Call {
        float[][] run(Kernels k, SplittableRandom rnd);
    }

    /** How a SIMD kernel's bits relate to the scalar reference's and to the JIT tier it runs in. */
    private enum Bits {
        /** The scalar reference's bits, in every tier. */
        REFERENCE,
        /** Its own bits (sums reordered, its own e^x), the same in every tier. */
        OWN,
        /**
         * Its own bits, which can change once C2 compiles it: e^x or tanh of the vector library, or, on JDK
         * 24 and later, a sum of a vector's lanes.
         */
        TIER_DEPENDENT
    }

    /** A named call, the threshold its size must reach (so that it really splits), and its {@link Bits}. */
    private record Case(String name, int work, int threshold, Bits bits, Call call) {
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (int cols : COLS) {
            forward(cases, "identity", cols, ParallelElementwise.STREAMING_PARALLEL_MIN, Bits.REFERENCE,
                    (k, a, b, h, c) -> k.biasIdentity(a, b, h, ROWS, c));
            forward(cases, "relu", cols, ParallelElementwise.STREAMING_PARALLEL_MIN, Bits.REFERENCE,
                    (k, a, b, h, c) -> k.biasRelu(a, b, h, ROWS, c));
            forward(cases, "leaky relu", cols, ParallelElementwise.STREAMING_PARALLEL_MIN, Bits.REFERENCE,
                    (k, a, b, h, c) -> k.biasLeakyRelu(a, b, h, ROWS, c, SLOPE));
            forward(cases, "sigmoid", cols, ParallelElementwise.TRANSCENDENTAL_PARALLEL_MIN, Bits.TIER_DEPENDENT,
                    (k, a, b, h, c) -> k.biasSigmoid(a, b, h, ROWS, c));
            forward(cases, "tanh", cols, ParallelElementwise.TRANSCENDENTAL_PARALLEL_MIN, Bits.TIER_DEPENDENT,
                    (k, a, b, h, c) -> k.biasTanh(a, b, h, ROWS, c));
            forward(cases, "softmax", cols, ParallelElementwise.TRANSCENDENTAL_PARALLEL_MIN, Bits.TIER_DEPENDENT,
                    (k, a, b, h, c) -> k.biasSoftmax(a, b, h, ROWS, c));
            softmaxBackward(cases, ROWS, cols);
            columnSums(cases, ROWS, cols);
            flat(cases, ROWS * cols);
        }
        // Rows narrower than a vector take their own path, whose e^x has the same bits in every JIT tier:
        // the same bits for any split from the first call on.
        for (int cols : new int[] {7, 10, LANES - 1}) {
            forward(cases, "narrow softmax", cols, ParallelElementwise.NARROW_SOFTMAX_PARALLEL_MIN, Bits.OWN,
                    (k, a, b, h, c) -> k.biasSoftmax(a, b, h, ROWS, c));
        }
        softmaxBackward(cases, 7001, 10);
        columnSums(cases, ROWS, 1000);
        columnSums(cases, 4099, 17); // too narrow to split by columns: stays serial
        flat(cases, FLAT);
        return cases;
    }

    private interface Forward {
        void run(Kernels k, float[] a, float[] bias, float[] h, int cols);
    }

    private static void forward(List<Case> cases, String name, int cols, int threshold, Bits bits, Forward f) {
        int n = ROWS * cols;
        cases.add(new Case(name + " " + ROWS + "×" + cols, n, threshold, bits, (k, rnd) -> {
            float[] a = withSpecials(rnd, n, -6, 6, SPECIALS);
            float[] bias = uniform(rnd, cols, -1, 1);
            float[] h = new float[n];
            f.run(k, a, bias, h, cols);
            return new float[][] {a, h};
        }));
    }

    private static void softmaxBackward(List<Case> cases, int rows, int cols) {
        int n = rows * cols;
        int min = ParallelElementwise.STREAMING_PARALLEL_MIN;
        // A row at least a vector wide sums its dot product's lanes with reduceLanes, in an order C2 on
        // JDK 24 and later chooses for itself (a tree, where the interpreter adds them one by one).
        Bits bits = cols >= LANES ? Bits.TIER_DEPENDENT : Bits.OWN;
        cases.add(new Case("softmaxBackward " + rows + "×" + cols, n, min, bits, (k, rnd) -> {
            float[] dH = uniform(rnd, n, -1, 1);
            float[] h = uniform(rnd, n, 0, 1);
            float[] dA = new float[n];
            k.softmaxBackward(dA, dH, h, rows, cols);
            float[] inPlace = dH.clone();
            k.softmaxBackward(inPlace, inPlace, h, rows, cols);
            return new float[][] {dA, inPlace};
        }));
    }

    private static void columnSums(List<Case> cases, int rows, int cols) {
        int min = ParallelElementwise.STREAMING_PARALLEL_MIN;
        cases.add(new Case("addColumnSums " + rows + "×" + cols, rows * cols, min, Bits.REFERENCE, (k, rnd) -> {
            float[] x = withSpecials(rnd, rows * cols, -5, 5, SPECIALS);
            float[] dst = uniform(rnd, cols, -1, 1);
            k.addColumnSums(dst, x, rows, cols);
            return new float[][] {dst};
        }));
    }

    private static void flat(List<Case> cases, int n) {
        int min = ParallelElementwise.STREAMING_PARALLEL_MIN;
        cases.add(new Case("activation backward n=" + n, n, min, Bits.REFERENCE, (k, rnd) -> {
            float[] dH = withSpecials(rnd, n, -2, 2, Float.NaN, Float.POSITIVE_INFINITY, -0f);
            float[] h = withSpecials(rnd, n, 0, 1, 1f, 0f, Float.NaN);
            float[] a = withSpecials(rnd, n, -2, 2, SPECIALS);
            float[][] out = new float[5][n];
            k.sigmoidBackward(out[0], dH, h, n);
            k.tanhBackward(out[1], dH, h, n);
            k.reluBackward(out[2], dH, a, n);
            k.leakyReluBackward(out[3], dH, a, n, SLOPE);
            out[4] = dH.clone();
            k.leakyReluBackward(out[4], out[4], a, n, SLOPE); // dA may alias dH
            return out;
        }));
        cases.add(new Case("hadamard, scaleInPlace, subtractScaled n=" + n, n, min, Bits.REFERENCE, (k, rnd) -> {
            float[] a = withSpecials(rnd, n, -3, 3, SPECIALS);
            float[] b = uniform(rnd, n, -3, 3);
            float[][] out = new float[4][n];
            k.hadamard(out[0], a, b, n);
            out[1] = a.clone();
            k.scaleInPlace(out[1], -1.7f, n);
            k.subtractScaled(out[2], a, b, 0.37f, n);
            out[3] = b.clone();
            k.hadamard(out[3], a, out[3], n); // dst may alias an operand
            return out;
        }));
    }

    private static Case find(String name) {
        return cases().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static float[][] run(Case c, Kernels k, long seed) {
        return c.call().run(k, new SplittableRandom(seed));
    }

    @Test
    void casesAreLargeEnoughToSplit() {
        for (Case c : cases()) {
            assertTrue(c.work() >= c.threshold(), c.name() + ": " + c.work() + " elements, below " + c.threshold());
        }
    }

    @Test
    void anyThreadCountGivesTheSameBits() {
        List<Case> cases = cases();
        try (SimdKernels one = new SimdKernels(1)) {
            for (int threads = 2; threads <= 4; threads++) {
                try (SimdKernels split = new SimdKernels(threads)) {
                    for (int i = 0; i < cases.size(); i++) {
                        assertSameAsOneThread(cases.get(i), one, split, threads, 100 + i);
                    }
                }
            }
        }
    }

    /**
     * The split call gives the single-threaded call's bits. Until C2 compiles a kernel, the Vector API
     * evaluates e^x and tanh lane by lane with Math.exp and Math.tanh, which can differ in the last bit
     * from the vector math library of the compiled kernel (and on JDK 24 and later, interpreted reduceLanes
     * adds a vector's lanes one by one, compiled code as a tree); the single-threaded path and the parts of a
     * split call reach the kernels through different callers, so for a while one can run compiled code and
     * the other not. A kernel whose bits do not depend on the tier must match at once; one with those
     * exponentials must match once both paths run compiled code: between attempts both paths are run some more (C2 needed up to
     * six attempts here), and a wrong split still differs every time.
     */
    private static void assertSameAsOneThread(Case c, Kernels one, Kernels split, int threads, long seed) {
        for (int attempt = 1; ; attempt++) {
            float[][] expected = run(c, one, seed);
            float[][] got = run(c, split, seed);
            if (Arrays.deepEquals(expected, got) || c.bits() != Bits.TIER_DEPENDENT || attempt == ATTEMPTS) {
                for (int out = 0; out < got.length; out++) {
                    assertBitEqual(expected[out], got[out], got[out].length,
                            c.name() + " on " + threads + " threads, output " + out + " (attempt " + attempt + ")");
                }
                return;
            }
            for (int call = 0; call < 20; call++) {
                run(c, one, seed);
                run(c, split, seed);
            }
        }
    }

    /** Kernels with the reference's bits still have them when split (the others have tolerances). */
    @Test
    void kernelsWithTheReferenceBitsKeepThemWhenSplit() {
        List<Case> cases = cases();
        Kernels scalar = new ScalarKernels();
        try (SimdKernels k = new SimdKernels(3)) {
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                if (c.bits() != Bits.REFERENCE) {
                    continue;
                }
                float[][] expected = run(c, scalar, 200 + i);
                float[][] got = run(c, k, 200 + i);
                for (int out = 0; out < got.length; out++) {
                    assertBitEqual(expected[out], got[out], got[out].length, c.name() + ", output " + out);
                }
            }
        }
    }

    @Test
    void softmaxBiasIsAddedToTheLogitsOfEveryRow() {
        // Every row of the logits is 0, the bias 0..cols−1: each row's softmax is e^j / Σ e^k, and A = bias.
        for (int cols : new int[] {10, 67}) {
            int rows = ROWS;
            float[] a = new float[rows * cols];
            float[] bias = new float[cols];
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                bias[j] = j;
                sum += Math.exp(j - (cols - 1));
            }
            float[] h = new float[a.length];
            try (SimdKernels k = new SimdKernels(2)) {
                k.biasSoftmax(a, bias, h, rows, cols);
            }
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    assertEquals(j, a[i * cols + j], "A at row " + i + ", column " + j);
                    assertEquals(Math.exp(j - (cols - 1)) / sum, h[i * cols + j], 1e-6,
                            "H at row " + i + ", column " + j);
                }
            }
        }
    }

    @Test
    void columnSumsOfOnesCountTheRows() {
        int rows = 1031;
        for (int cols : new int[] {67, 1000}) {
            float[] x = new float[rows * cols];
            Arrays.fill(x, 1f);
            float[] dst = new float[cols];
            Arrays.fill(dst, 0.5f);
            try (SimdKernels k = new SimdKernels(4)) {
                k.addColumnSums(dst, x, rows, cols);
            }
            for (int j = 0; j < cols; j++) {
                assertEquals(rows + 0.5f, dst[j], "column " + j + " of " + cols);
            }
        }
    }

    /** After a split call the backend holds none of the caller's arrays (they could be large). */
    @Test
    void callerArraysAreNotKeptReachable() throws Exception {
        try (WorkerPool pool = new WorkerPool(2)) {
            ParallelRanges ranges = new ParallelRanges(pool, new Object());
            ParallelElementwise elementwise = new ParallelElementwise(ranges);
            int n = FLAT;
            elementwise.reluBackward(new float[n], new float[n], new float[n], n);
            elementwise.biasSoftmax(new float[ROWS * 10], new float[10], new float[ROWS * 10], ROWS, 10);
            elementwise.addColumnSums(new float[1000], new float[ROWS * 1000], ROWS, 1000);
            for (Object owner : new Object[] {elementwise, ranges}) {
                for (Field f : owner.getClass().getDeclaredFields()) {
                    if (f.getType() == float[].class
                            || (f.getType() == ParallelRanges.RangeJob.class && f.getName().equals("job"))) {
                        f.setAccessible(true);
                        assertNull(f.get(owner), owner.getClass().getSimpleName() + "." + f.getName());
                    }
                }
            }
        }
    }

    /**
     * Two callers share one backend, running split element-wise kernels on their own arrays while a third
     * multiplies matrices on the workers: each gets exactly what it gets alone.
     */
    @Test
    void concurrentCallersGetTheirOwnResults() throws Exception {
        Case relu = find("relu " + ROWS + "×67");
        Case flat = find("hadamard, scaleInPlace, subtractScaled n=" + FLAT);
        float[][] aloneRelu;
        float[][] aloneFlat;
        try (SimdKernels k = new SimdKernels(1)) {
            aloneRelu = run(relu, k, 7);
            aloneFlat = run(flat, k, 8);
        }
        int d = 256; // 2·d³ flops is above Gemm.PARALLEL_MIN_FLOPS
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try (SimdKernels shared = new SimdKernels(3)) {
            for (int round = 0; round < 3; round++) {
                List<Future<float[][]>> reluRuns = new ArrayList<>();
                List<Future<float[][]>> flatRuns = new ArrayList<>();
                Future<?> product = callers.submit(() -> {
                    float[] a = new float[d * d];
                    float[] c = new float[d * d];
                    Arrays.fill(a, 1f);
                    for (int i = 0; i < 10; i++) {
                        shared.sgemm(false, false, d, d, d, 1f, a, 0, d, a, 0, d, 0f, c, 0, d);
                        for (float x : c) {
                            assertEquals(d, x, "every element of the product of ones");
                        }
                    }
                });
                for (int i = 0; i < 5; i++) {
                    reluRuns.add(callers.submit(() -> run(relu, shared, 7)));
                    flatRuns.add(callers.submit(() -> run(flat, shared, 8)));
                }
                product.get(1, TimeUnit.MINUTES);
                for (int i = 0; i < 5; i++) {
                    float[][] r = reluRuns.get(i).get(1, TimeUnit.MINUTES);
                    float[][] f = flatRuns.get(i).get(1, TimeUnit.MINUTES);
                    for (int out = 0; out < r.length; out++) {
                        assertBitEqual(aloneRelu[out], r[out], r[out].length, relu.name() + " round " + round);
                    }
                    for (int out = 0; out < f.length; out++) {
                        assertBitEqual(aloneFlat[out], f[out], f[out].length, flat.name() + " round " + round);
                    }
                }
            }
        } finally {
            callers.shutdownNow();
        }
    }
}
