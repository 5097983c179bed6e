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
 * <p>Three kernels, reading A in place:
 * <ul>
 *   <li>NT (the forward pass, C = H·Wᵀ) with few rows: every C element is a dot product of two
 *       contiguous rows, done eight columns at a time so each loaded A vector feeds eight FMAs;</li>
 *   <li>NT at most one vector wide (the output layer of a batch): Bᵀ is copied once into a k×L buffer
 *       and each row of C becomes one vector accumulated over the depth, with no per-element reduction;</li>
 *   <li>NN and TN with few rows: each row of C is a linear combination of rows of B (an axpy per depth
 *       step), vectorised across the columns of C, eight vectors at a time.</li>
 * </ul>
 * They run on the calling thread; {@link Gemm} splits a large dot-product call by columns among its threads
 * (one sample through a wide layer), each column computed as in a single call. The choice of kernel
 * depends only on the shape, so results stay independent of the thread count.
 */
final class GemmSmall {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

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

    /**
     * C = α·A·Bᵀ + β·C with A m×k and B n×k, both row-major: dot products of rows, eight columns of C at a
     * time so each loaded A vector feeds eight FMAs (against four: 784→256 at one row within noise, 256→128
     * 2.2 → 1.8 µs, 256→256 4.5 → 3.1 µs). The eight sums pass through {@code sums} (at least 8 floats) to
     * their depth tails: a helper taking the vectors would box them.
     *
     * <p>Each of the eight rows of B has its own running index. Written as one index plus multiples of ldb,
     * the JIT moved the bounds checks out of the loop but computed every row's address with a move and an
     * add per load, and split the loop into pre-, main and post-loops; with the eight indices it keeps a
     * compare per load instead and one plain loop: one sample through 784→256 1.01–1.09× as fast, 256→128
     * 1.01–1.17×; the network's batch-1 inference a median 1.10× over eight JVMs, 0.89–1.46×, as where
     * the arrays fall against 64-byte lines changes from JVM to JVM and moves this loop by as much
     * (nn-bench/results/2026-12-07-thin-products).
     */
    static void dotRows(int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                        float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc, float[] sums) {
        int bound = S.loopBound(k);
        for (int i = 0; i < m; i++) {
            int ar = aOff + i * lda;
            int cr = cOff + i * ldc;
            int j = 0;
            for (; j + 8 <= n; j += 8) {
                int b0 = bOff + j * ldb;
                FloatVector s0 = FloatVector.zero(S);
                FloatVector s1 = s0;
                FloatVector s2 = s0;
                FloatVector s3 = s0;
                FloatVector s4 = s0;
                FloatVector s5 = s0;
                FloatVector s6 = s0;
                FloatVector s7 = s0;
                int p = 0;
                for (int x0 = ar, i0 = b0, i1 = i0 + ldb, i2 = i1 + ldb, i3 = i2 + ldb, i4 = i3 + ldb,
                     i5 = i4 + ldb, i6 = i5 + ldb, i7 = i6 + ldb; p < bound;
                     p += L, x0 += L, i0 += L, i1 += L, i2 += L, i3 += L, i4 += L, i5 += L, i6 += L, i7 += L) {
                    FloatVector x = FloatVector.fromArray(S, a, x0);
                    s0 = x.fma(FloatVector.fromArray(S, b, i0), s0);
                    s1 = x.fma(FloatVector.fromArray(S, b, i1), s1);
                    s2 = x.fma(FloatVector.fromArray(S, b, i2), s2);
                    s3 = x.fma(FloatVector.fromArray(S, b, i3), s3);
                    s4 = x.fma(FloatVector.fromArray(S, b, i4), s4);
                    s5 = x.fma(FloatVector.fromArray(S, b, i5), s5);
                    s6 = x.fma(FloatVector.fromArray(S, b, i6), s6);
                    s7 = x.fma(FloatVector.fromArray(S, b, i7), s7);
                }
                sums[0] = s0.reduceLanes(VectorOperators.ADD);
                sums[1] = s1.reduceLanes(VectorOperators.ADD);
                sums[2] = s2.reduceLanes(VectorOperators.ADD);
                sums[3] = s3.reduceLanes(VectorOperators.ADD);
                sums[4] = s4.reduceLanes(VectorOperators.ADD);
                sums[5] = s5.reduceLanes(VectorOperators.ADD);
                sums[6] = s6.reduceLanes(VectorOperators.ADD);
                sums[7] = s7.reduceLanes(VectorOperators.ADD);
                for (int q = 0; q < 8; q++) {
                    float d = sums[q];
                    for (int pt = p, bq = b0 + q * ldb; pt < k; pt++) {
                        d += a[ar + pt] * b[bq + pt];
                    }
                    store(c, cr + j + q, alpha, d, beta);
                }
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
     * Eight vectors of C columns per sweep over the depth (eight independent FMA chains: four left the
     * loop latency-bound, ~30% slower on 4×784×256), then four, then one vector, then scalar columns.
     * {@code scratch} holds the accumulators on their way to C: at least 8·L floats.
     */
    static void combineRows(boolean transA, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                            float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc,
                            float[] scratch) {
        // op(A)[i, p] is at a[ai + p*ap]
        int ap = transA ? lda : 1;
        for (int i = 0; i < m; i++) {
            int ai = aOff + (transA ? i : i * lda);
            int cr = cOff + i * ldc;
            int j = 0;
            for (; j + 8 * L <= n; j += 8 * L) {
                FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
                for (int p = 0, at = ai, br = bOff + j; p < k; p++, at += ap, br += ldb) {
                    FloatVector x = FloatVector.broadcast(S, a[at]);
                    s0 = x.fma(FloatVector.fromArray(S, b, br), s0);
                    s1 = x.fma(FloatVector.fromArray(S, b, br + L), s1);
                    s2 = x.fma(FloatVector.fromArray(S, b, br + 2 * L), s2);
                    s3 = x.fma(FloatVector.fromArray(S, b, br + 3 * L), s3);
                    s4 = x.fma(FloatVector.fromArray(S, b, br + 4 * L), s4);
                    s5 = x.fma(FloatVector.fromArray(S, b, br + 5 * L), s5);
                    s6 = x.fma(FloatVector.fromArray(S, b, br + 6 * L), s6);
                    s7 = x.fma(FloatVector.fromArray(S, b, br + 7 * L), s7);
                }
                s0.intoArray(scratch, 0);
                s1.intoArray(scratch, L);
                s2.intoArray(scratch, 2 * L);
                s3.intoArray(scratch, 3 * L);
                s4.intoArray(scratch, 4 * L);
                s5.intoArray(scratch, 5 * L);
                s6.intoArray(scratch, 6 * L);
                s7.intoArray(scratch, 7 * L);
                storeVectors(c, cr + j, 8, alpha, beta, scratch);
            }
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
                s0.intoArray(scratch, 0);
                s1.intoArray(scratch, L);
                s2.intoArray(scratch, 2 * L);
                s3.intoArray(scratch, 3 * L);
                storeVectors(c, cr + j, 4, alpha, beta, scratch);
            }
            for (; j + L <= n; j += L) {
                FloatVector s = FloatVector.zero(S);
                for (int p = 0, at = ai, br = bOff + j; p < k; p++, at += ap, br += ldb) {
                    s = FloatVector.broadcast(S, a[at]).fma(FloatVector.fromArray(S, b, br), s);
                }
                s.intoArray(scratch, 0);
                storeVectors(c, cr + j, 1, alpha, beta, scratch);
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

    /**
     * True for NT products at most one vector wide with enough rows for {@link #narrowColumns}: the output
     * layer (n = 10 classes) of a batch. Fewer rows stay with {@link #dotRows}, which reads B only once.
     */
    static boolean narrow(boolean transA, boolean transB, int m, int n) {
        return transB && !transA && n <= L && m >= MR / 2;
    }

    /**
     * C = α·A·Bᵀ + β·C with A m×k, B n×k row-major and n ≤ L. Bᵀ is first copied into {@code bt} (k×L,
     * zero-padded, at least k·L + 8·L floats; the last 8·L hold result rows) so that a whole row of C is
     * one vector, Σ_p A[i, p]·Bᵀ[p, ·]: no horizontal reduction per element, which is what {@link #dotRows}
     * spends most of its time on when n = 10. Eight rows at a time give eight independent FMA chains,
     * enough to cover the FMA latency on two pipes.
     */
    static void narrowColumns(int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                              float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc, float[] bt) {
        // Each row of B read sequentially (filling Bᵀ row by row reads the n rows of B in turn for every
        // depth step: 1.8× slower at 10×128).
        GemmPacking.transposeColumns(b, bOff, ldb, k, n, L, bt, 0);
        int rows = k * L; // eight result rows after Bᵀ, when they are stored to C by scalars
        // With α = 1, β = 0 and C's rows contiguous (a layer's forward product), a row is stored as one whole
        // vector: its lanes past column n − 1 land on the next row, which is stored after it, so only a row
        // block whose last row would reach past C's end goes through the scalar stores. Against scalar stores
        // for every row, in one JVM: 32×128·128×10 1.07–1.09×, 128×128·128×10 1.11×, 64×784·784×10 1.02–1.03×
        // (nn-bench/results/2026-12-07-packed-a).
        boolean wholeRows = alpha == 1f && beta == 0f && ldc == n;
        int cEnd = cOff + m * ldc;
        int i = 0;
        for (; i + 8 <= m; i += 8) {
            int a0 = aOff + i * lda;
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
            for (int p = 0, at = 0; p < k; p++, at += L) {
                FloatVector x = FloatVector.fromArray(S, bt, at);
                int ap = a0 + p;
                s0 = FloatVector.broadcast(S, a[ap]).fma(x, s0);
                s1 = FloatVector.broadcast(S, a[ap + lda]).fma(x, s1);
                s2 = FloatVector.broadcast(S, a[ap + 2 * lda]).fma(x, s2);
                s3 = FloatVector.broadcast(S, a[ap + 3 * lda]).fma(x, s3);
                s4 = FloatVector.broadcast(S, a[ap + 4 * lda]).fma(x, s4);
                s5 = FloatVector.broadcast(S, a[ap + 5 * lda]).fma(x, s5);
                s6 = FloatVector.broadcast(S, a[ap + 6 * lda]).fma(x, s6);
                s7 = FloatVector.broadcast(S, a[ap + 7 * lda]).fma(x, s7);
            }
            int c0 = cOff + i * ldc;
            if (wholeRows && c0 + 7 * ldc + L <= cEnd) {
                s0.intoArray(c, c0);
                s1.intoArray(c, c0 + ldc);
                s2.intoArray(c, c0 + 2 * ldc);
                s3.intoArray(c, c0 + 3 * ldc);
                s4.intoArray(c, c0 + 4 * ldc);
                s5.intoArray(c, c0 + 5 * ldc);
                s6.intoArray(c, c0 + 6 * ldc);
                s7.intoArray(c, c0 + 7 * ldc);
                continue;
            }
            s0.intoArray(bt, rows);
            s1.intoArray(bt, rows + L);
            s2.intoArray(bt, rows + 2 * L);
            s3.intoArray(bt, rows + 3 * L);
            s4.intoArray(bt, rows + 4 * L);
            s5.intoArray(bt, rows + 5 * L);
            s6.intoArray(bt, rows + 6 * L);
            s7.intoArray(bt, rows + 7 * L);
            storeRows(c, c0, ldc, 8, n, alpha, beta, bt, rows);
        }
        for (; i < m; i++) {
            int ap = aOff + i * lda;
            FloatVector s = FloatVector.zero(S);
            for (int p = 0, at = 0; p < k; p++, at += L) {
                s = FloatVector.broadcast(S, a[ap + p]).fma(FloatVector.fromArray(S, bt, at), s);
            }
            s.intoArray(bt, rows);
            storeRows(c, cOff + i * ldc, ldc, 1, n, alpha, beta, bt, rows);
        }
    }

    // The kernels hand their accumulators to the stores below through a scratch array, never as
    // FloatVector arguments: when the JIT does not inline a store (its call sites run once per row, so it
    // may count them as cold), a vector argument is boxed, and the output layer at batch 32 allocated
    // 3 KB per training step that way.

    /** C[at + r·ldc + j] = α·scratch[from + r·L + j] + β·C for r &lt; count rows and j &lt; n ≤ L columns. */
    private static void storeRows(float[] c, int at, int ldc, int count, int n, float alpha, float beta,
                                  float[] scratch, int from) {
        for (int r = 0; r < count; r++) {
            for (int j = 0; j < n; j++) {
                store(c, at + r * ldc + j, alpha, scratch[from + r * L + j], beta);
            }
        }
    }

    /** C[at + v·L ..] = α·scratch[v·L ..] + β·C for count whole vectors, not reading C when β = 0. */
    private static void storeVectors(float[] c, int at, int count, float alpha, float beta, float[] scratch) {
        for (int v = 0; v < count * L; v += L) {
            FloatVector x = FloatVector.fromArray(S, scratch, v).mul(alpha);
            if (beta != 0f) {
                x = x.add(FloatVector.fromArray(S, c, at + v).mul(beta));
            }
            x.intoArray(c, at + v);
        }
    }

    /** C = α·sum + β·C, not reading C when β = 0. */
    private static void store(float[] c, int at, float alpha, float sum, float beta) {
        c[at] = beta == 0f ? alpha * sum : alpha * sum + beta * c[at];
    }
}
