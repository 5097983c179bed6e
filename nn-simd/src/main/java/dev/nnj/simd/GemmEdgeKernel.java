package dev.nnj.simd;

import static dev.nnj.simd.GemmMicroKernel.L;
import static dev.nnj.simd.GemmMicroKernel.S;

import jdk.incubator.vector.FloatVector;

/**
 * The register kernel for the last rows of a tile: {@value #ROWS} rows × 2 vectors, the same depth loop
 * as {@link GemmMicroKernel} with 16 accumulators instead of 24. The twelve-row kernel computes all its
 * rows even when fewer are valid, so a tile whose row count leaves a remainder (32 = 12 + 12 + 8, 256 =
 * 21·12 + 4) spent up to a third of its last block on rows it threw away; with this kernel such a tile
 * ends in blocks of 8 instead (32 = 12 + 12 + 8, 256 = 20·12 + 8 + 8). Each element of C is still one FMA
 * chain over the depth in order, so the result does not depend on which kernel computed it.
 */
final class GemmEdgeKernel {

    /** Rows of C per kernel call. */
    static final int ROWS = 8;

    private GemmEdgeKernel() {
    }

    /** {@link GemmMicroKernel#multiplyColumns} for {@value #ROWS} rows (a transposed A). */
    static void multiplyColumns(int kc, float[] a, int a0, int lda, int rows, float[] pb, int bi, int bStep,
                                float[] out, int o, int ldo) {
        int last = rows - 1;
        int o1 = Math.min(1, last);
        int o2 = Math.min(2, last);
        int o3 = Math.min(3, last);
        int o4 = Math.min(4, last);
        int o5 = Math.min(5, last);
        int o6 = Math.min(6, last);
        int o7 = Math.min(7, last);
        FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S);
        FloatVector c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
        FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S);
        FloatVector c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
        FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S);
        FloatVector c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
        FloatVector c6a = FloatVector.zero(S), c6b = FloatVector.zero(S);
        FloatVector c7a = FloatVector.zero(S), c7b = FloatVector.zero(S);
        for (int p = 0, ai = a0; p < kc; p++, ai += lda, bi += bStep) {
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + 1 * L);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c0a = x.fma(b0, c0a);
            c0b = x.fma(b1, c0b);
            x = FloatVector.broadcast(S, a[ai + o1]);
            c1a = x.fma(b0, c1a);
            c1b = x.fma(b1, c1b);
            x = FloatVector.broadcast(S, a[ai + o2]);
            c2a = x.fma(b0, c2a);
            c2b = x.fma(b1, c2b);
            x = FloatVector.broadcast(S, a[ai + o3]);
            c3a = x.fma(b0, c3a);
            c3b = x.fma(b1, c3b);
            x = FloatVector.broadcast(S, a[ai + o4]);
            c4a = x.fma(b0, c4a);
            c4b = x.fma(b1, c4b);
            x = FloatVector.broadcast(S, a[ai + o5]);
            c5a = x.fma(b0, c5a);
            c5b = x.fma(b1, c5b);
            x = FloatVector.broadcast(S, a[ai + o6]);
            c6a = x.fma(b0, c6a);
            c6b = x.fma(b1, c6b);
            x = FloatVector.broadcast(S, a[ai + o7]);
            c7a = x.fma(b0, c7a);
            c7b = x.fma(b1, c7b);
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
    }

    /** {@link GemmMicroKernel#multiplyRows} for {@value #ROWS} rows (a row-major A). */
    static void multiplyRows(int kc, float[] a, int a0, int lda, int rows, float[] pb, int bi, int bStep,
                             float[] out, int o, int ldo) {
        int last = rows - 1;
        int r0 = a0;
        int r1 = a0 + Math.min(1, last) * lda;
        int r2 = a0 + Math.min(2, last) * lda;
        int r3 = a0 + Math.min(3, last) * lda;
        int r4 = a0 + Math.min(4, last) * lda;
        int r5 = a0 + Math.min(5, last) * lda;
        int r6 = a0 + Math.min(6, last) * lda;
        int r7 = a0 + Math.min(7, last) * lda;
        FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S);
        FloatVector c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
        FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S);
        FloatVector c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
        FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S);
        FloatVector c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
        FloatVector c6a = FloatVector.zero(S), c6b = FloatVector.zero(S);
        FloatVector c7a = FloatVector.zero(S), c7b = FloatVector.zero(S);
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
    }
}
