package dev.nnj.simd;

import static dev.nnj.simd.GemmMicroKernel.L;
import static dev.nnj.simd.GemmMicroKernel.MR;
import static dev.nnj.simd.GemmMicroKernel.NR;
import static dev.nnj.simd.GemmMicroKernel.S;

import jdk.incubator.vector.FloatVector;

/**
 * Writes a finished kernel block into C when the kernel could not write it from its registers: the
 * block sits in a tile buffer t of {@value GemmMicroKernel#MR} rows of {@link GemmMicroKernel#NR}
 * floats, and only its valid h×w corner is scaled by α and added to β'·C (β' is the caller's β on the
 * first depth block, 1 after it). With β' = 0, C is write-only, so NaN or garbage in it cannot propagate.
 */
final class GemmStores {

    private GemmStores() {
    }

    /** C[r, x] = α·t[r, x] + β'·C[r, x] for r &lt; h, x &lt; w, row r of C starting at c[at + r·ldc]. */
    static void block(float[] t, int h, int w, float alpha, float be, float[] c, int at, int ldc) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        int vectors = w - w % L;
        for (int r = 0, row = at; r < h; r++, row += ldc) {
            for (int v = 0; v < vectors; v += L) {
                FloatVector x = FloatVector.fromArray(S, t, r * NR + v).mul(va);
                if (be != 0f) {
                    x = x.add(FloatVector.fromArray(S, c, row + v).mul(be));
                }
                x.intoArray(c, row + v);
            }
            // The columns past the last whole vector at the right edge: scalar, the same operations.
            for (int x = vectors; x < w; x++) {
                float v = alpha * t[r * NR + x];
                c[row + x] = be == 0f ? v : v + be * c[row + x];
            }
        }
    }

    /**
     * The block of a product computed transposed (Cᵀ = W·Xᵀ): C[x, r] = α·t[r, x] + β'·C[x, r], row x of C
     * starting at c[at + x·ldc], so each of the w rows of C gets h adjacent values, one from each row of t.
     */
    static void transposedBlock(float[] t, int h, int w, float alpha, float be, float[] c, int at, int ldc) {
        if (h == MR && be == 0f) {
            fullTransposedBlock(t, w, alpha, c, at, ldc);
            return;
        }
        if (h == GemmEdgeKernel.ROWS && be == 0f) {
            fullTransposedEdgeBlock(t, w, alpha, c, at, ldc);
            return;
        }
        for (int x = 0, row = at; x < w; x++, row += ldc) {
            for (int r = 0; r < h; r++) {
                float v = alpha * t[r * NR + x];
                c[row + r] = be == 0f ? v : v + be * c[row + r];
            }
        }
    }

    /**
     * {@link #transposedBlock} for a block of all {@value GemmMicroKernel#MR} rows and β' = 0, as in the
     * forward pass. Written out so that the JIT sees twelve independent stores per row of C; the loop over
     * the twelve, even with its constant trip count, ran 4.5× slower (25 against 5.6 µs for the 128×256
     * output of the 784→256 layer).
     */
    private static void fullTransposedBlock(float[] t, int w, float alpha, float[] c, int at, int ldc) {
        for (int x = 0, row = at; x < w; x++, row += ldc) {
            c[row] = alpha * t[x];
            c[row + 1] = alpha * t[NR + x];
            c[row + 2] = alpha * t[2 * NR + x];
            c[row + 3] = alpha * t[3 * NR + x];
            c[row + 4] = alpha * t[4 * NR + x];
            c[row + 5] = alpha * t[5 * NR + x];
            c[row + 6] = alpha * t[6 * NR + x];
            c[row + 7] = alpha * t[7 * NR + x];
            c[row + 8] = alpha * t[8 * NR + x];
            c[row + 9] = alpha * t[9 * NR + x];
            c[row + 10] = alpha * t[10 * NR + x];
            c[row + 11] = alpha * t[11 * NR + x];
        }
    }

    /** {@link #fullTransposedBlock} for a block of {@value GemmEdgeKernel#ROWS} rows. */
    private static void fullTransposedEdgeBlock(float[] t, int w, float alpha, float[] c, int at, int ldc) {
        for (int x = 0, row = at; x < w; x++, row += ldc) {
            c[row] = alpha * t[x];
            c[row + 1] = alpha * t[NR + x];
            c[row + 2] = alpha * t[2 * NR + x];
            c[row + 3] = alpha * t[3 * NR + x];
            c[row + 4] = alpha * t[4 * NR + x];
            c[row + 5] = alpha * t[5 * NR + x];
            c[row + 6] = alpha * t[6 * NR + x];
            c[row + 7] = alpha * t[7 * NR + x];
        }
    }

    /** k = 0: the product is empty, so C = α·0 + β·C, as the reference computes it. */
    static void scaleOnly(int m, int n, float alpha, float beta, float[] c, int cOff, int ldc) {
        float zero = alpha * 0f;
        for (int i = 0; i < m; i++) {
            for (int j = 0, at = cOff + i * ldc; j < n; j++, at++) {
                c[at] = beta == 0f ? zero : zero + beta * c[at];
            }
        }
    }
}
