package dev.nnj.simd;

import static dev.nnj.simd.GemmMicroKernel.L;
import static dev.nnj.simd.GemmMicroKernel.MR;
import static dev.nnj.simd.GemmMicroKernel.NR;
import static dev.nnj.simd.GemmMicroKernel.S;

import jdk.incubator.vector.FloatVector;

/**
 * SGEMM C = α·A·B + β·C (A m×k and B k×n, both row-major) for depths of at most {@value #MAX_DEPTH}: the
 * input gradient G·W of a classifier's output layer, whose depth is the number of classes.
 *
 * <p>With so short a depth the packed path spends its time around the arithmetic rather than in it: each
 * 12×32 block of C costs a kernel call whose twelve row offsets and loop set-up are paid for ten depth
 * steps (128×10×128 ran at 80–110 GFLOP/s, OpenBLAS at 110–120). Here a column panel of B, all its
 * depth, stays in registers (at most {@value #MAX_DEPTH}×2 vectors) while the rows of A stream past: per
 * row, k broadcasts at fixed offsets from one index, 2k FMAs and two stores straight into C.
 *
 * <p>Each element of C is the same FMA chain as in the packed kernel (from zero, in depth order), scaled
 * and added to β·C the same way, so results do not depend on which path or how many threads compute them.
 */
final class GemmShortDepth {

    /** Deepest product handled: 2·12 B vectors, two accumulators and a broadcast fit the 32 registers. */
    static final int MAX_DEPTH = 12;
    /**
     * Rows per pass over the panels, as in the packed kernel's blocks. Rows of C a multiple of 4 KB apart
     * fall in the same L1 sets, and more rows per pass than the sets' ways hold made the product up to 2×
     * slower (128×10×1024: 0.5× the packed path with all 128 rows per pass, 0.6× with 24, 1.05–1.65× with 12),
     * while at other widths twelve cost up to 15% against longer passes.
     */
    static final int ROW_BLOCK = MR;

    private GemmShortDepth() {
    }

    /** True for NN products this class computes: depth at most {@value #MAX_DEPTH}, at least one full panel. */
    static boolean handles(boolean transA, boolean transB, int n, int k) {
        return !transA && !transB && k <= MAX_DEPTH && n >= NR;
    }

    /** Columns of C this class computes, the full panels of NR; the rest are left to the caller. */
    static int columns(int n) {
        return n / NR * NR;
    }

