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

    // Stage b exchanges blocks of b lanes between rows i and i + b: row i takes lanes c − b of row i + b
    // where bit b of c is set, row i + b takes lanes c + b of row i where it is clear. Indices wrap; the
    // wrapped lanes are the ones the blend discards.
    private static final VectorShuffle<Float> DOWN_1 = VectorShuffle.fromOp(S, c -> (c - 1) & 15);
    private static final VectorShuffle<Float> UP_1 = VectorShuffle.fromOp(S, c -> (c + 1) & 15);
    private static final VectorShuffle<Float> DOWN_2 = VectorShuffle.fromOp(S, c -> (c - 2) & 15);
    private static final VectorShuffle<Float> UP_2 = VectorShuffle.fromOp(S, c -> (c + 2) & 15);
    private static final VectorShuffle<Float> DOWN_4 = VectorShuffle.fromOp(S, c -> (c - 4) & 15);
    private static final VectorShuffle<Float> UP_4 = VectorShuffle.fromOp(S, c -> (c + 4) & 15);
    private static final VectorShuffle<Float> DOWN_8 = VectorShuffle.fromOp(S, c -> (c - 8) & 15);
    private static final VectorShuffle<Float> UP_8 = VectorShuffle.fromOp(S, c -> (c + 8) & 15);
    private static final VectorMask<Float> SET_1 = VectorMask.fromLong(S, 0xAAAAL);
    private static final VectorMask<Float> CLEAR_1 = VectorMask.fromLong(S, 0x5555L);
    private static final VectorMask<Float> SET_2 = VectorMask.fromLong(S, 0xCCCCL);
    private static final VectorMask<Float> CLEAR_2 = VectorMask.fromLong(S, 0x3333L);
    private static final VectorMask<Float> SET_4 = VectorMask.fromLong(S, 0xF0F0L);
    private static final VectorMask<Float> CLEAR_4 = VectorMask.fromLong(S, 0x0F0FL);
    private static final VectorMask<Float> SET_8 = VectorMask.fromLong(S, 0xFF00L);
    private static final VectorMask<Float> CLEAR_8 = VectorMask.fromLong(S, 0x00FFL);

    private TransposeBlock() {
    }

    /** Whether the preferred vectors are 512 bits wide, as this class needs. */
    static boolean usable() {
        return FloatVector.SPECIES_PREFERRED.length() == SIZE;
    }

    /**
     * dst[at + p*dstStride + c] = src[from + c*srcStride + p] for c, p &lt; 16. Each of the 16 source rows is read
     * as one vector and each of the 16 destination rows written as one.
     */
    static void copy(float[] src, int from, int srcStride, float[] dst, int at, int dstStride) {
        FloatVector r0 = FloatVector.fromArray(S, src, from);
        FloatVector r1 = FloatVector.fromArray(S, src, from + srcStride);
        FloatVector r2 = FloatVector.fromArray(S, src, from + 2 * srcStride);
        FloatVector r3 = FloatVector.fromArray(S, src, from + 3 * srcStride);
        FloatVector r4 = FloatVector.fromArray(S, src, from + 4 * srcStride);
        FloatVector r5 = FloatVector.fromArray(S, src, from + 5 * srcStride);
        FloatVector r6 = FloatVector.fromArray(S, src, from + 6 * srcStride);
        FloatVector r7 = FloatVector.fromArray(S, src, from + 7 * srcStride);
        FloatVector r8 = FloatVector.fromArray(S, src, from + 8 * srcStride);
        FloatVector r9 = FloatVector.fromArray(S, src, from + 9 * srcStride);
        FloatVector r10 = FloatVector.fromArray(S, src, from + 10 * srcStride);
        FloatVector r11 = FloatVector.fromArray(S, src, from + 11 * srcStride);
        FloatVector r12 = FloatVector.fromArray(S, src, from + 12 * srcStride);
        FloatVector r13 = FloatVector.fromArray(S, src, from + 13 * srcStride);
        FloatVector r14 = FloatVector.fromArray(S, src, from + 14 * srcStride);
        FloatVector r15 = FloatVector.fromArray(S, src, from + 15 * srcStride);
        FloatVector t;
        // Exchange blocks of 1 lane between rows i and i + 1.
        t = r0.blend(r1.rearrange(DOWN_1), SET_1);
        r1 = r1.blend(r0.rearrange(UP_1), CLEAR_1);
        r0 = t;
        t = r2.blend(r3.rearrange(DOWN_1), SET_1);
        r3 = r3.blend(r2.rearrange(UP_1), CLEAR_1);
        r2 = t;
        t = r4.blend(r5.rearrange(DOWN_1), SET_1);
        r5 = r5.blend(r4.rearrange(UP_1), CLEAR_1);
        r4 = t;
        t = r6.blend(r7.rearrange(DOWN_1), SET_1);
        r7 = r7.blend(r6.rearrange(UP_1), CLEAR_1);
        r6 = t;
        t = r8.blend(r9.rearrange(DOWN_1), SET_1);
        r9 = r9.blend(r8.rearrange(UP_1), CLEAR_1);
        r8 = t;
        t = r10.blend(r11.rearrange(DOWN_1), SET_1);
        r11 = r11.blend(r10.rearrange(UP_1), CLEAR_1);
        r10 = t;
        t = r12.blend(r13.rearrange(DOWN_1), SET_1);
        r13 = r13.blend(r12.rearrange(UP_1), CLEAR_1);
        r12 = t;
        t = r14.blend(r15.rearrange(DOWN_1), SET_1);
        r15 = r15.blend(r14.rearrange(UP_1), CLEAR_1);
        r14 = t;
        // Exchange blocks of 2 lanes between rows i and i + 2.
        t = r0.blend(r2.rearrange(DOWN_2), SET_2);
        r2 = r2.blend(r0.rearrange(UP_2), CLEAR_2);
        r0 = t;
        t = r1.blend(r3.rearrange(DOWN_2), SET_2);
        r3 = r3.blend(r1.rearrange(UP_2), CLEAR_2);
        r1 = t;
        t = r4.blend(r6.rearrange(DOWN_2), SET_2);
        r6 = r6.blend(r4.rearrange(UP_2), CLEAR_2);
        r4 = t;
        t = r5.blend(r7.rearrange(DOWN_2), SET_2);
        r7 = r7.blend(r5.rearrange(UP_2), CLEAR_2);
        r5 = t;
        t = r8.blend(r10.rearrange(DOWN_2), SET_2);
        r10 = r10.blend(r8.rearrange(UP_2), CLEAR_2);
        r8 = t;
        t = r9.blend(r11.rearrange(DOWN_2), SET_2);
        r11 = r11.blend(r9.rearrange(UP_2), CLEAR_2);
        r9 = t;
        t = r12.blend(r14.rearrange(DOWN_2), SET_2);
        r14 = r14.blend(r12.rearrange(UP_2), CLEAR_2);
        r12 = t;
        t = r13.blend(r15.rearrange(DOWN_2), SET_2);
        r15 = r15.blend(r13.rearrange(UP_2), CLEAR_2);
        r13 = t;
        // Exchange blocks of 4 lanes between rows i and i + 4.
        t = r0.blend(r4.rearrange(DOWN_4), SET_4);
        r4 = r4.blend(r0.rearrange(UP_4), CLEAR_4);
        r0 = t;
        t = r1.blend(r5.rearrange(DOWN_4), SET_4);
        r5 = r5.blend(r1.rearrange(UP_4), CLEAR_4);
        r1 = t;
        t = r2.blend(r6.rearrange(DOWN_4), SET_4);
        r6 = r6.blend(r2.rearrange(UP_4), CLEAR_4);
        r2 = t;
        t = r3.blend(r7.rearrange(DOWN_4), SET_4);
        r7 = r7.blend(r3.rearrange(UP_4), CLEAR_4);
        r3 = t;
        t = r8.blend(r12.rearrange(DOWN_4), SET_4);
        r12 = r12.blend(r8.rearrange(UP_4), CLEAR_4);
        r8 = t;
        t = r9.blend(r13.rearrange(DOWN_4), SET_4);
        r13 = r13.blend(r9.rearrange(UP_4), CLEAR_4);
        r9 = t;
        t = r10.blend(r14.rearrange(DOWN_4), SET_4);
        r14 = r14.blend(r10.rearrange(UP_4), CLEAR_4);
        r10 = t;
        t = r11.blend(r15.rearrange(DOWN_4), SET_4);
        r15 = r15.blend(r11.rearrange(UP_4), CLEAR_4);
        r11 = t;
        // Exchange blocks of 8 lanes between rows i and i + 8.
        t = r0.blend(r8.rearrange(DOWN_8), SET_8);
        r8 = r8.blend(r0.rearrange(UP_8), CLEAR_8);
        r0 = t;
        t = r1.blend(r9.rearrange(DOWN_8), SET_8);
        r9 = r9.blend(r1.rearrange(UP_8), CLEAR_8);
        r1 = t;
        t = r2.blend(r10.rearrange(DOWN_8), SET_8);
        r10 = r10.blend(r2.rearrange(UP_8), CLEAR_8);
        r2 = t;
        t = r3.blend(r11.rearrange(DOWN_8), SET_8);
        r11 = r11.blend(r3.rearrange(UP_8), CLEAR_8);
        r3 = t;
        t = r4.blend(r12.rearrange(DOWN_8), SET_8);
        r12 = r12.blend(r4.rearrange(UP_8), CLEAR_8);
        r4 = t;
        t = r5.blend(r13.rearrange(DOWN_8), SET_8);
        r13 = r13.blend(r5.rearrange(UP_8), CLEAR_8);
        r5 = t;
        t = r6.blend(r14.rearrange(DOWN_8), SET_8);
        r14 = r14.blend(r6.rearrange(UP_8), CLEAR_8);
        r6 = t;
        t = r7.blend(r15.rearrange(DOWN_8), SET_8);
        r15 = r15.blend(r7.rearrange(UP_8), CLEAR_8);
        r7 = t;
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

    /**
     * As {@link #copy}, for a block of {@code rows} ≤ 16 source rows (a narrow B), the destination columns
     * past the last row set to zero. The rows are first copied, and zero rows added, into the destination
     * block untransposed (a vector each), then transposed there in place, which {@link #copy} allows as it
     * loads all sixteen rows before it stores any. Full blocks go to {@link #copy} directly: a load guarded
     * per row made them 7–20% slower.
     */
    static void copyRows(float[] src, int from, int srcStride, int rows, float[] dst, int at, int dstStride) {
        int r = 0;
        for (; r < rows; r++) {
            FloatVector.fromArray(S, src, from + r * srcStride).intoArray(dst, at + r * dstStride);
        }
        for (; r < SIZE; r++) {
            FloatVector.zero(S).intoArray(dst, at + r * dstStride);
        }
        copy(dst, at, dstStride, dst, at, dstStride);
    }
}
