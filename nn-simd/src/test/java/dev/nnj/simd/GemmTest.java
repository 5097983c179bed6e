package dev.nnj.simd;

import static dev.nnj.simd.TestArrays.EPS;
import static dev.nnj.simd.TestArrays.assertClose;
import static dev.nnj.simd.TestArrays.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.kernel.ScalarKernels;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIMD sgemm against the scalar reference: every transpose combination, awkward sizes around the lane
 * count and the register block, offsets, padded leading dimensions, α/β, depth and column blocking, and
 * bit-identical output for any thread count.
 *
 * <p>Tolerance: both results are sums of k products, each within γ_k·Σ|a·b| of the exact value
 * (γ_k ≈ k·ε), so they may differ by 2γ_k·(|α|·Σ_p|a_ip·b_pj| + |β·c_ij|), computed per element here.
 */
class GemmTest {

    /**
     * m and n: 1, primes, MR = 12 ± 1, lanes ± 1, NR = 32 ± 1, past one tile, both sides of the thin
     * path's limits (m &lt; 6, n &lt; 16 for NT), and row counts that end in blocks of the eight-row kernel
     * (16 = 8 + 8, 20 = 12 + 8, 28 = 12 + 8 + 8, 31 = 12 + 12 + 7) and widths that end in a panel of the
     * one-vector kernel (16, 33, 67, 130), so every shape class of {@link GemmSmall} and {@link Gemm}
     * meets every transpose combination.
     */
    private static final int[] DIMS = {1, 3, 5, 6, 11, 12, 13, 15, 16, 17, 20, 28, 31, 33, 67, 127, 130};
    private static final int[] DEPTHS = {1, 17, 130};
    /** Comparisons of a tier-dependent split product before it fails (a wrong split differs every time). */
    private static final int COMPILATION_ATTEMPTS = 20;

    private static SimdKernels single;
    private static SimdKernels triple;
    private final Kernels scalar = new ScalarKernels();

    @BeforeAll
    static void start() {
        single = new SimdKernels(1);
        triple = new SimdKernels(3);
    }

    @AfterAll
    static void stop() {
        single.close();
        triple.close();
    }

