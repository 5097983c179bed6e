package dev.nnj.simd;

import static dev.nnj.simd.GemmMicroKernel.NR;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link GemmPacking#packBPanel} against its definition, element by element: packing is a copy, so every
 * value must land exactly where the kernel reads it, whichever path (16×16 blocks transposed in registers,
 * strided copy in depth slices, vector copy, zero padding) wrote it.
 */
class GemmPackingTest {

    /**
     * Depths around the vector length, the 16×16 register blocks of the transposing copy and its 128-step
     * slices.
     */
    private static final int[] DEPTHS = {1, 15, 16, 17, 31, 33, 128, 130, 784};
    /**
     * Columns of op(B): partial panels only (less than one register block, one and a bit), one full panel,
     * full panels with and without a partial one.
     */
    private static final int[] WIDTHS = {1, 15, 17, NR - 1, NR, 2 * NR + 3, 3 * NR};

    @Test
    void everyPanelHoldsOpBColumnByColumnAndZerosPastTheLastColumn() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (boolean transB : new boolean[] {true, false}) {
            for (int kc : DEPTHS) {
                for (int n : WIDTHS) {
                    // A block that starts past depth 0 and column 0 of a B with padded rows, at an offset.
                    int p0 = 3;
                    int j0 = 5;
                    int k = p0 + kc + 2;
                    int cols = j0 + n;
                    int ldb = (transB ? k : cols) + 7;
                    int bOff = 11;
                    float[] b = TestArrays.uniform(rnd, bOff + (transB ? cols : k) * ldb, -1, 1);
                    int panels = (n + NR - 1) / NR;
                    int dstOff = 9;
                    float[] dst = new float[dstOff + panels * NR * kc];
                    Arrays.fill(dst, Float.NaN); // stale contents the padding must overwrite
                    for (int q = 0; q < panels; q++) {
                        GemmPacking.packBPanel(transB, b, bOff, ldb, p0, kc, j0, q, cols, dst, dstOff);
                    }
                    for (int q = 0; q < panels; q++) {
                        for (int p = 0; p < kc; p++) {
                            for (int j = 0; j < NR; j++) {
                                int column = j0 + q * NR + j;
                                float expected = column >= cols ? 0f
                                        : transB ? b[bOff + column * ldb + p0 + p] : b[bOff + (p0 + p) * ldb + column];
                                int finalQ = q;
                                int finalP = p;
                                int finalJ = j;
                                assertEquals(expected, dst[dstOff + q * NR * kc + p * NR + j],
                                        () -> (transB ? "Bᵀ" : "B") + ", depth " + kc + ", " + n + " columns: panel "
                                                + finalQ + ", depth step " + finalP + ", column " + finalJ);
                            }
                        }
                    }
                }
            }
        }
    }

    /** One 16×16 block transposed in registers lands exactly where its definition says, at any strides. */
    @Test
    void registerBlockIsTheTransposeOfItsSourceRows() {
        checkBlock(TransposeBlock.SIZE, true);
    }

    /**
     * A block of fewer source rows is transposed as if the missing rows were zeros, without reading past the
     * last row (the source array ends there).
     */
    @Test
    void partialRegisterBlockIsZeroPaddedPastItsLastRow() {
        for (int rows : new int[] {1, 2, 10, 15, 16}) {
            checkBlock(rows, false);
        }
    }

    private static void checkBlock(int rows, boolean full) {
        SplittableRandom rnd = new SplittableRandom(7 + rows);
        int n = TransposeBlock.SIZE;
        for (int[] strides : new int[][] {{16, 16}, {17, 32}, {784, 32}, {33, 40}}) {
            int srcStride = strides[0];
            int dstStride = strides[1];
            int from = 5;
            int at = 3;
            float[] src = TestArrays.uniform(rnd, from + (rows - 1) * srcStride + n, -1, 1);
            float[] dst = new float[at + n * dstStride];
            Arrays.fill(dst, Float.NaN);
            if (full) {
                TransposeBlock.copyRows(src, from, srcStride, TransposeBlock.SIZE, dst, at, dstStride);
            } else {
                TransposeBlock.copyRows(src, from, srcStride, rows, dst, at, dstStride);
            }
            for (int p = 0; p < n; p++) {
                for (int c = 0; c < dstStride; c++) {
                    float expected = c < rows ? src[from + c * srcStride + p] : c < n ? 0f : Float.NaN;
                    assertEquals(expected, dst[at + p * dstStride + c], rows + " rows, strides " + srcStride + "/"
                            + dstStride + ": row " + p + ", column " + c);
                }
            }
        }
    }
}
