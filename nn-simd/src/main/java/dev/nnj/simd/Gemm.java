package dev.nnj.simd;

import static dev.nnj.simd.GemmMicroKernel.L;
import static dev.nnj.simd.GemmMicroKernel.MR;
import static dev.nnj.simd.GemmMicroKernel.NR;
import static dev.nnj.simd.GemmMicroKernel.S;

import jdk.incubator.vector.FloatVector;

/**
 * Blocked, packed, multi-threaded SGEMM: C ← α·op(A)·op(B) + β·C on row-major storage.
 *
 * <p>Loop structure (as in BLIS/GotoBLAS): columns of C in chunks of at most {@link #NC_CHUNK}; within a
 * chunk, the depth in blocks of at most {@link #KC_MAX}; per depth block, op(B) is packed once into a
 * shared buffer (panels packed in parallel), then C is cut into tiles of at most {@link #MC_MAX} rows
 * that the threads claim one at a time; a tile packs its rows of op(A) into the thread's own buffer and
 * runs the register kernel over every MR×NR block.
 *
 * <p>Thin products (a few rows, or a narrow NT output) go to {@link GemmSmall} instead, which reads the
 * operands in place.
 *
 * <p>Determinism: each element of C is computed by one kernel call per depth block, in a fixed order of
 * depth blocks whose boundaries depend only on k. Tiling and thread count change who computes an
 * element, never how, so output is bit-identical for any thread count.
 *
 * <p>Buffers (per-thread packed A and result tile, shared packed B) are allocated once and grown only
 * when a larger operand arrives, so steady-state calls allocate nothing. Calls are serialised on this
 * object because those buffers are shared.
 */
final class Gemm implements AutoCloseable {

    /**
     * Depth block. A B micro-panel of KC_MAX×NR floats (32 KB with 512-bit vectors) stays in L1 while the
     * kernel sweeps the A panels of a tile. 384 and 512 measured within noise of 256 on the MLP shapes and
     * 128 about 5% slower (more passes over C); 256 keeps the packing buffers small.
     */
    static final int KC_MAX = 256;
    /** Rows per tile: the tile's packed A (MC_MAX×KC_MAX, 120 KB) lives in the 1 MB L2. */
    static final int MC_MAX = 10 * MR;
    /** Columns per tile before splitting for parallelism. */
    static final int NC_TILE_MAX = 8 * NR;
    /** Columns of C per packed-B chunk: bounds the shared buffer to NC_CHUNK×KC_MAX floats (4 MB). */
    static final int NC_CHUNK = 128 * NR;
    /**
     * Below this many flops (2·m·n·k) the caller computes alone. Measured here: a parked worker starts
     * its first part ~16 µs after {@link WorkerPool#run} (median; ~3 µs if still spinning), while one
     * core runs ~200 GFLOP/s, so splitting a product only pays once it takes well over 2×16 µs alone:
     * 8 MFLOP is ~40 µs. (A hidden layer 128×128×256 is right at it; 128×256×784 is 6× above.)
     */
    static final long PARALLEL_MIN_FLOPS = 1L << 23;
    /** Tiles per thread to aim for, so dynamic claiming can rebalance when a thread is descheduled. */
    private static final int TILES_PER_THREAD = 4;

    private final WorkerPool pool;
    private final float[][] packedA;
    private final float[][] tiles;
    private float[] packedB = new float[0];

    // Arguments of the current call, read by the two jobs below (published by WorkerPool.run).
    private boolean transA;
    private boolean transB;
    private int m;
    private int n;
    private float alpha;
    private float[] a;
    private int aOff;
    private int lda;
    private float[] b;
    private int bOff;
    private int ldb;
    private float[] c;
    private int cOff;
    private int ldc;
    // Current chunk, depth block and tiling.
    private int j0;
    private int nc;
    private int p0;
    private int kc;
    private float blockBeta;
    private int tileRows;
    private int tileCols;
    private int colTiles;

    private final WorkerPool.Job packBJob = (part, thread) ->
            GemmPacking.packBPanel(transB, b, bOff, ldb, p0, kc, j0, part, j0 + nc, packedB, 0);
    private final WorkerPool.Job tileJob = this::computeTile;