    /** One problem: operands stored with the given offsets and extra leading-dimension padding. */
    private record Problem(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta,
                           float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {

        static Problem random(SplittableRandom rnd, boolean transA, boolean transB, int m, int n, int k,
                              float alpha, float beta, int off, int pad) {
            int lda = (transA ? m : k) + pad;
            int ldb = (transB ? k : n) + pad;
            int ldc = n + pad;
            float[] a = uniform(rnd, off + (transA ? k : m) * lda, -1, 1);
            float[] b = uniform(rnd, off + (transB ? n : k) * ldb, -1, 1);
            float[] c = uniform(rnd, off + m * ldc, -1, 1);
            return new Problem(transA, transB, m, n, k, alpha, beta, a, off, lda, b, off, ldb, c, off, ldc);
        }

        float[] run(Kernels kernels) {
            float[] out = c.clone();
            kernels.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, out, cOff, ldc);
            return out;
        }

        float opA(int i, int p) {
            return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
        }

        float opB(int p, int j) {
            return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
        }

        /** The per-element tolerance from the class comment. */
        double tolerance(int i, int j) {
            double sumAbs = 0;
            for (int p = 0; p < k; p++) {
                sumAbs += Math.abs((double) opA(i, p) * opB(p, j));
            }
            double cTerm = beta == 0f ? 0 : Math.abs((double) beta * c[cOff + i * ldc + j]);
            return 2 * (k + 2) * EPS * (Math.abs(alpha) * sumAbs + cTerm) + Float.MIN_NORMAL;
        }

        String describe() {
            return (transA ? "T" : "N") + (transB ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k
                    + " alpha=" + alpha + " beta=" + beta + " off=" + aOff + " ldc=" + ldc;
        }
    }

    private void assertMatchesScalar(Problem problem, Kernels simd) {
        float[] expected = problem.run(scalar);
        float[] actual = problem.run(simd);
        for (int i = 0; i < problem.m; i++) {
            for (int j = 0; j < problem.n; j++) {
                int at = problem.cOff + i * problem.ldc + j;
                assertClose(expected[at], actual[at], problem.tolerance(i, j), problem.describe() + " C[" + i + "," + j + "]");
            }
        }
        // Everything outside the m×n window (offset prefix, leading-dimension padding) is untouched.
        for (int at = 0; at < actual.length; at++) {
            int rel = at - problem.cOff;
            boolean inside = rel >= 0 && rel / problem.ldc < problem.m && rel % problem.ldc < problem.n;
            if (!inside) {
                assertEquals(problem.c[at], actual[at], problem.describe() + ": wrote outside C at " + at);
            }
        }
    }

    @Test
    void allTransposeCombinationsAndAwkwardSizesMatchScalar() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int t = 0; t < 4; t++) {
            for (int m : DIMS) {
                for (int n : DIMS) {
                    for (int k : DEPTHS) {
                        Problem p = Problem.random(rnd, (t & 1) != 0, (t & 2) != 0, m, n, k, 1f, 0f, 0, 0);
                        assertMatchesScalar(p, single);
                    }
                }
            }
        }
    }

    @Test
    void offsetsPaddedLeadingDimensionsAlphaAndBeta() {
        SplittableRandom rnd = new SplittableRandom(2);
        float[][] alphaBeta = {{1f, 1f}, {-0.5f, 2f}, {2.5f, -1f}, {0.75f, 0f}};
        for (int t = 0; t < 4; t++) {
            for (float[] ab : alphaBeta) {
                for (int[] s : new int[][] {{1, 1, 1}, {13, 33, 17}, {37, 65, 130}, {130, 17, 9}, {1, 67, 40}, {3, 130, 17},
                    {70, 9, 33}, {10, 67, 40}, {12, 64, 9}}) {
                    Problem p = Problem.random(rnd, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], ab[0], ab[1], 5, 3);
                    assertMatchesScalar(p, single);
                }
            }
        }
    }

    @Test
    void badArgumentsAreRefusedAsByTheScalarKernelsAndCIsLeftAsItWas() {
        // A 3×2 through a leading dimension of 1; B past its array's end; a negative offset of C.
        float[] c = new float[40];
        Arrays.fill(c, 7f);
        for (Kernels k : new Kernels[] {scalar, single, triple}) {
            IllegalArgumentException[] errors = {
                assertThrows(IllegalArgumentException.class, () -> k.sgemm(false, false, 3, 4, 2, 1f, new float[6], 0, 1,
                        new float[8], 0, 4, 0f, c, 0, 4)),
                assertThrows(IllegalArgumentException.class, () -> k.sgemm(false, true, 3, 4, 5, 1f, new float[15], 0, 5,
                        new float[19], 0, 5, 0f, c, 0, 4)),
                assertThrows(IllegalArgumentException.class, () -> k.sgemm(true, false, 3, 4, 2, 1f, new float[6], 0, 3,
                        new float[8], 0, 4, 1f, c, -4, 4)),
            };
            assertEquals("sgemm: the leading dimension of A (stored 3×2) must be at least 2, got 1", errors[0].getMessage());
            assertEquals("sgemm: B (stored 4×5, transposed) at offset 0 with leading dimension 5 needs an array of at"
                    + " least 20 values, got 19", errors[1].getMessage());
            assertEquals("sgemm: the offset of C (stored 3×4) must not be negative, got -4", errors[2].getMessage());
        }
        float[] untouched = new float[40];
        Arrays.fill(untouched, 7f);
        assertArrayEquals(untouched, c, 0f);
    }

    @Test
    void betaZeroDoesNotReadC() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int t = 0; t < 4; t++) {
            for (int[] s : new int[][] {{1, 1, 1}, {12, 32, 5}, {29, 47, 300}, {150, 300, 40}, {2, 100, 30}, {2, 140, 30}, {100, 7, 30}}) {
                Problem p = Problem.random(rnd, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], 1.5f, 0f, 2, 1);
                Arrays.fill(p.c, Float.NaN);
                for (Kernels k : new Kernels[] {single, triple}) {
                    float[] out = p.run(k);
                    for (int i = 0; i < p.m; i++) {
                        for (int j = 0; j < p.n; j++) {
                            assertFalse(Float.isNaN(out[p.cOff + i * p.ldc + j]), p.describe() + " leaked NaN from C");
                        }
                    }
                    assertMatchesScalar(p, k);
                }
            }
        }
    }

    /**
     * Depth beyond one block (KC_MAX with A transposed, KC_MAX_ROW_MAJOR_A with A row-major), rows beyond
     * one tile, k so deep (70 000) that the packed operands no longer fit in one chunk, so rows and columns
     * are both cut into chunks, and NT products with fewer rows than columns on both sides of the deepest
     * one computed transposed.
     */
    @Test
    void blockingBoundariesMatchScalar() {
        SplittableRandom rnd = new SplittableRandom(4);
        int[][] shapes = {
            {5, 7, Gemm.KC_MAX + 1}, {3, 9, 784}, {Gemm.MC_MAX + 1, 40, 20},
            {50, 40, 70_000}, {250, 270, 530}, {1, 300, 784}, {200, 10, 784}, {4, 200, 1000},
            {37, 300, Gemm.TRANSPOSED_MAX_DEPTH}, {37, 300, Gemm.TRANSPOSED_MAX_DEPTH + 1}, {130, 131, 67},
            {10, 67, Gemm.KC_MAX + 44}, {GemmMicroKernel.MR, 400, 1200},
            {5, 7, Gemm.KC_MAX_ROW_MAJOR_A + 1}, {13, 40, 2 * Gemm.KC_MAX_ROW_MAJOR_A + 5},
        };
        for (int t = 0; t < 4; t++) {
            for (int[] s : shapes) {
                Problem p = Problem.random(rnd, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], 1f, 0.5f, 1, 2);
                assertMatchesScalar(p, single);
                assertMatchesScalar(p, triple);
            }
        }
    }

    /**
     * Products whose row-major A is copied transposed, a tile row at a time ({@link GemmBlockKernels#packsA}), on
     * both sides of the rule: 2·NR columns (read in place) and one more (packed), depth KC_MAX (packed) and
     * one more (in place), NT with at least as many rows as columns (packed) and fewer (computed
     * transposed, in place); row counts that leave a partial 16×16 block to transpose, several tile rows
     * and columns (the tiles then taken row by row), offsets, padding, α and β.
     */
    @Test
    void rowMajorACopiedTransposedMatchesScalar() {
        SplittableRandom rnd = new SplittableRandom(8);
        int wide = GemmBlockKernels.PACK_A_MIN_COLUMNS + 1;
        int[][] packed = {{67, wide, 17}, {Gemm.MC_MAX + 37, 2 * Gemm.NC_TILE_MAX + 3, 40},
            {301, 283, Gemm.KC_MAX}, {wide + 5, wide, GemmShortDepth.MAX_DEPTH + 1}, {GemmMicroKernel.MR, 400, 130}};
        int[][] inPlace = {{67, GemmBlockKernels.PACK_A_MIN_COLUMNS, 17}, {301, 283, Gemm.KC_MAX + 1}};
        float[][] alphaBeta = {{1f, 0f}, {-0.5f, 2f}};
        for (boolean transB : new boolean[] {false, true}) {
            for (float[] ab : alphaBeta) {
                for (int[] s : packed) {
                    // An NT product with fewer rows than columns is computed transposed, A read in place.
                    boolean transposed = transB && s[0] < s[1];
                    assertEquals(!transposed && TransposeBlock.usable(),
                            GemmBlockKernels.packsA(false, transposed, s[1], s[2]),
                            Arrays.toString(s) + (transB ? " NT" : " NN"));
                    assertMatchesScalar(Problem.random(rnd, false, transB, s[0], s[1], s[2], ab[0], ab[1], 7, 5), single);
                }
                for (int[] s : inPlace) {
                    assertFalse(GemmBlockKernels.packsA(false, false, s[1], s[2]),
                            "reads A in place for " + Arrays.toString(s));
                    assertMatchesScalar(Problem.random(rnd, false, transB, s[0], s[1], s[2], ab[0], ab[1], 7, 5), single);
                }
            }
        }
    }

    /**
     * A row-major A is copied at a padded stride when its own stride starts more than half of the kernel's
     * twelve rows in one L1 set (64 sets of 64-byte lines: addresses 4 KB apart share a set). 1024 floats
     * are 4 KB, so every row is in the same set, as at 2048 and 4096; 1025 floats move each row by 4 bytes,
     * so twelve rows stay within one line's width; 512 floats put six rows in each of two sets, 1040 (65
     * lines) and 784 (49 lines) one row in each of twelve.
     */
    @Test
    void rowCopyIsMadeForStridesThatShareAnL1Set() {
        for (int lda : new int[] {1024, 2048, 4096, 3072, 1025}) {
            assertTrue(GemmTileRowsA.paddingNeeded(lda), "copies at lda " + lda);
        }
        for (int lda : new int[] {784, 512, 1000, 1040, 256, 128, 1}) {
            assertFalse(GemmTileRowsA.paddingNeeded(lda), "reads in place at lda " + lda);
        }
        for (int kc : new int[] {1, 15, 16, 17, 1000, 1024, 2048}) {
            int stride = GemmTileRowsA.paddedStride(kc);
            assertTrue(stride >= kc && stride % 16 == 0 && stride / 16 % 2 == 1, "stride " + stride + " for " + kc);
            assertFalse(GemmTileRowsA.paddingNeeded(stride), "the copy's stride " + stride + " shares no set");
        }
    }

    /**
     * Products whose row-major A is copied at a padded stride (lda 1024 or 4096): NN, NT with more rows
     * than columns, and NT with fewer, computed transposed with B's rows as A; tile edges (37 and 130 rows,
     * 67 and 283 columns: several tile rows and columns, taken row by row on one thread), two depth blocks
     * (2100 deep), on one thread and three, against scalar and bit-identical between the thread counts.
     */
    @Test
    void rowMajorACopiedAtAPaddedStrideMatchesScalar() {
        SplittableRandom rnd = new SplittableRandom(11);
        int[][] shapes = {{37, 67, 1000, 1024}, {130, 283, 1000, 1024}, {67, 37, 1000, 1024}, {30, 67, 2100, 4096}};
        for (boolean transB : new boolean[] {false, true}) {
            for (int[] s : shapes) {
                int pad = s[3] - s[2];
                Problem p = Problem.random(rnd, false, transB, s[0], s[1], s[2], 1f, 0f, 5, pad);
                assertTrue(GemmTileRowsA.paddingNeeded(transB && s[0] < s[1] ? p.ldb : p.lda), p.describe());
                assertMatchesScalar(p, single);
                assertMatchesScalar(p, triple);
                assertArrayEquals(p.run(single), p.run(triple), p.describe() + ": one thread against three");
                Problem scaled = Problem.random(rnd, false, transB, s[0], s[1], s[2], -0.5f, 2f, 5, pad);
                assertMatchesScalar(scaled, single);
            }
        }
    }

    /**
     * A block of 9–11 rows whose A values of a depth step are adjacent (TN, TT, and NN with A copied
     * transposed) runs the twelve-row kernel over all but its last depth step and that step on the valid
     * rows alone. The operands end at the product's last element (no offset, no padding), so reading the
     * rows past the block in the last step would throw; 21 and 23 rows end in such a block after a full
     * one, 130 after ten, and 300 deep takes two depth blocks.
     */
    @Test
    void nineToElevenRowBlocksMatchScalar() {
        SplittableRandom rnd = new SplittableRandom(9);
        int wide = GemmBlockKernels.PACK_A_MIN_COLUMNS + 1;
        for (int m : new int[] {9, 10, 11, 21, 23, 130}) {
            for (int k : new int[] {1, 2, 17, 128, 300}) {
                assertMatchesScalar(Problem.random(rnd, true, false, m, 128, k, 1f, 0f, 0, 0), single);
                assertMatchesScalar(Problem.random(rnd, true, true, m, 100, k, -0.5f, 2f, 0, 0), single);
                assertMatchesScalar(Problem.random(rnd, false, false, m, wide, k, 1f, 0f, 0, 0), single);
            }
        }
    }

    /**
     * The rows of a 9–11-row block are bit for bit what the twelve-row kernel computes for them over the
     * whole depth: each product's A sits in the first columns of a twelve-column A, whose product is full
     * blocks only.
     */
    @Test
    void nineToElevenRowBlocksAreTheTwelveRowKernelsSums() {
        SplittableRandom rnd = new SplittableRandom(10);
        int mr = GemmMicroKernel.MR;
        int n = 2 * GemmMicroKernel.NR;
        int k = 130;
        float[] b = uniform(rnd, k * n, -1, 1);
        for (int m = GemmEdgeKernel.ROWS + 1; m < mr; m++) {
            float[] a = uniform(rnd, k * m, -1, 1);
            float[] a12 = uniform(rnd, k * mr, -1, 1);
            for (int p = 0; p < k; p++) {
                System.arraycopy(a, p * m, a12, p * mr, m);
            }
            float[] c = new float[m * n];
            float[] c12 = new float[mr * n];
            single.sgemm(true, false, m, n, k, 1f, a, 0, m, b, 0, n, 0f, c, 0, n);
            single.sgemm(true, false, mr, n, k, 1f, a12, 0, mr, b, 0, n, 0f, c12, 0, n);
            assertArrayEquals(Arrays.copyOf(c12, m * n), c, m + " rows against the first " + m + " of twelve");
        }
    }

    /**
     * A narrow NT product (the output layer's forward pass) with α = 1, β = 0 and C's rows contiguous
     * stores each row as a whole vector, its lanes past the last column landing on the next row before
     * that row is written; the rows whose overflow would leave C are stored element by element. C sits
     * between sentinels: nothing before or after its window may change.
     */
    @Test
    void narrowProductWithContiguousRowsStaysInsideC() {
        SplittableRandom rnd = new SplittableRandom(9);
        for (int[] s : new int[][] {{8, 10, 128}, {32, 10, 128}, {37, 10, 17}, {16, 1, 5}, {130, 15, 33}, {24, GemmMicroKernel.L, 40}}) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            float[] a = uniform(rnd, m * k, -1, 1);
            float[] b = uniform(rnd, n * k, -1, 1);
            int before = 3;
            int after = 2 * GemmMicroKernel.L;
            float[] c = new float[before + m * n + after];
            Arrays.fill(c, Float.NaN);
            float[] expected = c.clone();
            scalar.sgemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, expected, before, n);
            single.sgemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, c, before, n);
            for (int at = 0; at < c.length; at++) {
                boolean inside = at >= before && at < before + m * n;
                String where = Arrays.toString(s) + " at " + at;
                if (inside) {
                    assertClose(expected[at], c[at], 2 * (k + 2) * EPS * k + Float.MIN_NORMAL, where);
                } else {
                    assertTrue(Float.isNaN(c[at]), where + ": wrote outside C");
                }
            }
        }
    }

    /**
     * NN products of depth 1 to {@link GemmShortDepth#MAX_DEPTH} + 1, the short-depth path and its edge:
     * one full panel and more, a remainder of columns left to the packed path, offsets, padding, α/β, and
     * NaN in C that β = 0 must not read.
     */
    @Test
    void shortDepthsMatchScalar() {
        SplittableRandom rnd = new SplittableRandom(6);
        float[][] alphaBeta = {{1f, 0f}, {0.75f, 0f}, {-0.5f, 2f}, {1f, 1f}};
        for (int k = 1; k <= GemmShortDepth.MAX_DEPTH + 1; k++) {
            for (int[] s : new int[][] {{6, 32}, {13, 33}, {67, 64}, {130, 95}, {17, 130}, {12, 31}}) {
                for (float[] ab : alphaBeta) {
                    Problem p = Problem.random(rnd, false, false, s[0], s[1], k, ab[0], ab[1], 3, 2);
                    if (ab[1] == 0f) {
                        Arrays.fill(p.c, Float.NaN);
                    }
                    assertMatchesScalar(p, single);
                    assertMatchesScalar(p, triple);
                }
            }
        }
    }

    /**
     * Every element of a short-depth product, in the full panels and in the columns left to the packed
     * path, is the float FMA chain from zero in depth order, bit for bit, the same as the packed kernel
     * computes over one depth block: which path computes an element does not change it.
     */
    @Test
    void shortDepthElementsAreTheFmaChainInDepthOrder() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int k : new int[] {1, 7, 10, GemmShortDepth.MAX_DEPTH}) {
            Problem p = Problem.random(rnd, false, false, 20, 70, k, 1f, 0f, 0, 0);
            float[] out = p.run(single);
            for (int i = 0; i < p.m; i++) {
                for (int j = 0; j < p.n; j++) {
                    float chain = 0f;
                    for (int q = 0; q < k; q++) {
                        chain = Math.fma(p.opA(i, q), p.opB(q, j), chain);
                    }
                    assertEquals(Float.floatToRawIntBits(chain), Float.floatToRawIntBits(out[i * p.ldc + j]),
                            p.describe() + " C[" + i + "," + j + "]: expected " + chain + ", got " + out[i * p.ldc + j]);
                }
            }
        }
    }

    @Test
    void emptyDepthScalesC() {
        float[] c = {1f, 2f, 3f, 4f};
        single.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 3f, c, 0, 2);
        assertArrayEquals(new float[] {3f, 6f, 9f, 12f}, c);
        single.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[] {0f, 0f, 0f, 0f}, c);
    }

    /** A product worked out by hand, independent of any kernel. */
    @Test
    void smallProductByHand() {
        float[] a = {1, 2, 3, 4, 5, 6};        // 2×3
        float[] bt = {7, 8, 9, 10, 11, 12};    // Bᵀ stored 2×3, so B is 3×2
        float[] c = {1, 1, 1, 1};
        single.sgemm(false, true, 2, 2, 3, 2f, a, 0, 3, bt, 0, 3, -1f, c, 0, 2);
        // A·B = [[1·7+2·8+3·9, 1·10+2·11+3·12], [4·7+5·8+6·9, 4·10+5·11+6·12]] = [[50, 68], [122, 167]]
        assertArrayEquals(new float[] {99f, 135f, 243f, 333f}, c);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // turns a lost wake-up into a failure instead of a hang
    void outputIsBitIdenticalForAnyThreadCount() {
        SplittableRandom rnd = new SplittableRandom(5);
        // Both orders of m and n: an NT product with fewer rows than columns is computed transposed. Then
        // one and three rows through a wide NT product: dot products of rows, split by columns of C.
        // Last, a short-depth NN product large enough to be split by rows.
        // Then NN and NT at most KC_MAX deep, whose A one thread copies transposed and several read in place.
        for (int t = 0; t < 13; t++) {
            int m = t < 4 ? 301 : t < 8 ? 131 : t == 8 ? 1 : t == 9 ? 3 : t == 10 ? 2_000 : 301;
            boolean transA = t < 8 && (t & 1) != 0;
            boolean transB = (t >= 8 && t < 10) || (t < 8 && (t & 2) != 0) || t == 12;
            int depth = t == 10 ? 10 : t > 10 ? Gemm.KC_MAX - 56 : 611;
            Problem p = Problem.random(rnd, transA, transB, m, 283, depth, 1f, 0.25f, 3, 1);
            // Dot products of rows sum a vector's lanes with reduceLanes, whose order on JDK 24 and later
            // differs between interpreted and compiled code (README): they must match once both are compiled.
            boolean tierDependent = t == 8 || t == 9;
            float[] reference = p.run(single);
            for (int threads = 2; threads <= 4; threads++) {
                try (SimdKernels k = new SimdKernels(threads)) {
                    for (int rep = 0; rep < 3; rep++) {
                        float[] split = p.run(k);
                        for (int attempt = 1; tierDependent && !Arrays.equals(reference, split)
                                && attempt < COMPILATION_ATTEMPTS; attempt++) {
                            for (int call = 0; call < 20; call++) {
                                p.run(single);
                                p.run(k);
                            }
                            reference = p.run(single);
                            split = p.run(k);
                        }
                        assertArrayEquals(reference, split, p.describe() + " with " + threads + " threads");
                    }
                }
            }
        }
    }
}
