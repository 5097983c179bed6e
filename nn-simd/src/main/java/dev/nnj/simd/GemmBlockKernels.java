package dev.nnj.simd;

import static dev.nnj.simd.GemmMicroKernel.L;
import static dev.nnj.simd.GemmMicroKernel.MR;
import static dev.nnj.simd.GemmMicroKernel.NR;

/**
 * Which register kernel {@link Gemm} runs on a block of C, and whether it reads a row-major A in place or
 * through a transposed copy: the twelve-row kernel ({@link GemmMicroKernel}) for full blocks, the
 * eight-row one ({@link GemmEdgeKernel}) for a tile's last rows, the one-vector one
 * ({@link GemmNarrowKernel}) for a last panel of at most one vector of columns; each reading op(A) either
 * as MR adjacent values per depth step or from MR rows.
 */
final class GemmBlockKernels {

    /** Columns of C above which a row-major A is copied transposed ({@link #packsA}): more than two panels. */
    static final int PACK_A_MIN_COLUMNS = 2 * NR;

    private GemmBlockKernels() {
    }

    /**
     * Whether a row-major A (NN, NT) is copied transposed, a tile row at a time ({@code Gemm.packTileA}),
     * so that the kernels read MR adjacent values per depth step, as from a transposed A, instead of
     * broadcasting from MR rows in place. In place, each broadcast costs a move and an add for its row's
     * index (91 instructions per depth step against 72) and the prefetcher follows a dozen row streams:
     * on hot data the twelve-row kernel ran 169 against 212 GFLOP/s at 128 and 256 deep, but 192–194
     * against 205–206 at 512 and 784. The copy costs about a third of one kernel pass over the same rows,
     * so it is made only
     * <ul>
     *   <li>when the whole depth is one block of at most {@link Gemm#KC_MAX}: deeper products keep the deep
     *       blocks of a row-major A, which need fewer passes over C (in 256-deep blocks with A packed,
     *       256×784·784×256 ran 0.91×, 1000×784·784×256 0.85–0.93×);</li>
     *   <li>with more than {@link #PACK_A_MIN_COLUMNS} columns, so that each copy serves at least three
     *       column panels (at 64 columns 0.98×, at 32 0.66–0.71×);</li>
     *   <li>on one thread, whose tiles are taken row by row so that a tile row's copy serves all its
     *       tiles; on several, each thread copied the rows of each of its tiles for its own few panels, and
     *       the products ran 0.65–0.92×;</li>
     *   <li>not for an NT product computed transposed, whose A is the weight matrix and serves only the
     *       batch's few panels (128×784·784×256: 0.85×), nor where 16×16 blocks cannot be transposed in
     *       registers ({@link TransposeBlock#usable}).</li>
     * </ul>
     * In one JVM, old time over new, one thread, in a quiet spell of the host and a busy one: 256³ NN
     * 1.04–1.09 and NT 1.06–1.31, the hidden layer's forward product 128×256·256×128 (NT) 0.99–1.22 and
     * input gradient 128×128·128×256 (NN) 1.09–1.39, 128×256·256×784 NN 1.10–1.38, 1000×256·256×256
     * 1.40–1.42; the training step at batch 128 1.07, at batch 32 1.035
     * (nn-bench/results/2026-12-07-packed-a). The kernels compute each element as the same FMA chain
     * either way, so the result does not depend on the thread count.
     */
    static boolean packsA(boolean transA, boolean transposedOut, int n, int k) {
        return !transA && !transposedOut && n > PACK_A_MIN_COLUMNS && k <= Gemm.KC_MAX && TransposeBlock.usable();
    }

    /**
     * The register kernel on h rows of op(A) read as MR adjacent values per depth step, lda apart (a
     * transposed A, or a row-major one packed), starting at a[a0], and w columns of op(B), against B values
     * from pb[bi], bStep apart per depth step, writing its block to out: {@link GemmMicroKernel}, MR × NR,
     * also for 9–11 valid rows (its rows past them are left undefined in out, a tile buffer);
     * {@link GemmEdgeKernel} for at most eight rows, 8 × NR; {@link GemmNarrowKernel} for at most one
     * vector of columns, MR × L.
     */
    static void multiplyColumns(int kc, float[] a, int a0, int lda, int h, int w, float[] pb, int bi,
                                int bStep, float[] out, int o, int ldo) {
        if (w <= L) {
            GemmNarrowKernel.multiplyColumns(kc, a, a0, lda, h, pb, bi, bStep, out, o, ldo);
        } else if (h <= GemmEdgeKernel.ROWS) {
            GemmEdgeKernel.multiplyColumns(kc, a, a0, lda, h, pb, bi, bStep, out, o, ldo);
        } else if (h < MR) {
            // Rows h..MR-1 read the at most MR − h ≤ 3 values after a step's valid ones, which lie before
            // the next step's (lda ≥ h > 8), so inside A but for the last step: that one is added to the
            // valid rows alone.
            GemmMicroKernel.multiplyColumns(kc - 1, a, a0, lda, pb, bi, bStep, out, o, ldo);
            GemmMicroKernel.addDepthStep(a, a0 + (kc - 1) * lda, h, pb, bi + (kc - 1) * bStep, out, o, ldo);
        } else {
            GemmMicroKernel.multiplyColumns(kc, a, a0, lda, pb, bi, bStep, out, o, ldo);
        }
    }

    /** As {@link #multiplyColumns}, for h rows of a row-major A read in place, row r at a[a0 + r·lda]. */
    static void multiplyRows(int kc, float[] a, int a0, int lda, int h, int w, float[] pb, int bi,
                             int bStep, float[] out, int o, int ldo) {
        if (w <= L) {
            GemmNarrowKernel.multiplyRows(kc, a, a0, lda, h, pb, bi, bStep, out, o, ldo);
        } else if (h <= GemmEdgeKernel.ROWS) {
            GemmEdgeKernel.multiplyRows(kc, a, a0, lda, h, pb, bi, bStep, out, o, ldo);
        } else {
            GemmMicroKernel.multiplyRows(kc, a, a0, lda, pb, bi, bStep, out, o, ldo);
        }
    }
}