    /** Rows [rowFrom, rowTo) and columns [0, {@link #columns}(n)) of C. */
    static void multiply(int rowFrom, int rowTo, int n, int k, float alpha, float[] a, int aOff, int lda,
                         float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        boolean direct = alpha == 1f && beta == 0f;
        // The panel's depth rows past k are zero vectors; the row loop below never uses them.
        FloatVector zero = FloatVector.zero(S);
        for (int i0 = rowFrom; i0 < rowTo; i0 += ROW_BLOCK) {
            int i1 = Math.min(rowTo, i0 + ROW_BLOCK);
            for (int j = 0; j + NR <= n; j += NR) {
                int br = bOff + j;
                FloatVector b0a = FloatVector.fromArray(S, b, br), b0b = FloatVector.fromArray(S, b, br + L);
                FloatVector b1a = k > 1 ? FloatVector.fromArray(S, b, br + 1 * ldb) : zero;
                FloatVector b1b = k > 1 ? FloatVector.fromArray(S, b, br + 1 * ldb + L) : zero;
                FloatVector b2a = k > 2 ? FloatVector.fromArray(S, b, br + 2 * ldb) : zero;
                FloatVector b2b = k > 2 ? FloatVector.fromArray(S, b, br + 2 * ldb + L) : zero;
                FloatVector b3a = k > 3 ? FloatVector.fromArray(S, b, br + 3 * ldb) : zero;
                FloatVector b3b = k > 3 ? FloatVector.fromArray(S, b, br + 3 * ldb + L) : zero;
                FloatVector b4a = k > 4 ? FloatVector.fromArray(S, b, br + 4 * ldb) : zero;
                FloatVector b4b = k > 4 ? FloatVector.fromArray(S, b, br + 4 * ldb + L) : zero;
                FloatVector b5a = k > 5 ? FloatVector.fromArray(S, b, br + 5 * ldb) : zero;
                FloatVector b5b = k > 5 ? FloatVector.fromArray(S, b, br + 5 * ldb + L) : zero;
                FloatVector b6a = k > 6 ? FloatVector.fromArray(S, b, br + 6 * ldb) : zero;
                FloatVector b6b = k > 6 ? FloatVector.fromArray(S, b, br + 6 * ldb + L) : zero;
                FloatVector b7a = k > 7 ? FloatVector.fromArray(S, b, br + 7 * ldb) : zero;
                FloatVector b7b = k > 7 ? FloatVector.fromArray(S, b, br + 7 * ldb + L) : zero;
                FloatVector b8a = k > 8 ? FloatVector.fromArray(S, b, br + 8 * ldb) : zero;
                FloatVector b8b = k > 8 ? FloatVector.fromArray(S, b, br + 8 * ldb + L) : zero;
                FloatVector b9a = k > 9 ? FloatVector.fromArray(S, b, br + 9 * ldb) : zero;
                FloatVector b9b = k > 9 ? FloatVector.fromArray(S, b, br + 9 * ldb + L) : zero;
                FloatVector b10a = k > 10 ? FloatVector.fromArray(S, b, br + 10 * ldb) : zero;
                FloatVector b10b = k > 10 ? FloatVector.fromArray(S, b, br + 10 * ldb + L) : zero;
                FloatVector b11a = k > 11 ? FloatVector.fromArray(S, b, br + 11 * ldb) : zero;
                FloatVector b11b = k > 11 ? FloatVector.fromArray(S, b, br + 11 * ldb + L) : zero;
                for (int i = i0, ar = aOff + i0 * lda, cr = cOff + i0 * ldc + j; i < i1;
                     i++, ar += lda, cr += ldc) {
                    FloatVector x = FloatVector.broadcast(S, a[ar]);
                    FloatVector sa = x.fma(b0a, zero);
                    FloatVector sb = x.fma(b0b, zero);
                    if (k > 1) {
                        x = FloatVector.broadcast(S, a[ar + 1]);
                        sa = x.fma(b1a, sa);
                        sb = x.fma(b1b, sb);
                    }
                    if (k > 2) {
                        x = FloatVector.broadcast(S, a[ar + 2]);
                        sa = x.fma(b2a, sa);
                        sb = x.fma(b2b, sb);
                    }
                    if (k > 3) {
                        x = FloatVector.broadcast(S, a[ar + 3]);
                        sa = x.fma(b3a, sa);
                        sb = x.fma(b3b, sb);
                    }
                    if (k > 4) {
                        x = FloatVector.broadcast(S, a[ar + 4]);
                        sa = x.fma(b4a, sa);
                        sb = x.fma(b4b, sb);
                    }
                    if (k > 5) {
                        x = FloatVector.broadcast(S, a[ar + 5]);
                        sa = x.fma(b5a, sa);
                        sb = x.fma(b5b, sb);
                    }
                    if (k > 6) {
                        x = FloatVector.broadcast(S, a[ar + 6]);
                        sa = x.fma(b6a, sa);
                        sb = x.fma(b6b, sb);
                    }
                    if (k > 7) {
                        x = FloatVector.broadcast(S, a[ar + 7]);
                        sa = x.fma(b7a, sa);
                        sb = x.fma(b7b, sb);
                    }
                    if (k > 8) {
                        x = FloatVector.broadcast(S, a[ar + 8]);
                        sa = x.fma(b8a, sa);
                        sb = x.fma(b8b, sb);
                    }
                    if (k > 9) {
                        x = FloatVector.broadcast(S, a[ar + 9]);
                        sa = x.fma(b9a, sa);
                        sb = x.fma(b9b, sb);
                    }
                    if (k > 10) {
                        x = FloatVector.broadcast(S, a[ar + 10]);
                        sa = x.fma(b10a, sa);
                        sb = x.fma(b10b, sb);
                    }
                    if (k > 11) {
                        x = FloatVector.broadcast(S, a[ar + 11]);
                        sa = x.fma(b11a, sa);
                        sb = x.fma(b11b, sb);
                    }
                    if (direct) {
                        sa.intoArray(c, cr);
                        sb.intoArray(c, cr + L);
                    } else {
                        // As GemmStores.block: α·sum, plus β·C only when β ≠ 0 (C is then never read).
                        sa = sa.mul(alpha);
                        sb = sb.mul(alpha);
                        if (beta != 0f) {
                            sa = sa.add(FloatVector.fromArray(S, c, cr).mul(beta));
                            sb = sb.add(FloatVector.fromArray(S, c, cr + L).mul(beta));
                        }
                        sa.intoArray(c, cr);
                        sb.intoArray(c, cr + L);
                    }
                }
            }
        }
    }
}
