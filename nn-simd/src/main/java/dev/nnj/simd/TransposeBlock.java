package dev.nnj.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 16×16 block of floats transposed in registers, for the transposing copy of {@link GemmPacking}: sixteen
 * rows are loaded as vectors, and four butterfly stages exchange their off-diagonal blocks of 1, 2, 4 and
 * 8 lanes (a rearrange and a blend per vector and stage), so that vector p ends up holding lane p of every
 * row. It is a copy: the values move, nothing is computed.
 *
 * <p>The element-by-element copy it replaces costs a load and a store per float, with the stores 128 bytes
 * apart: packing Xᵀ for the forward product of a 784→256 layer at batch 128 (100 352 floats) took 34–48 µs
 * of the product's 330, and 14–21 µs in registers (JDK 17 and 25, {@code nn-bench/results/2026-12-07-feature-split}).
 *
 * <p>Written for 512-bit vectors; {@link #usable()} says whether the machine's preferred vectors are that
 * wide (elsewhere the Vector API would run these operations in Java, far slower than the scalar copy).
 */
final class TransposeBlock {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    /** Rows and columns of a block. */
    static final int SIZE = 16;

    // Stage b exchanges blocks of b lanes between rows i and i + b: row i takes, in the lanes where bit b of
    // the lane index is set, the lanes of row i + b where it is clear, and row i + b the reverse. With t,
    // row i + b with lanes c and c ^ b swapped, row i becomes blend(row i, t) and row i + b becomes
    // blend(t, row i) swapped back: one mask and one shuffle per stage, t shared by the two rows. Against
    // a shuffle each way and a mask each way, the copy alone ran 1.34× as fast on JDK 17 and 1.12× on
    // JDK 25, and the NT products that transpose B 1.03–1.07× and 1.05× (nn-bench/results/2026-12-07-packed-a).
    private static final VectorShuffle<Float> SWAP_1 = VectorShuffle.fromOp(S, c -> c ^ 1);
    private static final VectorShuffle<Float> SWAP_2 = VectorShuffle.fromOp(S, c -> c ^ 2);
    private static final VectorShuffle<Float> SWAP_4 = VectorShuffle.fromOp(S, c -> c ^ 4);
    private static final VectorShuffle<Float> SWAP_8 = VectorShuffle.fromOp(S, c -> c ^ 8);
    private static final VectorMask<Float> SET_1 = VectorMask.fromLong(S, 0xAAAAL);
    private static final VectorMask<Float> SET_2 = VectorMask.fromLong(S, 0xCCCCL);
    private static final VectorMask<Float> SET_4 = VectorMask.fromLong(S, 0xF0F0L);
    private static final VectorMask<Float> SET_8 = VectorMask.fromLong(S, 0xFF00L);

    private TransposeBlock() {
    }

    /** Whether the preferred vectors are 512 bits wide, as this class needs. */
    static boolean usable() {
        return FloatVector.SPECIES_PREFERRED.length() == SIZE;
    }

    /**
     * dst[at + p*dstStride + c] = src[from + c*srcStride + p] for p &lt; 16 and c &lt; rows, zero for rows ≤ c &lt;
     * 16, with 1 ≤ rows ≤ 16: each source row is read as one vector, the missing ones are zero vectors (a
     * narrow B's last block), and each of the 16 destination rows is written as one. Against copying a
     * partial block's rows into the destination, zero rows added, and transposing it there in place, a
     * block of ten rows took 0.43 against 0.54 µs per 16×128 strip, and a full block 0.475 against 0.467
     * (JDK 17, nn-bench/results/2026-12-07-packed-a).
     */
    static void copyRows(float[] src, int from, int srcStride, int rows, float[] dst, int at, int dstStride) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector r0 = FloatVector.fromArray(S, src, from);
        FloatVector r1 = rows > 1 ? FloatVector.fromArray(S, src, from + 1 * srcStride) : zero;
        FloatVector r2 = rows > 2 ? FloatVector.fromArray(S, src, from + 2 * srcStride) : zero;
        FloatVector r3 = rows > 3 ? FloatVector.fromArray(S, src, from + 3 * srcStride) : zero;
        FloatVector r4 = rows > 4 ? FloatVector.fromArray(S, src, from + 4 * srcStride) : zero;
        FloatVector r5 = rows > 5 ? FloatVector.fromArray(S, src, from + 5 * srcStride) : zero;
        FloatVector r6 = rows > 6 ? FloatVector.fromArray(S, src, from + 6 * srcStride) : zero;
        FloatVector r7 = rows > 7 ? FloatVector.fromArray(S, src, from + 7 * srcStride) : zero;
        FloatVector r8 = rows > 8 ? FloatVector.fromArray(S, src, from + 8 * srcStride) : zero;
        FloatVector r9 = rows > 9 ? FloatVector.fromArray(S, src, from + 9 * srcStride) : zero;
        FloatVector r10 = rows > 10 ? FloatVector.fromArray(S, src, from + 10 * srcStride) : zero;
        FloatVector r11 = rows > 11 ? FloatVector.fromArray(S, src, from + 11 * srcStride) : zero;
        FloatVector r12 = rows > 12 ? FloatVector.fromArray(S, src, from + 12 * srcStride) : zero;
        FloatVector r13 = rows > 13 ? FloatVector.fromArray(S, src, from + 13 * srcStride) : zero;
        FloatVector r14 = rows > 14 ? FloatVector.fromArray(S, src, from + 14 * srcStride) : zero;
        FloatVector r15 = rows > 15 ? FloatVector.fromArray(S, src, from + 15 * srcStride) : zero;
        FloatVector t;
        // Exchange blocks of 1 lane between rows i and i + 1.
        t = r1.rearrange(SWAP_1);
        r1 = t.blend(r0, SET_1).rearrange(SWAP_1);
        r0 = r0.blend(t, SET_1);
        t = r3.rearrange(SWAP_1);
        r3 = t.blend(r2, SET_1).rearrange(SWAP_1);
        r2 = r2.blend(t, SET_1);
        t = r5.rearrange(SWAP_1);
        r5 = t.blend(r4, SET_1).rearrange(SWAP_1);
        r4 = r4.blend(t, SET_1);
        t = r7.rearrange(SWAP_1);
        r7 = t.blend(r6, SET_1).rearrange(SWAP_1);
        r6 = r6.blend(t, SET_1);
        t = r9.rearrange(SWAP_1);
        r9 = t.blend(r8, SET_1).rearrange(SWAP_1);
        r8 = r8.blend(t, SET_1);
        t = r11.rearrange(SWAP_1);
        r11 = t.blend(r10, SET_1).rearrange(SWAP_1);
        r10 = r10.blend(t, SET_1);
        t = r13.rearrange(SWAP_1);
        r13 = t.blend(r12, SET_1).rearrange(SWAP_1);
        r12 = r12.blend(t, SET_1);
        t = r15.rearrange(SWAP_1);
        r15 = t.blend(r14, SET_1).rearrange(SWAP_1);
        r14 = r14.blend(t, SET_1);
        // Exchange blocks of 2 lanes between rows i and i + 2.
        t = r2.rearrange(SWAP_2);
        r2 = t.blend(r0, SET_2).rearrange(SWAP_2);
        r0 = r0.blend(t, SET_2);
        t = r3.rearrange(SWAP_2);
        r3 = t.blend(r1, SET_2).rearrange(SWAP_2);
        r1 = r1.blend(t, SET_2);
        t = r6.rearrange(SWAP_2);
        r6 = t.blend(r4, SET_2).rearrange(SWAP_2);
        r4 = r4.blend(t, SET_2);
        t = r7.rearrange(SWAP_2);
        r7 = t.blend(r5, SET_2).rearrange(SWAP_2);
        r5 = r5.blend(t, SET_2);
        t = r10.rearrange(SWAP_2);
        r10 = t.blend(r8, SET_2).rearrange(SWAP_2);
        r8 = r8.blend(t, SET_2);
        t = r11.rearrange(SWAP_2);
        r11 = t.blend(r9, SET_2).rearrange(SWAP_2);
        r9 = r9.blend(t, SET_2);
        t = r14.rearrange(SWAP_2);
        r14 = t.blend(r12, SET_2).rearrange(SWAP_2);
        r12 = r12.blend(t, SET_2);
        t = r15.rearrange(SWAP_2);
        r15 = t.blend(r13, SET_2).rearrange(SWAP_2);
        r13 = r13.blend(t, SET_2);
        // Exchange blocks of 4 lanes between rows i and i + 4.
        t = r4.rearrange(SWAP_4);
        r4 = t.blend(r0, SET_4).rearrange(SWAP_4);
        r0 = r0.blend(t, SET_4);
        t = r5.rearrange(SWAP_4);
        r5 = t.blend(r1, SET_4).rearrange(SWAP_4);
        r1 = r1.blend(t, SET_4);
        t = r6.rearrange(SWAP_4);
        r6 = t.blend(r2, SET_4).rearrange(SWAP_4);
        r2 = r2.blend(t, SET_4);
        t = r7.rearrange(SWAP_4);
        r7 = t.blend(r3, SET_4).rearrange(SWAP_4);
        r3 = r3.blend(t, SET_4);
        t = r12.rearrange(SWAP_4);
        r12 = t.blend(r8, SET_4).rearrange(SWAP_4);
        r8 = r8.blend(t, SET_4);
        t = r13.rearrange(SWAP_4);
        r13 = t.blend(r9, SET_4).rearrange(SWAP_4);
        r9 = r9.blend(t, SET_4);
        t = r14.rearrange(SWAP_4);
        r14 = t.blend(r10, SET_4).rearrange(SWAP_4);
        r10 = r10.blend(t, SET_4);
        t = r15.rearrange(SWAP_4);
        r15 = t.blend(r11, SET_4).rearrange(SWAP_4);
        r11 = r11.blend(t, SET_4);
        // Exchange blocks of 8 lanes between rows i and i + 8.
        t = r8.rearrange(SWAP_8);
        r8 = t.blend(r0, SET_8).rearrange(SWAP_8);
        r0 = r0.blend(t, SET_8);
        t = r9.rearrange(SWAP_8);
        r9 = t.blend(r1, SET_8).rearrange(SWAP_8);
        r1 = r1.blend(t, SET_8);
        t = r10.rearrange(SWAP_8);
        r10 = t.blend(r2, SET_8).rearrange(SWAP_8);
        r2 = r2.blend(t, SET_8);
        t = r11.rearrange(SWAP_8);
        r11 = t.blend(r3, SET_8).rearrange(SWAP_8);
        r3 = r3.blend(t, SET_8);
        t = r12.rearrange(SWAP_8);
        r12 = t.blend(r4, SET_8).rearrange(SWAP_8);
        r4 = r4.blend(t, SET_8);
        t = r13.rearrange(SWAP_8);
        r13 = t.blend(r5, SET_8).rearrange(SWAP_8);
        r5 = r5.blend(t, SET_8);
        t = r14.rearrange(SWAP_8);
        r14 = t.blend(r6, SET_8).rearrange(SWAP_8);
        r6 = r6.blend(t, SET_8);
        t = r15.rearrange(SWAP_8);
        r15 = t.blend(r7, SET_8).rearrange(SWAP_8);
        r7 = r7.blend(t, SET_8);
        r0.intoArray(dst, at);
        r1.intoArray(dst, at + dstStride);
        r2.intoArray(dst, at + 2 * dstStride);
        r3.intoArray(dst, at + 3 * dstStride);
        r4.intoArray(dst, at + 4 * dstStride);
        r5.intoArray(dst, at + 5 * dstStride);
        r6.intoArray(dst, at + 6 * dstStride);
        r7.intoArray(dst, at + 7 * dstStride);
        r8.intoArray(dst, at + 8 * dstStride);
        r9.intoArray(dst, at + 9 * dstStride);
        r10.intoArray(dst, at + 10 * dstStride);
        r11.intoArray(dst, at + 11 * dstStride);
        r12.intoArray(dst, at + 12 * dstStride);
        r13.intoArray(dst, at + 13 * dstStride);
        r14.intoArray(dst, at + 14 * dstStride);
        r15.intoArray(dst, at + 15 * dstStride);
    }
}
