package dev.nnj.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The GEMM register kernel: a {@value #MR}×{@link #NR} block of C, accumulated over one depth block from
 * packed panels of A and B.
 *
 * <p>Shape: {@value #MR} rows × 2 vectors (12×32 with 512-bit vectors) keeps 24 accumulators, two B
 * vectors and one broadcast A value live: 27 of the 32 AVX-512 registers, so nothing spills. Each depth
 * step issues 24 independent FMAs against 2 vector loads and {@value #MR} broadcasts, enough independent
 * work to cover the FMA latency on two FMA pipes. On the project's AVX-512 machines 8×2, 8×3, 6×4 and 14×2
 * measured within noise of 12×2 on large squares (all near the FMA peak); 12×2 was at or near the top on
 * every MLP shape, and its 32-column panels divide the usual layer widths without padding.
 *
 * <p>B comes from a packed panel (see {@link GemmPacking}): for each depth step p, the {@link #NR} values
 * of row p of the column panel, zero-padded, so the kernel always computes a full block and never needs
 * a tail. The depth steps are {@code bStep} apart: NR in a packed panel, or B's leading dimension when
 * the caller passes a full panel of a row-major B in place (a product with a single row block, where a
 * packed panel would be used only once). A is read in place, in either layout: {@link #multiplyRows}
 * broadcasts from {@value #MR} rows of a row-major A, {@link #multiplyColumns} from {@value #MR} adjacent
 * values per depth step of a transposed one, or of a row-major A that {@code Gemm} has copied transposed
 * (when the copy pays for itself: {@link GemmBlockKernels#packsA}).
 */
final class GemmMicroKernel {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Rows of C per kernel call; the kernels and {@code GemmStores.fullTransposedBlock} are written out for twelve. */
    static final int MR = 12;
    /** Columns of C per kernel call: 2 vectors. */
    static final int NR = 2 * L;

    private GemmMicroKernel() {
    }

    /**
     * out[o + r*ldo + j] = Σ_p op(A)[r, p] · pb[bi + p*bStep + j] for p &lt; kc, r &lt; MR, j &lt; NR, where op(A)
     * is a transposed A read in place: op(A)[r, p] = {@code a[a0 + p*lda + r]}, so the block's MR values of
     * each depth step are adjacent, as in a packed panel, and the steps are lda apart. All MR rows must be
     * valid: blocks of fewer rows go to {@link GemmEdgeKernel} ({@link GemmTilePlan#blockRows}).
     *
     * <p>The MR values are read at constant offsets from one index, so the JIT checks only the first and
     * the last against the array's bounds, once per depth step. With the offsets clamped to the valid rows
     * (variables), it kept twelve bounds checks and eleven offsets in the loop, and in some JVMs (half of
     * them under the serial collector, which the JVM picks on one CPU) the register allocator then
     * spilled the accumulators to the stack inside the loop: 177 instructions per depth step instead of
     * 114, and the kernel ran at a third of its speed for the whole run (58–68 against 190 GFLOP/s at
     * 512³). With constant offsets the loop is 75 instructions with no spills, in every JVM.
     *
     * <p>It writes all MR rows, unscaled: out is C itself when the block is full and its values are final
     * (α = 1 and nothing to add: β = 0 on the first depth block), else a tile buffer whose valid corner the
     * caller scales into C. Writing C from the registers matters when the depth is short: at k = 10 the
     * round trip through the buffer cost a third of the time. Scaling here instead, in a helper called
     * per row, made the kernel 10× slower: the JIT declined to inline the helper (the kernel is at its
     * inlining budget) and boxed the accumulators.
     */
    static void multiplyColumns(int kc, float[] a, int a0, int lda, float[] pb, int bi, int bStep,
                                float[] out, int o, int ldo) {
        FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S);
        FloatVector c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
        FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S);
        FloatVector c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
        FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S);
        FloatVector c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
        FloatVector c6a = FloatVector.zero(S), c6b = FloatVector.zero(S);
        FloatVector c7a = FloatVector.zero(S), c7b = FloatVector.zero(S);
        FloatVector c8a = FloatVector.zero(S), c8b = FloatVector.zero(S);
        FloatVector c9a = FloatVector.zero(S), c9b = FloatVector.zero(S);
        FloatVector c10a = FloatVector.zero(S), c10b = FloatVector.zero(S);
        FloatVector c11a = FloatVector.zero(S), c11b = FloatVector.zero(S);
        for (int p = 0, ai = a0; p < kc; p++, ai += lda, bi += bStep) {
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + 1 * L);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c0a = x.fma(b0, c0a);
            c0b = x.fma(b1, c0b);
            x = FloatVector.broadcast(S, a[ai + 1]);
            c1a = x.fma(b0, c1a);
            c1b = x.fma(b1, c1b);
            x = FloatVector.broadcast(S, a[ai + 2]);
            c2a = x.fma(b0, c2a);
            c2b = x.fma(b1, c2b);
            x = FloatVector.broadcast(S, a[ai + 3]);
            c3a = x.fma(b0, c3a);
            c3b = x.fma(b1, c3b);
            x = FloatVector.broadcast(S, a[ai + 4]);
            c4a = x.fma(b0, c4a);
            c4b = x.fma(b1, c4b);
            x = FloatVector.broadcast(S, a[ai + 5]);
            c5a = x.fma(b0, c5a);
            c5b = x.fma(b1, c5b);
            x = FloatVector.broadcast(S, a[ai + 6]);
            c6a = x.fma(b0, c6a);
            c6b = x.fma(b1, c6b);
            x = FloatVector.broadcast(S, a[ai + 7]);
            c7a = x.fma(b0, c7a);
            c7b = x.fma(b1, c7b);
            x = FloatVector.broadcast(S, a[ai + 8]);
            c8a = x.fma(b0, c8a);
            c8b = x.fma(b1, c8b);
            x = FloatVector.broadcast(S, a[ai + 9]);
            c9a = x.fma(b0, c9a);
            c9b = x.fma(b1, c9b);
            x = FloatVector.broadcast(S, a[ai + 10]);
            c10a = x.fma(b0, c10a);
            c10b = x.fma(b1, c10b);
            x = FloatVector.broadcast(S, a[ai + 11]);
            c11a = x.fma(b0, c11a);
            c11b = x.fma(b1, c11b);
        }
        c0a.intoArray(out, o);
        c0b.intoArray(out, o + L);
        c1a.intoArray(out, o + ldo);
        c1b.intoArray(out, o + ldo + L);
        c2a.intoArray(out, o + 2 * ldo);
        c2b.intoArray(out, o + 2 * ldo + L);
        c3a.intoArray(out, o + 3 * ldo);
        c3b.intoArray(out, o + 3 * ldo + L);
        c4a.intoArray(out, o + 4 * ldo);
        c4b.intoArray(out, o + 4 * ldo + L);
        c5a.intoArray(out, o + 5 * ldo);
        c5b.intoArray(out, o + 5 * ldo + L);
        c6a.intoArray(out, o + 6 * ldo);
        c6b.intoArray(out, o + 6 * ldo + L);
        c7a.intoArray(out, o + 7 * ldo);
        c7b.intoArray(out, o + 7 * ldo + L);
        c8a.intoArray(out, o + 8 * ldo);
        c8b.intoArray(out, o + 8 * ldo + L);
        c9a.intoArray(out, o + 9 * ldo);
        c9b.intoArray(out, o + 9 * ldo + L);
        c10a.intoArray(out, o + 10 * ldo);
        c10b.intoArray(out, o + 10 * ldo + L);
        c11a.intoArray(out, o + 11 * ldo);
        c11b.intoArray(out, o + 11 * ldo + L);
    }

    /**
     * Adds one depth step to the first h rows of a block that {@link #multiplyColumns} left in out:
     * out[o + r*ldo + j] += a[ai + r] · pb[bi + j] for r &lt; h, j &lt; NR, each as the FMA the kernel's loop
     * would have made, so a block finished this way holds exactly what the kernel computes over the
     * whole depth.
     */
    static void addDepthStep(float[] a, int ai, int h, float[] pb, int bi, float[] out, int o, int ldo) {
        FloatVector b0 = FloatVector.fromArray(S, pb, bi);
        FloatVector b1 = FloatVector.fromArray(S, pb, bi + L);
        for (int r = 0, row = o; r < h; r++, row += ldo) {
            FloatVector x = FloatVector.broadcast(S, a[ai + r]);
            x.fma(b0, FloatVector.fromArray(S, out, row)).intoArray(out, row);
            x.fma(b1, FloatVector.fromArray(S, out, row + L)).intoArray(out, row + L);
        }
    }

    /**
     * As {@link #multiplyColumns}, but for a row-major A: row r of the block starts at
     * {@code a[a0 + r*lda]} and its depth steps are adjacent. Each depth step loads the same 2 B vectors
     * and {@value #MR} broadcasts, from {@value #MR} row streams instead of one. All MR rows must be valid;
     * the row starts are fixed for the whole loop, so the JIT checks each row's bounds once, before it.
     */
    static void multiplyRows(int kc, float[] a, int a0, int lda, float[] pb, int bi, int bStep,
                             float[] out, int o, int ldo) {
        int r0 = a0;
        int r1 = a0 + lda;
        int r2 = a0 + 2 * lda;
        int r3 = a0 + 3 * lda;
        int r4 = a0 + 4 * lda;
        int r5 = a0 + 5 * lda;
        int r6 = a0 + 6 * lda;
        int r7 = a0 + 7 * lda;
        int r8 = a0 + 8 * lda;
        int r9 = a0 + 9 * lda;
        int r10 = a0 + 10 * lda;
        int r11 = a0 + 11 * lda;
        FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S);
        FloatVector c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
        FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S);
        FloatVector c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
        FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S);
        FloatVector c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
        FloatVector c6a = FloatVector.zero(S), c6b = FloatVector.zero(S);
        FloatVector c7a = FloatVector.zero(S), c7b = FloatVector.zero(S);
        FloatVector c8a = FloatVector.zero(S), c8b = FloatVector.zero(S);
        FloatVector c9a = FloatVector.zero(S), c9b = FloatVector.zero(S);
        FloatVector c10a = FloatVector.zero(S), c10b = FloatVector.zero(S);
        FloatVector c11a = FloatVector.zero(S), c11b = FloatVector.zero(S);
        for (int p = 0; p < kc; p++, bi += bStep) {
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + L);
            FloatVector x = FloatVector.broadcast(S, a[r0 + p]);
            c0a = x.fma(b0, c0a);
            c0b = x.fma(b1, c0b);
            x = FloatVector.broadcast(S, a[r1 + p]);
            c1a = x.fma(b0, c1a);
            c1b = x.fma(b1, c1b);
            x = FloatVector.broadcast(S, a[r2 + p]);
            c2a = x.fma(b0, c2a);
            c2b = x.fma(b1, c2b);
            x = FloatVector.broadcast(S, a[r3 + p]);
            c3a = x.fma(b0, c3a);
            c3b = x.fma(b1, c3b);
            x = FloatVector.broadcast(S, a[r4 + p]);
            c4a = x.fma(b0, c4a);
            c4b = x.fma(b1, c4b);
            x = FloatVector.broadcast(S, a[r5 + p]);
            c5a = x.fma(b0, c5a);
            c5b = x.fma(b1, c5b);
            x = FloatVector.broadcast(S, a[r6 + p]);
            c6a = x.fma(b0, c6a);
            c6b = x.fma(b1, c6b);
            x = FloatVector.broadcast(S, a[r7 + p]);
            c7a = x.fma(b0, c7a);
            c7b = x.fma(b1, c7b);
            x = FloatVector.broadcast(S, a[r8 + p]);
            c8a = x.fma(b0, c8a);
            c8b = x.fma(b1, c8b);
            x = FloatVector.broadcast(S, a[r9 + p]);
            c9a = x.fma(b0, c9a);
            c9b = x.fma(b1, c9b);
            x = FloatVector.broadcast(S, a[r10 + p]);
            c10a = x.fma(b0, c10a);
            c10b = x.fma(b1, c10b);
            x = FloatVector.broadcast(S, a[r11 + p]);
            c11a = x.fma(b0, c11a);
            c11b = x.fma(b1, c11b);
        }
        c0a.intoArray(out, o);
        c0b.intoArray(out, o + L);
        c1a.intoArray(out, o + ldo);
        c1b.intoArray(out, o + ldo + L);
        c2a.intoArray(out, o + 2 * ldo);
        c2b.intoArray(out, o + 2 * ldo + L);
        c3a.intoArray(out, o + 3 * ldo);
        c3b.intoArray(out, o + 3 * ldo + L);
        c4a.intoArray(out, o + 4 * ldo);
        c4b.intoArray(out, o + 4 * ldo + L);
        c5a.intoArray(out, o + 5 * ldo);
        c5b.intoArray(out, o + 5 * ldo + L);
        c6a.intoArray(out, o + 6 * ldo);
        c6b.intoArray(out, o + 6 * ldo + L);
        c7a.intoArray(out, o + 7 * ldo);
        c7b.intoArray(out, o + 7 * ldo + L);
        c8a.intoArray(out, o + 8 * ldo);
        c8b.intoArray(out, o + 8 * ldo + L);
        c9a.intoArray(out, o + 9 * ldo);
        c9b.intoArray(out, o + 9 * ldo + L);
        c10a.intoArray(out, o + 10 * ldo);
        c10b.intoArray(out, o + 10 * ldo + L);
        c11a.intoArray(out, o + 11 * ldo);
        c11b.intoArray(out, o + 11 * ldo + L);
    }
}
