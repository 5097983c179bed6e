package dev.nnj.simd;

import static dev.nnj.simd.GemmMicroKernel.S;

import jdk.incubator.vector.FloatVector;

/**
 * The register kernel for the last columns of C when at most one vector of them is left: {@value
 * GemmMicroKernel#MR} rows × 1 vector, the depth loop of {@link GemmMicroKernel} with one B vector per
 * depth step instead of two. The two-vector kernel computes all its columns even when fewer are valid, so
 * a width that leaves a short last panel (a batch of 100 computed transposed is 3·32 + 4 columns) spent
 * up to half of that panel's time on columns it threw away. One B load and twelve broadcasts per twelve
 * FMAs keep the load ports just short of the FMA pipes' pace. Each element of C is still one FMA chain
 * over the depth in order, so the result does not depend on which kernel computed it.
 */
final class GemmNarrowKernel {

    private GemmNarrowKernel() {
    }

    /**
     * {@link GemmMicroKernel#multiplyColumns} for one vector of columns (a transposed A): writes MR rows of
     * one vector each, the B panel's first vector of every depth step, to out.
     */
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
        int o8 = Math.min(8, last);
        int o9 = Math.min(9, last);
        int o10 = Math.min(10, last);
        int o11 = Math.min(11, last);
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S);
        FloatVector c5 = FloatVector.zero(S);
        FloatVector c6 = FloatVector.zero(S);
        FloatVector c7 = FloatVector.zero(S);
        FloatVector c8 = FloatVector.zero(S);
        FloatVector c9 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        for (int p = 0, ai = a0; p < kc; p++, ai += lda, bi += bStep) {
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c0 = x.fma(b0, c0);
            x = FloatVector.broadcast(S, a[ai + o1]);
            c1 = x.fma(b0, c1);
            x = FloatVector.broadcast(S, a[ai + o2]);
            c2 = x.fma(b0, c2);
            x = FloatVector.broadcast(S, a[ai + o3]);
            c3 = x.fma(b0, c3);
            x = FloatVector.broadcast(S, a[ai + o4]);
            c4 = x.fma(b0, c4);
            x = FloatVector.broadcast(S, a[ai + o5]);
            c5 = x.fma(b0, c5);
            x = FloatVector.broadcast(S, a[ai + o6]);
            c6 = x.fma(b0, c6);
            x = FloatVector.broadcast(S, a[ai + o7]);
            c7 = x.fma(b0, c7);
            x = FloatVector.broadcast(S, a[ai + o8]);
            c8 = x.fma(b0, c8);
            x = FloatVector.broadcast(S, a[ai + o9]);
            c9 = x.fma(b0, c9);
            x = FloatVector.broadcast(S, a[ai + o10]);
            c10 = x.fma(b0, c10);
            x = FloatVector.broadcast(S, a[ai + o11]);
            c11 = x.fma(b0, c11);
        }
        c0.intoArray(out, o);
        c1.intoArray(out, o + ldo);
        c2.intoArray(out, o + 2 * ldo);
        c3.intoArray(out, o + 3 * ldo);
        c4.intoArray(out, o + 4 * ldo);
        c5.intoArray(out, o + 5 * ldo);
        c6.intoArray(out, o + 6 * ldo);
        c7.intoArray(out, o + 7 * ldo);
        c8.intoArray(out, o + 8 * ldo);
        c9.intoArray(out, o + 9 * ldo);
        c10.intoArray(out, o + 10 * ldo);
        c11.intoArray(out, o + 11 * ldo);
    }

    /** {@link GemmMicroKernel#multiplyRows} for one vector of columns (a row-major A). */
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
        int r8 = a0 + Math.min(8, last) * lda;
        int r9 = a0 + Math.min(9, last) * lda;
        int r10 = a0 + Math.min(10, last) * lda;
        int r11 = a0 + Math.min(11, last) * lda;
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S);
        FloatVector c5 = FloatVector.zero(S);
        FloatVector c6 = FloatVector.zero(S);
        FloatVector c7 = FloatVector.zero(S);
        FloatVector c8 = FloatVector.zero(S);
        FloatVector c9 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++, bi += bStep) {
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector x = FloatVector.broadcast(S, a[r0 + p]);
            c0 = x.fma(b0, c0);
            x = FloatVector.broadcast(S, a[r1 + p]);
            c1 = x.fma(b0, c1);
            x = FloatVector.broadcast(S, a[r2 + p]);
            c2 = x.fma(b0, c2);
            x = FloatVector.broadcast(S, a[r3 + p]);
            c3 = x.fma(b0, c3);
            x = FloatVector.broadcast(S, a[r4 + p]);
            c4 = x.fma(b0, c4);
            x = FloatVector.broadcast(S, a[r5 + p]);
            c5 = x.fma(b0, c5);
            x = FloatVector.broadcast(S, a[r6 + p]);
            c6 = x.fma(b0, c6);
            x = FloatVector.broadcast(S, a[r7 + p]);
            c7 = x.fma(b0, c7);
            x = FloatVector.broadcast(S, a[r8 + p]);
            c8 = x.fma(b0, c8);
            x = FloatVector.broadcast(S, a[r9 + p]);
            c9 = x.fma(b0, c9);
            x = FloatVector.broadcast(S, a[r10 + p]);
            c10 = x.fma(b0, c10);
            x = FloatVector.broadcast(S, a[r11 + p]);
            c11 = x.fma(b0, c11);
        }
        c0.intoArray(out, o);
        c1.intoArray(out, o + ldo);
        c2.intoArray(out, o + 2 * ldo);
        c3.intoArray(out, o + 3 * ldo);
        c4.intoArray(out, o + 4 * ldo);
        c5.intoArray(out, o + 5 * ldo);
        c6.intoArray(out, o + 6 * ldo);
        c7.intoArray(out, o + 7 * ldo);
        c8.intoArray(out, o + 8 * ldo);
        c9.intoArray(out, o + 9 * ldo);
        c10.intoArray(out, o + 10 * ldo);
        c11.intoArray(out, o + 11 * ldo);
    }
}
