package dev.nnj.simd;

import static dev.nnj.simd.GemmMicroKernel.L;
import static dev.nnj.simd.GemmMicroKernel.MR;
import static dev.nnj.simd.GemmMicroKernel.NR;
import static dev.nnj.simd.GemmMicroKernel.S;

import jdk.incubator.vector.FloatVector;

/**
 * Blocked, packed, multi-threaded SGEMM: C ← α·op(A)·op(B) + β·C on row-major storage.
 *
 * <p>Loop structure (after BLIS/GotoBLAS): C is processed in chunks of rows and columns (one chunk unless
 * the operands are very large). Per chunk, op(B) is packed once, over the whole depth, into a shared
 * buffer of NR-column panels (the panels are packed in parallel); then C is cut into tiles that the
 * threads claim one at a time. A tile walks the depth in blocks of at most {@link #KC_MAX} and runs the
 * register kernel over each of its MR×NR blocks, adding into C. So a call hands work to the threads
 * twice per chunk, whatever its depth: each hand-off ends with a wait for the slowest part, and on a
 * shared machine that part's thread may have been descheduled.
 *
 * <p>What is packed depends on the layout, because a transposing copy costs about a nanosecond per
 * element while a plain copy is nearly free:
 * <ul>
 *   <li>A row-major op(A) (NN, NT) is not packed at all: the kernel broadcasts from MR rows of A in place.
 *       A stored transposed (TN) is packed, which for it is a copy of MR adjacent values per depth step.</li>
 *   <li>NT with fewer rows than columns (the forward pass X·Wᵀ at a batch smaller than the layer) is
 *       computed as Cᵀ = W·Xᵀ: W is then the operand read in place and only X, the smaller one, is
 *       transposed into panels. Its whole depth is one block, so each element of C is stored once,
 *       transposed. At batch 32 this made the 784→256 forward product 1.8× faster.</li>
 * </ul>
 *
 * <p>Thin products (a few rows, or a narrow NT output) go to {@link GemmSmall} instead, which reads A in
 * place and copies at most a narrow Bᵀ.
 *
 * <p>Determinism: each element of C is computed by one kernel call per depth block, in a fixed order of
 * depth blocks whose boundaries depend only on the shape. Tiling and thread count change who computes an
 * element, never how, so output is bit-identical for any thread count.
 *
 * <p>Buffers (shared packed A and B, a result tile per thread) are allocated once and grown only when a
 * larger operand arrives, so steady-state calls allocate nothing. Calls are serialised on this object
 * because those buffers are shared.
 */
final class Gemm implements AutoCloseable {

    /**
     * Depth block. A B micro-panel of KC_MAX×NR floats (32 KB with 512-bit vectors) stays in L1 while the
     * kernel sweeps the A panels of a tile. 384 and 512 measured within noise of 256 on the MLP shapes and
     * 128 about 5% slower (more passes over C).
     */
    static final int KC_MAX = 256;
    /** Rows per tile at most: a tile's A block (MC_MAX×KC_MAX floats, 120 KB) stays in the 1 MB L2. */
    static final int MC_MAX = 10 * MR;
    /** Columns per tile at most: a tile's B block (KC_MAX×NC_TILE_MAX floats, 256 KB) stays in L2 too. */
    static final int NC_TILE_MAX = 8 * NR;
    /**
     * Floats per packed operand at most (16 MB each): a chunk holds its rows (columns) over the whole
     * depth, so very large operands are cut into chunks of fewer rows (columns).
     */
    static final int PACKED_MAX = 1 << 22;
    /**
     * Below this many flops (2·m·n·k) the caller computes alone. Measured here: a parked worker starts
     * its first part ~16 µs after {@link WorkerPool#run} (median; ~3 µs if still spinning), while one
     * core runs ~200 GFLOP/s, so splitting a product only pays once it takes well over 2×16 µs alone:
     * 8 MFLOP is ~40 µs. (A hidden layer 128×128×256 is right at it; 128×256×784 is 6× above.)
     */
    static final long PARALLEL_MIN_FLOPS = 1L << 23;
    /**
     * Deepest NT product computed transposed (see {@link #sgemm}): its whole depth is one block, so a
     * packed panel of op(B), depth×NR floats (128 KB at 1024), must stay in L2 while the kernel streams it.
     */
    static final int TRANSPOSED_MAX_DEPTH = 1024;
    /** Tiles per thread to aim for, so dynamic claiming can rebalance when a thread is descheduled. */
    private static final int TILES_PER_THREAD = 4;

