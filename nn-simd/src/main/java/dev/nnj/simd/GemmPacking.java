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
     * Floats of one depth slice when packing transposes (strided writes): 16 KB, DEPTH_SLICE_FLOATS / width
     * depth steps of a panel width floats wide, so the lines being filled stay in L1 until every column has
     * been written. Packing a whole 784-deep panel in one pass spilled those lines to L2 and made the
     * 128×256×784 NT product ~10% slower; the narrow Bᵀ copy of the output layer, 784 deep, 0.98× without.
     */
    private static final int DEPTH_SLICE_FLOATS = 4096;

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
            transposeColumns(b, bOff + j * ldb + p0, ldb, kc, valid, NR, dst, base);
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
     * dst[base + p*width + c] = b[src + c*ldb + p] for p &lt; kc and c &lt; valid, zero for valid ≤ c &lt; width:
     * the first kc values of {@code valid} rows of B, ldb apart, written as the columns of a kc×width block.
     * Blocks of 16 depth steps by 16 columns are transposed in registers ({@link TransposeBlock}) when the
     * vectors allow it, the last one zero-padded when fewer than 16 columns are left and its 16 still fit
     * in the width; the depth tail is copied element by element, each row of B read in one sequential pass
     * per depth slice (see {@link #DEPTH_SLICE_FLOATS}), and the padding columns past the blocks are zeroed
     * by whole vectors. Against copying the partial block element by element and zeroing by scalars, the
     * output layer's forward product (NT 32×128·128×10) runs 1.18–1.19× as fast, 64×784·784×10 1.15×, and
     * 100×300·300×100 (a last panel of four columns) 1.04–1.06× (nn-bench/results/2026-12-07-thin-products).
     */
    static void transposeColumns(float[] b, int src, int ldb, int kc, int valid, int width, float[] dst, int base) {
        int n = TransposeBlock.SIZE;
        int blockDepth = TransposeBlock.usable() ? kc / n * n : 0;
        int blockColumns = blockDepth > 0 ? Math.min((valid + n - 1) / n * n, width / n * n) : 0;
        for (int p = 0; p < blockDepth; p += n) {
            for (int c = 0; c < blockColumns; c += n) {
                int rows = Math.min(n, valid - c);
                TransposeBlock.copyRows(b, src + c * ldb + p, ldb, rows, dst, base + p * width + c, width);
            }
        }
        copyColumns(b, src, ldb, 0, blockColumns, blockDepth, kc, valid, width, dst, base);
        int padFrom = Math.max(valid, blockColumns);
        copyColumns(b, src, ldb, blockColumns, padFrom, 0, kc, valid, width, dst, base);
        zeroColumns(padFrom, width, kc, dst, base);
    }

    /**
     * The width {@link #transposeColumns} needs to transpose {@code columns} columns in whole 16×16
     * register blocks: columns rounded up to a multiple of 16.
     */
    static int transposedWidth(int columns) {
        int n = TransposeBlock.SIZE;
        return (columns + n - 1) / n * n;
    }

    /** Zeros columns [from, width) of a kc×width block, whole vectors where they fit. */
    private static void zeroColumns(int from, int width, int kc, float[] dst, int base) {
        if (from == width) {
            return;
        }
        FloatVector zero = FloatVector.zero(S);
        for (int p = 0, at = base; p < kc; p++, at += width) {
            int c = from;
            for (; c + L <= width; c += L) {
                zero.intoArray(dst, at + c);
            }
            for (; c < width; c++) {
                dst[at + c] = 0f;
            }
        }
    }

    /** Columns [cFrom, cTo) of {@link #transposeColumns} at depths [pFrom, kc), element by element. */
    private static void copyColumns(float[] b, int src, int ldb, int cFrom, int cTo, int pFrom, int kc, int valid,
                                    int width, float[] dst, int base) {
        int slice = DEPTH_SLICE_FLOATS / width;
        for (int ps = pFrom; ps < kc; ps += slice) {
            int pe = Math.min(kc, ps + slice);
            for (int c = cFrom; c < cTo; c++) {
                int at = base + ps * width + c;
                if (c < valid) {
                    for (int p = ps, row = src + c * ldb; p < pe; p++, at += width) {
                        dst[at] = b[row + p];
                    }
                } else {
                    for (int p = ps; p < pe; p++, at += width) {
                        dst[at] = 0f;
                    }
                }
            }
        }
    }
}