    Gemm(WorkerPool pool) {
        this.pool = pool;
        int threads = pool.threads();
        packedA = new float[threads][MC_MAX * KC_MAX];
        tiles = new float[threads][MR * NR];
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
        if (GemmSmall.handles(transA, transB, m, n)) {
            if (transB) {
                GemmSmall.dotRows(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            } else {
                GemmSmall.combineRows(transA, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            }
            return;
        }
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.alpha = alpha;
        this.a = a;
        this.aOff = aOff;
        this.lda = lda;
        this.b = b;
        this.bOff = bOff;
        this.ldb = ldb;
        this.c = c;
        this.cOff = cOff;
        this.ldc = ldc;
        boolean parallel = pool.threads() > 1 && 2.0 * m * n * k >= PARALLEL_MIN_FLOPS;
        // Even depth blocks (784 → 3×262, not 256+256+256+16); boundaries depend on k alone.
        int depthBlocks = (k + KC_MAX - 1) / KC_MAX;
        int kcMax = (k + depthBlocks - 1) / depthBlocks;
        for (int jc = 0; jc < n; jc += NC_CHUNK) {
            j0 = jc;
            nc = Math.min(NC_CHUNK, n - jc);
            int panels = (nc + NR - 1) / NR;
            planTiles(m, nc, parallel ? pool.threads() * TILES_PER_THREAD : 1);
            int tileCount = ((m + tileRows - 1) / tileRows) * colTiles;
            ensurePackedB(panels * NR * kcMax);
            for (int pc = 0; pc < k; pc += kcMax) {
                p0 = pc;
                kc = Math.min(kcMax, k - pc);
                blockBeta = pc == 0 ? beta : 1f;
                if (parallel) {
                    pool.run(packBJob, panels);
                    pool.run(tileJob, tileCount);
                } else {
                    for (int q = 0; q < panels; q++) {
                        packBJob.run(q, 0);
                    }
                    for (int t = 0; t < tileCount; t++) {
                        computeTile(t, 0);
                    }
                }
            }
        }
        this.a = null; // do not keep the caller's arrays reachable
        this.b = null;
        this.c = null;
    }

    /**
     * Chooses tile sizes: at most MC_MAX × NC_TILE_MAX, multiples of MR × NR, balanced, and split further
     * (the longer side first) until there are {@code target} tiles or they reach one kernel block.
     */
    private void planTiles(int rows, int cols, int target) {
        int rowTiles = (rows + MC_MAX - 1) / MC_MAX;
        int colTilesWanted = (cols + NC_TILE_MAX - 1) / NC_TILE_MAX;
        while (rowTiles * colTilesWanted < target) {
            int r = ceilDiv(rows, rowTiles);
            int cl = ceilDiv(cols, colTilesWanted);
            if (r > MR && (r * 2 >= cl || cl <= NR)) {
                rowTiles++;
            } else if (cl > NR) {
                colTilesWanted++;
            } else {
                break;
            }
        }
        tileRows = roundUp(ceilDiv(rows, rowTiles), MR);
        tileCols = roundUp(ceilDiv(cols, colTilesWanted), NR);
        colTiles = ceilDiv(cols, tileCols);
    }

    /** One tile of the current chunk and depth block: pack its rows of op(A), then run every kernel block. */
    private void computeTile(int tile, int thread) {
        int i0 = (tile / colTiles) * tileRows;
        int rows = Math.min(tileRows, m - i0);
        int jt = (tile % colTiles) * tileCols;
        int cols = Math.min(tileCols, nc - jt);
        float[] pa = packedA[thread];
        float[] t = tiles[thread];
        GemmPacking.packA(transA, a, aOff, lda, i0, rows, p0, kc, pa);
        // Column panels outer, row panels inner: the kc×NR B micro-panel stays in L1 across the row sweep.
        for (int jr = 0; jr < cols; jr += NR) {
            int bi = (jt + jr) / NR * NR * kc;
            int w = Math.min(NR, cols - jr);
            for (int ir = 0; ir < rows; ir += MR) {
                GemmMicroKernel.multiply(kc, pa, ir * kc, packedB, bi, t);
                store(t, i0 + ir, Math.min(MR, rows - ir), j0 + jt + jr, w);
            }
        }
    }

    /** C[i.., j..] = α·tile + β'·C for the valid h×w corner of a kernel block (β' = 1 after the first depth block). */
    private void store(float[] t, int i, int h, int j, int w) {
        float al = alpha;
        float be = blockBeta;
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

    /** k = 0: the product is empty, so C = α·0 + β·C, as the reference computes it. */
    private static void scaleOnly(int m, int n, float alpha, float beta, float[] c, int cOff, int ldc) {
        float zero = alpha * 0f;
        for (int i = 0; i < m; i++) {
            for (int j = 0, at = cOff + i * ldc; j < n; j++, at++) {
                c[at] = beta == 0f ? zero : zero + beta * c[at];
            }
        }
    }

    private void ensurePackedB(int size) {
        if (packedB.length < size) {
            packedB = new float[size];
        }
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
