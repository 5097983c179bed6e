package dev.nnj.simd;

import static dev.nnj.simd.GemmMicroKernel.L;
import static dev.nnj.simd.GemmMicroKernel.MR;
import static dev.nnj.simd.GemmMicroKernel.NR;
import static dev.nnj.simd.GemmMicroKernel.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * Copies blocks of op(B) into the contiguous, zero-padded panel layout that {@link GemmMicroKernel}
 * streams through (A is read in place).
 *
 * <p>Packing turns both layouts of B and any leading dimension into the same unit-stride layout; it costs
 * one pass over each operand block, which the kernel then reads {@code m/MR} times from cache. The last
 * panel is padded to a full NR so the kernel never needs a tail; padded columns only reach lanes that are
 * never stored to C, and they are zeroed so that stale buffer contents (denormals are slow, NaN is
 * alarming in a debugger) never enter the arithmetic.
 */
final class GemmPacking {

    /**
     * Depth steps per pass when packing transposes (strided writes): a slice of a B panel is
     * DEPTH_SLICE×NR floats (16 KB), so the lines being filled stay in L1 until every column has been
     * written. Packing a whole 784-deep panel in one pass spilled those lines to L2 and made the
     * 128×256×784 NT product ~10% slower.
     */
    private static final int DEPTH_SLICE = 128;

    /** Lanes the register transpose is written for: 512-bit vectors of floats. */
    private static final int TRANSPOSE_LANES = 16;
    // Stage d of the transpose swaps d×d blocks: lane l of one vector trades places with lane l ^ d of
    // its partner d vectors on. The masks select the lanes with bit d set. (With fewer lanes the transpose
    // is never used; the constants are then built from indices kept in range.)
    private static final VectorShuffle<Float> SWAP8 = swap(8);
    private static final VectorShuffle<Float> SWAP4 = swap(4);
    private static final VectorShuffle<Float> SWAP2 = swap(2);
    private static final VectorShuffle<Float> SWAP1 = swap(1);
    private static final VectorMask<Float> BIT8 = VectorMask.fromLong(S, 0xFF00L);
    private static final VectorMask<Float> BIT4 = VectorMask.fromLong(S, 0xF0F0L);
    private static final VectorMask<Float> BIT2 = VectorMask.fromLong(S, 0xCCCCL);
    private static final VectorMask<Float> BIT1 = VectorMask.fromLong(S, 0xAAAAL);

    private GemmPacking() {
    }

    private static VectorShuffle<Float> swap(int d) {
        return VectorShuffle.fromOp(S, l -> (l ^ d) & (L - 1));
    }

    /**
     * Packs column panel q (columns j0 + q*NR .. +NR−1, at most n − 1) of depth p0..p0+kc−1 of op(B):
     * dst[dstOff + q*NR*kc + p*NR + j] = op(B)[p0 + p, j0 + q*NR + j], zero past column n − 1.
     */
    static void packBPanel(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int q, int n,
                           float[] dst, int dstOff) {
        int j = j0 + q * NR;
        int valid = Math.min(NR, n - j);
        int base = dstOff + q * NR * kc;
        if (transB) {
            // B is stored n×k: each column of op(B) is a contiguous row of B. A full panel goes through
            // the 16×16 register transpose as far as the depth allows; the rest is written with stride NR,
            // one L1-sized depth slice at a time (see DEPTH_SLICE).
            int done = valid == NR && L == TRANSPOSE_LANES ? transposeFullPanel(b, bOff + j * ldb + p0, ldb, kc, dst, base) : 0;
            for (int ps = done; ps < kc; ps += DEPTH_SLICE) {
                int pe = Math.min(kc, ps + DEPTH_SLICE);
                for (int c = 0; c < NR; c++) {
                    int at = base + ps * NR + c;
                    if (c < valid) {
                        for (int p = ps, src = bOff + (j + c) * ldb + p0; p < pe; p++, at += NR) {
                            dst[at] = b[src + p];
                        }
                    } else {
                        for (int p = ps; p < pe; p++, at += NR) {
                            dst[at] = 0f;
                        }
                    }
                }
            }
        } else if (valid == NR) {
            // B is stored k×n and the panel is full: NR/L vector copies per depth step.
            for (int p = 0, src = bOff + p0 * ldb + j, at = base; p < kc; p++, src += ldb, at += NR) {
                for (int v = 0; v < NR; v += L) {
                    FloatVector.fromArray(S, b, src + v).intoArray(dst, at + v);
                }
            }
        } else {
            for (int p = 0, src = bOff + p0 * ldb + j, at = base; p < kc; p++, src += ldb, at += NR) {
                int c = 0;
                for (; c < valid; c++) {
                    dst[at + c] = b[src + c];
                }
                for (; c < NR; c++) {
                    dst[at + c] = 0f;
                }
            }
        }
    }