    private final WorkerPool pool;
    private final float[][] tiles;
    private float[] packedA = new float[0];
    private float[] packedB = new float[0];

    // Arguments of the current call, read by the two jobs below (published by WorkerPool.run).
    private boolean transA;
    private boolean transB;
    private int m;
    private int n;
    private int k;
    private float alpha;
    private float beta;
    private float[] a;
    private int aOff;
    private int lda;
    private float[] b;
    private int bOff;
    private int ldb;
    private float[] c;
    private int cOff;
    private int ldc;
    /** The kernel reads op(A) = A in place, row by row, instead of from packed panels. */
    private boolean aInPlace;
    /** The product computed is Cᵀ: element (i, j) of the product goes to C[j, i]. */
    private boolean transposedOut;
    // Current chunk (rows i0.., columns j0..), its panels, depth blocking and tiling.
    private int i0;
    private int mc;
    private int j0;
    private int nc;
    private int panelsA;
    private int kcMax;
    private int tileRows;
    private int tileCols;
    private int colTiles;

    /** Parts 0..panelsA−1 pack A panels (none when A is read in place), the rest B panels, in one hand-off. */
    private final WorkerPool.Job packJob = (part, thread) -> {
        if (part < panelsA) {
            GemmPacking.packAPanel(transA, a, aOff, lda, 0, k, i0, part, i0 + mc, packedA, 0);
        } else {
            GemmPacking.packBPanel(transB, b, bOff, ldb, 0, k, j0, part - panelsA, j0 + nc, packedB, 0);
        }
    };
    private final WorkerPool.Job tileJob = (tile, thread) -> computeTile(tile, thread, 0, k, k, 0);

    Gemm(WorkerPool pool) {
        this.pool = pool;
        tiles = new float[pool.threads()][MR * NR];
    }

