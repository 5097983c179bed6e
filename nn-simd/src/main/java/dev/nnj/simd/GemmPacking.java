package dev.nnj.simd;

import static dev.nnj.simd.GemmMicroKernel.L;
import static dev.nnj.simd.GemmMicroKernel.MR;
import static dev.nnj.simd.GemmMicroKernel.NR;
import static dev.nnj.simd.GemmMicroKernel.S;

import jdk.incubator.vector.FloatVector;

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

    private GemmPacking() {
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
            // B is stored n×k: each column of op(B) is a contiguous row of B; write it with stride NR,
            // one L1-sized depth slice at a time (see DEPTH_SLICE).
            for (int ps = 0; ps < kc; ps += DEPTH_SLICE) {
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
}
