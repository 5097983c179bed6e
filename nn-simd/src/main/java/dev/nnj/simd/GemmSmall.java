package dev.nnj.simd;

import static dev.nnj.simd.GemmMicroKernel.MR;
import static dev.nnj.simd.GemmMicroKernel.NR;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Unpacked SGEMM for thin products, where the packed path would spend most of its time packing and
 * padding: one sample through a layer (m = 1), or a narrow output layer (n = 10 classes).
 *
 * <p>Two kernels, both reading the operands in place:
 * <ul>
 *   <li>NT (the forward pass, C = H·Wᵀ): every C element is a dot product of two contiguous rows, done
 *       four columns at a time so each loaded A vector feeds four FMAs;</li>
 *   <li>NN and TN with few rows: each row of C is a linear combination of rows of B (an axpy per depth
 *       step), vectorised across the columns of C, four vectors at a time.</li>
 * </ul>
 * They run on the calling thread: they are memory-bound, and thin products are small.
 * The choice depends only on the shape, so results stay independent of the thread count.
 */
final class GemmSmall {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private GemmSmall() {
    }

    /**
     * True for shapes this class handles: fewer than MR/2 rows (packing would pad a 12-row block), or for
     * NT also fewer than NR/2 columns (a 32-column panel more than half padding).
     */
    static boolean handles(boolean transA, boolean transB, int m, int n) {
        if (transB) {
            return !transA && (m < MR / 2 || n < NR / 2);
        }
        return m < MR / 2;
    }

    /** C = α·A·Bᵀ + β·C with A m×k and B n×k, both row-major: dot products of rows. */
    static void dotRows(int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                        float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int bound = S.loopBound(k);
        for (int i = 0; i < m; i++) {
            int ar = aOff + i * lda;
            int cr = cOff + i * ldc;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                int b0 = bOff + j * ldb;
                int b1 = b0 + ldb;
                int b2 = b1 + ldb;
                int b3 = b2 + ldb;
                FloatVector s0 = FloatVector.zero(S);
                FloatVector s1 = s0;
                FloatVector s2 = s0;
                FloatVector s3 = s0;
                int p = 0;
                for (; p < bound; p += L) {
                    FloatVector x = FloatVector.fromArray(S, a, ar + p);
                    s0 = x.fma(FloatVector.fromArray(S, b, b0 + p), s0);
                    s1 = x.fma(FloatVector.fromArray(S, b, b1 + p), s1);
                    s2 = x.fma(FloatVector.fromArray(S, b, b2 + p), s2);
                    s3 = x.fma(FloatVector.fromArray(S, b, b3 + p), s3);
                }
                float d0 = s0.reduceLanes(VectorOperators.ADD);
                float d1 = s1.reduceLanes(VectorOperators.ADD);
                float d2 = s2.reduceLanes(VectorOperators.ADD);
                float d3 = s3.reduceLanes(VectorOperators.ADD);
                for (; p < k; p++) {
                    float x = a[ar + p];
                    d0 += x * b[b0 + p];
                    d1 += x * b[b1 + p];
                    d2 += x * b[b2 + p];
                    d3 += x * b[b3 + p];
                }
                store(c, cr + j, alpha, d0, beta);
                store(c, cr + j + 1, alpha, d1, beta);
                store(c, cr + j + 2, alpha, d2, beta);
                store(c, cr + j + 3, alpha, d3, beta);
            }
            for (; j < n; j++) {
                int br = bOff + j * ldb;
                FloatVector s = FloatVector.zero(S);
                int p = 0;
                for (; p < bound; p += L) {
                    s = FloatVector.fromArray(S, a, ar + p).fma(FloatVector.fromArray(S, b, br + p), s);
                }
                float d = s.reduceLanes(VectorOperators.ADD);
                for (; p < k; p++) {
                    d += a[ar + p] * b[br + p];
                }
                store(c, cr + j, alpha, d, beta);
            }
        }
    }

    /**
     * C = α·op(A)·B + β·C with B k×n row-major: row i of C accumulates op(A)[i, p]·(row p of B) over p.
     * Four vectors of C columns per sweep over the depth, then one vector, then scalar columns.
     */
    static void combineRows(boolean transA, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                            float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        // op(A)[i, p] is at a[ai + p*ap]
        int ap = transA ? lda : 1;
        for (int i = 0; i < m; i++) {
            int ai = aOff + (transA ? i : i * lda);
            int cr = cOff + i * ldc;
            int j = 0;
            for (; j + 4 * L <= n; j += 4 * L) {
                FloatVector s0 = FloatVector.zero(S);
                FloatVector s1 = s0;
                FloatVector s2 = s0;
                FloatVector s3 = s0;
                for (int p = 0, at = ai, br = bOff + j; p < k; p++, at += ap, br += ldb) {
                    FloatVector x = FloatVector.broadcast(S, a[at]);
                    s0 = x.fma(FloatVector.fromArray(S, b, br), s0);
                    s1 = x.fma(FloatVector.fromArray(S, b, br + L), s1);
                    s2 = x.fma(FloatVector.fromArray(S, b, br + 2 * L), s2);
                    s3 = x.fma(FloatVector.fromArray(S, b, br + 3 * L), s3);
                }
                store(c, cr + j, alpha, s0, beta);
                store(c, cr + j + L, alpha, s1, beta);
                store(c, cr + j + 2 * L, alpha, s2, beta);
                store(c, cr + j + 3 * L, alpha, s3, beta);
            }
            for (; j + L <= n; j += L) {
                FloatVector s = FloatVector.zero(S);
                for (int p = 0, at = ai, br = bOff + j; p < k; p++, at += ap, br += ldb) {
                    s = FloatVector.broadcast(S, a[at]).fma(FloatVector.fromArray(S, b, br), s);
                }
                store(c, cr + j, alpha, s, beta);
            }
            for (; j < n; j++) {
                float s = 0f;
                for (int p = 0, at = ai, br = bOff + j; p < k; p++, at += ap, br += ldb) {
                    s = Math.fma(a[at], b[br], s);
                }
                store(c, cr + j, alpha, s, beta);
            }
        }
    }

    /** C = α·sum + β·C, not reading C when β = 0. */
    private static void store(float[] c, int at, float alpha, float sum, float beta) {
        c[at] = beta == 0f ? alpha * sum : alpha * sum + beta * c[at];
    }

    private static void store(float[] c, int at, float alpha, FloatVector sum, float beta) {
        FloatVector v = sum.mul(alpha);
        if (beta != 0f) {
            v = v.add(FloatVector.fromArray(S, c, at).mul(beta));
        }
        v.intoArray(c, at);
    }
}