    synchronized void sgemm(boolean transA, boolean transB, int m, int n, int k,
                            float alpha, float[] a, int aOff, int lda,
                            float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0) {
            scaleOnly(m, n, alpha, beta, c, cOff, ldc);
            return;
        }
        if (GemmSmall.narrow(transA, transB, m, n)) {
            // The packed-B buffer doubles as the k×L copy of Bᵀ; it is free between calls.
            packedB = grow(packedB, (k + 1) * GemmSmall.L);
            GemmSmall.narrowColumns(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, packedB);
            return;
        }
        if (GemmSmall.handles(transA, transB, m, n)) {
            if (transB) {
                GemmSmall.dotRows(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            } else {
                GemmSmall.combineRows(transA, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            }
            return;
        }
        // NT with fewer rows than columns (the forward pass, C = X·Wᵀ, at batch ≤ width): computing
        // Cᵀ = W·Xᵀ reads W in place and packs (transposes) only X, the smaller operand, instead of W.
        // Its whole depth is one block, so each element of C is stored once, transposed.
        transposedOut = transB && !transA && m < n && k <= TRANSPOSED_MAX_DEPTH;
        if (transposedOut) {
            setOperands(n, m, b, bOff, ldb, a, aOff, lda);
        } else {
            setOperands(m, n, a, aOff, lda, b, bOff, ldb);
        }
        this.transA = transA;
        this.transB = transB;
        this.k = k;
        this.alpha = alpha;
        this.beta = beta;
        this.c = c;
        this.cOff = cOff;
        this.ldc = ldc;
        // Row-major A needs no packing: its rows are read in place (a transposed A is packed, which for
        // it is a plain copy of MR adjacent values per depth step).
        aInPlace = !transA;
        boolean parallel = pool.threads() > 1 && 2.0 * m * n * k >= PARALLEL_MIN_FLOPS;
        // Even depth blocks (784 → 4×196, not 256+256+256+16); boundaries depend on k alone.
        int depthBlocks = transposedOut ? 1 : ceilDiv(k, KC_MAX);
        kcMax = ceilDiv(k, depthBlocks);
        m = this.m;
        n = this.n;
        int rowChunk = Math.max(MR, PACKED_MAX / k / MR * MR);
        int colChunk = Math.max(NR, PACKED_MAX / k / NR * NR);
        for (int ic = 0; ic < m; ic += rowChunk) {
            for (int jc = 0; jc < n; jc += colChunk) {
                runChunk(ic, Math.min(rowChunk, m - ic), jc, Math.min(colChunk, n - jc), parallel);
            }
        }
        this.a = null; // do not keep the caller's arrays reachable
        this.b = null;
        this.c = null;
    }

    private void setOperands(int m, int n, float[] a, int aOff, int lda, float[] b, int bOff, int ldb) {
        this.m = m;
        this.n = n;
        this.a = a;
        this.aOff = aOff;
        this.lda = lda;
        this.b = b;
        this.bOff = bOff;
        this.ldb = ldb;
    }

    private void runChunk(int ic, int rows, int jc, int cols, boolean parallel) {
        i0 = ic;
        mc = rows;
        j0 = jc;
        nc = cols;
        panelsA = aInPlace ? 0 : ceilDiv(rows, MR);
        int panelsB = ceilDiv(cols, NR);
        packedA = grow(packedA, panelsA * MR * k);
        packedB = grow(packedB, panelsB * NR * k);
        planTiles(rows, cols, parallel ? pool.threads() * TILES_PER_THREAD : 1);
        int tileCount = ceilDiv(rows, tileRows) * colTiles;
        if (parallel) {
            pool.run(packJob, panelsA + panelsB);
            pool.run(tileJob, tileCount);
        } else {
            // Depth blocks outer, each packed just before use: the packed blocks (at most KC_MAX deep) stay
            // in L2 while every row tile reuses them. Packing the whole depth first overflowed L2 on the
            // MLP shapes (784 deep: 1.2 MB packed for 128×784×256), so the kernels streamed it from L3.
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                for (int q = 0; q < panelsA; q++) {
                    GemmPacking.packAPanel(transA, a, aOff, lda, pc, kc, i0, q, i0 + mc, packedA, 0);
                }
                for (int q = 0; q < panelsB; q++) {
                    GemmPacking.packBPanel(transB, b, bOff, ldb, pc, kc, j0, q, j0 + nc, packedB, 0);
                }
                for (int t = 0; t < tileCount; t++) {
                    computeTile(t, 0, pc, pc + kc, kc, pc);
                }
            }
        }
    }

    /**
     * Chooses tile sizes: at most MC_MAX × NC_TILE_MAX, multiples of MR × NR, balanced, and split further
     * until there are {@code target} tiles or they reach one kernel block. Rows are split first (down to
     * two kernel blocks) since taller tiles reuse each B micro-panel from L1 more often, but a narrower
     * tile costs nothing extra now that A is packed once.
     */
    private void planTiles(int rows, int cols, int target) {
        int rowTiles = ceilDiv(rows, MC_MAX);
        int colTilesWanted = ceilDiv(cols, NC_TILE_MAX);
        while (rowTiles * colTilesWanted < target) {
            int r = ceilDiv(rows, rowTiles);
            int cl = ceilDiv(cols, colTilesWanted);
            if (r > 2 * MR && r * 2 >= cl) {
                rowTiles++;
            } else if (cl > NR) {
                colTilesWanted++;
            } else if (r > MR) {
                rowTiles++;
            } else {
                break;
            }
        }
        tileRows = roundUp(ceilDiv(rows, rowTiles), MR);
        tileCols = roundUp(ceilDiv(cols, colTilesWanted), NR);
        colTiles = ceilDiv(cols, tileCols);
    }