    /**
     * The leading depth steps, in multiples of 16, of a full column panel of op(B) = Bᵀ: 16 columns ×
     * 16 depth steps at a time are loaded as 16 vectors (one per row of B), transposed in registers in four
     * stages of lane swaps and stored as 16 whole rows of the panel. The element-by-element copy costs
     * about 0.34 ns per element here; this takes 0.22 on JDK 17 and 0.10 on JDK 25 (128×784, the input
     * of the 784→256 forward pass). One method throughout, so that no vector crosses a call the JIT might
     * not inline. Returns the depth packed: kc rounded down to a multiple of 16.
     */
    private static int transposeFullPanel(float[] b, int src, int ldb, int kc, float[] dst, int base) {
        int p = 0;
        for (; p + TRANSPOSE_LANES <= kc; p += TRANSPOSE_LANES) {
            for (int c0 = 0; c0 < NR; c0 += TRANSPOSE_LANES) {
                int s = src + c0 * ldb + p;
                FloatVector r0 = FloatVector.fromArray(S, b, s);
                FloatVector r1 = FloatVector.fromArray(S, b, s + ldb);
                FloatVector r2 = FloatVector.fromArray(S, b, s + 2 * ldb);
                FloatVector r3 = FloatVector.fromArray(S, b, s + 3 * ldb);
                FloatVector r4 = FloatVector.fromArray(S, b, s + 4 * ldb);
                FloatVector r5 = FloatVector.fromArray(S, b, s + 5 * ldb);
                FloatVector r6 = FloatVector.fromArray(S, b, s + 6 * ldb);
                FloatVector r7 = FloatVector.fromArray(S, b, s + 7 * ldb);
                FloatVector r8 = FloatVector.fromArray(S, b, s + 8 * ldb);
                FloatVector r9 = FloatVector.fromArray(S, b, s + 9 * ldb);
                FloatVector r10 = FloatVector.fromArray(S, b, s + 10 * ldb);
                FloatVector r11 = FloatVector.fromArray(S, b, s + 11 * ldb);
                FloatVector r12 = FloatVector.fromArray(S, b, s + 12 * ldb);
                FloatVector r13 = FloatVector.fromArray(S, b, s + 13 * ldb);
                FloatVector r14 = FloatVector.fromArray(S, b, s + 14 * ldb);
                FloatVector r15 = FloatVector.fromArray(S, b, s + 15 * ldb);
                FloatVector t;
                // Stage 8: rows i and i + 8, for each i with bit 8 clear.
                t = r0.blend(r8.rearrange(SWAP8), BIT8);
                r8 = r0.rearrange(SWAP8).blend(r8, BIT8);
                r0 = t;
                t = r1.blend(r9.rearrange(SWAP8), BIT8);
                r9 = r1.rearrange(SWAP8).blend(r9, BIT8);
                r1 = t;
                t = r2.blend(r10.rearrange(SWAP8), BIT8);
                r10 = r2.rearrange(SWAP8).blend(r10, BIT8);
                r2 = t;
                t = r3.blend(r11.rearrange(SWAP8), BIT8);
                r11 = r3.rearrange(SWAP8).blend(r11, BIT8);
                r3 = t;
                t = r4.blend(r12.rearrange(SWAP8), BIT8);
                r12 = r4.rearrange(SWAP8).blend(r12, BIT8);
                r4 = t;
                t = r5.blend(r13.rearrange(SWAP8), BIT8);
                r13 = r5.rearrange(SWAP8).blend(r13, BIT8);
                r5 = t;
                t = r6.blend(r14.rearrange(SWAP8), BIT8);
                r14 = r6.rearrange(SWAP8).blend(r14, BIT8);
                r6 = t;
                t = r7.blend(r15.rearrange(SWAP8), BIT8);
                r15 = r7.rearrange(SWAP8).blend(r15, BIT8);
                r7 = t;
                // Stage 4: rows i and i + 4, for each i with bit 4 clear.
                t = r0.blend(r4.rearrange(SWAP4), BIT4);
                r4 = r0.rearrange(SWAP4).blend(r4, BIT4);
                r0 = t;
                t = r1.blend(r5.rearrange(SWAP4), BIT4);
                r5 = r1.rearrange(SWAP4).blend(r5, BIT4);
                r1 = t;
                t = r2.blend(r6.rearrange(SWAP4), BIT4);
                r6 = r2.rearrange(SWAP4).blend(r6, BIT4);
                r2 = t;
                t = r3.blend(r7.rearrange(SWAP4), BIT4);
                r7 = r3.rearrange(SWAP4).blend(r7, BIT4);
                r3 = t;
                t = r8.blend(r12.rearrange(SWAP4), BIT4);
                r12 = r8.rearrange(SWAP4).blend(r12, BIT4);
                r8 = t;
                t = r9.blend(r13.rearrange(SWAP4), BIT4);
                r13 = r9.rearrange(SWAP4).blend(r13, BIT4);
                r9 = t;
                t = r10.blend(r14.rearrange(SWAP4), BIT4);
                r14 = r10.rearrange(SWAP4).blend(r14, BIT4);
                r10 = t;
                t = r11.blend(r15.rearrange(SWAP4), BIT4);
                r15 = r11.rearrange(SWAP4).blend(r15, BIT4);
                r11 = t;
                // Stage 2: rows i and i + 2, for each i with bit 2 clear.
                t = r0.blend(r2.rearrange(SWAP2), BIT2);
                r2 = r0.rearrange(SWAP2).blend(r2, BIT2);
                r0 = t;
                t = r1.blend(r3.rearrange(SWAP2), BIT2);
                r3 = r1.rearrange(SWAP2).blend(r3, BIT2);
                r1 = t;
                t = r4.blend(r6.rearrange(SWAP2), BIT2);
                r6 = r4.rearrange(SWAP2).blend(r6, BIT2);
                r4 = t;
                t = r5.blend(r7.rearrange(SWAP2), BIT2);
                r7 = r5.rearrange(SWAP2).blend(r7, BIT2);
                r5 = t;
                t = r8.blend(r10.rearrange(SWAP2), BIT2);
                r10 = r8.rearrange(SWAP2).blend(r10, BIT2);
                r8 = t;
                t = r9.blend(r11.rearrange(SWAP2), BIT2);
                r11 = r9.rearrange(SWAP2).blend(r11, BIT2);
                r9 = t;
                t = r12.blend(r14.rearrange(SWAP2), BIT2);
                r14 = r12.rearrange(SWAP2).blend(r14, BIT2);
                r12 = t;
                t = r13.blend(r15.rearrange(SWAP2), BIT2);
                r15 = r13.rearrange(SWAP2).blend(r15, BIT2);
                r13 = t;
                // Stage 1: rows i and i + 1, for each i with bit 1 clear.
                t = r0.blend(r1.rearrange(SWAP1), BIT1);
                r1 = r0.rearrange(SWAP1).blend(r1, BIT1);
                r0 = t;
                t = r2.blend(r3.rearrange(SWAP1), BIT1);
                r3 = r2.rearrange(SWAP1).blend(r3, BIT1);
                r2 = t;
                t = r4.blend(r5.rearrange(SWAP1), BIT1);
                r5 = r4.rearrange(SWAP1).blend(r5, BIT1);
                r4 = t;
                t = r6.blend(r7.rearrange(SWAP1), BIT1);
                r7 = r6.rearrange(SWAP1).blend(r7, BIT1);
                r6 = t;
                t = r8.blend(r9.rearrange(SWAP1), BIT1);
                r9 = r8.rearrange(SWAP1).blend(r9, BIT1);
                r8 = t;
                t = r10.blend(r11.rearrange(SWAP1), BIT1);
                r11 = r10.rearrange(SWAP1).blend(r11, BIT1);
                r10 = t;
                t = r12.blend(r13.rearrange(SWAP1), BIT1);
                r13 = r12.rearrange(SWAP1).blend(r13, BIT1);
                r12 = t;
                t = r14.blend(r15.rearrange(SWAP1), BIT1);
                r15 = r14.rearrange(SWAP1).blend(r15, BIT1);
                r14 = t;
                int at = base + p * NR + c0;
                r0.intoArray(dst, at);
                r1.intoArray(dst, at + NR);
                r2.intoArray(dst, at + 2 * NR);
                r3.intoArray(dst, at + 3 * NR);
                r4.intoArray(dst, at + 4 * NR);
                r5.intoArray(dst, at + 5 * NR);
                r6.intoArray(dst, at + 6 * NR);
                r7.intoArray(dst, at + 7 * NR);
                r8.intoArray(dst, at + 8 * NR);
                r9.intoArray(dst, at + 9 * NR);
                r10.intoArray(dst, at + 10 * NR);
                r11.intoArray(dst, at + 11 * NR);
                r12.intoArray(dst, at + 12 * NR);
                r13.intoArray(dst, at + 13 * NR);
                r14.intoArray(dst, at + 14 * NR);
                r15.intoArray(dst, at + 15 * NR);
            }
        }
        return p;
    }
}