    /**
     * Depth blocks starting in [pcFrom, pcTo) of one tile of the current chunk, in depth order: for each,
     * every MR×NR kernel block of the tile, column panels outer so the kc×NR B micro-panel stays in L1
     * across the tile's rows. The packed panels hold depth packedFrom.. and are packedDepth deep.
     */
    private void computeTile(int tile, int thread, int pcFrom, int pcTo, int packedDepth, int packedFrom) {
        int it = (tile / colTiles) * tileRows;
        int rows = Math.min(tileRows, mc - it);
        int jt = (tile % colTiles) * tileCols;
        int cols = Math.min(tileCols, nc - jt);
        float[] t = tiles[thread];
        for (int pc = pcFrom; pc < pcTo && pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            float blockBeta = pc == 0 ? beta : 1f;
            for (int jr = 0; jr < cols; jr += NR) {
                int bi = (jt + jr) / NR * NR * packedDepth + (pc - packedFrom) * NR;
                int w = Math.min(NR, cols - jr);
                for (int ir = 0; ir < rows; ir += MR) {
                    int h = Math.min(MR, rows - ir);
                    if (aInPlace) {
                        int ai = aOff + (i0 + it + ir) * lda + pc;
                        GemmMicroKernel.multiplyRows(kc, a, ai, lda, h, packedB, bi, t);
                    } else {
                        int ai = (it + ir) / MR * MR * packedDepth + (pc - packedFrom) * MR;
                        GemmMicroKernel.multiply(kc, packedA, ai, packedB, bi, t);
                    }
                    if (transposedOut) {
                        storeTransposed(t, i0 + it + ir, h, j0 + jt + jr, w, blockBeta);
                    } else {
                        store(t, i0 + it + ir, h, j0 + jt + jr, w, blockBeta);
                    }
                }
            }
        }
    }

    /** C[i.., j..] = α·tile + β'·C for the valid h×w corner of a kernel block (β' = 1 after the first depth block). */
    private void store(float[] t, int i, int h, int j, int w, float be) {
        float al = alpha;
        int row = cOff + i * ldc + j;
        if (w == NR) {
            FloatVector va = FloatVector.broadcast(S, al);
            for (int r = 0; r < h; r++, row += ldc) {
                for (int v = 0; v < NR; v += L) {
                    FloatVector x = FloatVector.fromArray(S, t, r * NR + v).mul(va);
                    if (be != 0f) { // β = 0: C is write-only, so NaN or garbage in it cannot propagate
                        x = x.add(FloatVector.fromArray(S, c, row + v).mul(be));
                    }
                    x.intoArray(c, row + v);
                }
            }
        } else {
            // Partial block at the right edge: scalar, with the same operations as the vector path.
            for (int r = 0; r < h; r++, row += ldc) {
                for (int x = 0; x < w; x++) {
                    float v = al * t[r * NR + x];
                    c[row + x] = be == 0f ? v : v + be * c[row + x];
                }
            }
        }
    }

    /**
     * C[j.., i..] = α·tileᵀ + β'·C for the valid h×w corner of a kernel block of the transposed product:
     * each of the w rows of C gets h adjacent values, one from each row of the tile.
     */
    private void storeTransposed(float[] t, int i, int h, int j, int w, float be) {
        float al = alpha;
        for (int x = 0, row = cOff + j * ldc + i; x < w; x++, row += ldc) {
            for (int r = 0; r < h; r++) {
                float v = al * t[r * NR + x];
                c[row + r] = be == 0f ? v : v + be * c[row + r];
            }
        }
    }

    /** k = 0: the product is empty, so C = α·0 + β·C, as the reference computes it. */
    private static void scaleOnly(int m, int n, float alpha, float beta, float[] c, int cOff, int ldc) {
        float zero = alpha * 0f;
        for (int i = 0; i < m; i++) {
            for (int j = 0, at = cOff + i * ldc; j < n; j++, at++) {
                c[at] = beta == 0f ? zero : zero + beta * c[at];
            }
        }
    }

    private static float[] grow(float[] buffer, int size) {
        return buffer.length >= size ? buffer : new float[size];
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    private static int roundUp(int x, int multiple) {
        return ceilDiv(x, multiple) * multiple;
    }

    @Override
    public void close() {
        pool.close();
    }

    Thread[] workerThreads() {
        return pool.workerThreads();
    }
}
