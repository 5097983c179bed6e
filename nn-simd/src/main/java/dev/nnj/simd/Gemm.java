package dev.nnj.simd;

import static dev.nnj.simd.GemmMicroKernel.MR;
import static dev.nnj.simd.GemmMicroKernel.NR;

/**
 * Blocked, packed, multi-threaded SGEMM: C ← α·op(A)·op(B) + β·C on row-major storage.
 *
 * <p>Loop structure (after BLIS/GotoBLAS): C is processed in chunks of columns (one chunk unless the
 * product is very deep), and each chunk is cut into tiles ({@link GemmTilePlan}). A tile
 * walks the depth in blocks of at most {@link #KC_MAX} (A transposed) or {@link #KC_MAX_ROW_MAJOR_A}
 * (A row-major) and runs the register kernel over each of its MR×NR blocks (its last rows in blocks of
 * eight, {@link GemmEdgeKernel}, and a last panel of at most one vector of columns with
 * {@link GemmNarrowKernel}). The kernel writes a block straight from its registers into C when the block
 * is full and final (α = 1, β = 0 on the first depth block, as in training), else into a small tile
 * buffer that is then scaled and added into C.
 * <ul>
 *   <li>On one thread, the depth blocks are outermost: op(B)'s block is packed into NR-column panels
 *       just before the tiles use it, so the packed block stays in L2.</li>
 *   <li>On several threads, a chunk is one hand-off to the {@link WorkerPool}, which gives each thread a
 *       contiguous range of tiles, and lets idle threads take over the tiles of a late one. A range covers
 *       whole tile columns of C, or, for TN and a transposed NT, whole rows (see {@link #runChunk}). Each
 *       thread packs the B columns of its tile, over the whole depth, into its own buffer, and keeps them
 *       for its next tile of the same tile column. Packing into one shared buffer in a separate parallel
 *       phase was slower: the tiles then read panels that the other core had written, and the phase
 *       added a second hand-off per call. The 128×256×128 products of a training step went from no gain
 *       at all on two threads to 1.7–1.8×.</li>
 * </ul>
 *
 * <p>A is read in place, the kernel broadcasting from MR adjacent values per depth step of a transposed A
 * (TN) or from MR rows of a row-major one (NN, NT), except that a row-major A of a one-thread product at
 * most {@link #KC_MAX} deep and wide enough is first copied transposed, a tile row at a time
 * ({@link GemmBlockKernels#packsA}), and a row-major A whose stride would start most of the MR rows in one
 * L1 set (a multiple of 1024 floats) is copied at a padded stride ({@link GemmTileRowsA}). Otherwise only
 * op(B) is packed,
 * which for a transposed B (NT) is a transposing copy, in 16×16 register blocks ({@link TransposeBlock});
 * a row-major B is read in place too when op(A) has at most MR rows ({@link #readsPanelInPlace}). So NT
 * with fewer rows than columns (the forward pass X·Wᵀ at a batch smaller than the layer) is computed as
 * Cᵀ = W·Xᵀ: W is then the operand read in place and only X, the smaller one, is transposed into
 * panels. Its whole
 * depth is one block, so each element of C is stored once, transposed ({@link GemmStores}). At batch 32
 * this made the 784→256 forward product 1.8× faster. Cutting that depth into blocks of KC_MAX, so the
 * panel of Xᵀ fits in L1 and C is added to in four passes, made it 7–20% slower at batch 32 and 128.
 *
 * <p>Thin products (a few rows, or a narrow NT output) go to {@link GemmSmall} instead, which reads A in
 * place and copies at most a narrow Bᵀ; NN products at most {@link GemmShortDepth#MAX_DEPTH} deep (the
 * input gradient of a classifier's output layer) to {@link GemmShortDepth}, which holds B in registers.
 *
 * <p>Determinism: each element of C is computed by one kernel call per depth block, in a fixed order of
 * depth blocks whose boundaries depend only on the shape. Tiling and thread count change who computes an
 * element, never how, so output is bit-identical for any thread count.
 *
 * <p>Buffers (packed B panels, per thread in parallel calls, and a result tile per thread) are allocated
 * once and grown only when a larger operand arrives, so steady-state calls allocate nothing. Calls are
 * serialised on this object because those buffers are shared.
 */
final class Gemm implements AutoCloseable {

    /**
     * Depth block when A is transposed (TN). The kernel then reads MR adjacent values of A per depth
     * step, one row of the stored A each, so a depth block touches kc rows of A lda apart; a B micro-panel
     * of KC_MAX×NR floats (32 KB with 512-bit vectors) stays in L1 while the kernel sweeps the rows of a
     * tile. 128 was about 5% slower (more passes over C); deeper blocks ran 0.96× (512) and 0.85× (1024)
     * at 1024³, and within noise at 512³ and 256×512·512×784.
     */
    static final int KC_MAX = 256;
    /**
     * Depth block when A is row-major (NN, NT): the kernel reads MR rows of A in place, each a sequential
     * stream, and a B micro-panel up to KC_MAX_ROW_MAJOR_A×NR floats (256 KB) streams from L2. Fewer,
     * deeper blocks mean fewer passes that read C back from memory, and measured faster than blocks of
     * 256 on one thread (in one JVM, alternating; nn-bench/results/2026-12-07-depth-blocks):
     * 10000×784·784×256 1.17–1.23× (whole depth), 512×784·784×256 1.04–1.08×, 512³ 1.03–1.05×, 1024³
     * 1.04–1.08×, 1500³ 1.15× and 2048³ 1.14–1.15× (blocks of 1024: 1.11–1.12×); on two threads
     * 1.06–1.12×. At 4096 and 8192 deep, blocks of 2048 ran 1.03–1.06× and the whole depth in one block
     * 0.98–1.02×.
     */
    static final int KC_MAX_ROW_MAJOR_A = 2048;
    /**
     * Rows per tile at most: with a transposed A, a tile's A block (MC_MAX×KC_MAX floats, 120 KB) stays in
     * the 1 MB L2.
     */
    static final int MC_MAX = 10 * MR;
    /**
     * Columns per tile at most: with a transposed A, a tile's B block (KC_MAX×NC_TILE_MAX floats, 256 KB)
     * stays in L2 too. With a row-major A and its deeper blocks, tiles of 60 or 240 rows and of 128 or 512
     * columns measured 0.95–1.01× these (one thread, in one JVM, on 10000×784·784×256, 512×784·784×256,
     * 512³ and 1024³).
     */
    static final int NC_TILE_MAX = 8 * NR;
    /**
     * Floats of packed B per thread at most (16 MB): a parallel call packs a tile's columns over the whole
     * depth, a sequential one a depth block of all the chunk's columns, so very deep products are cut into
     * chunks of fewer columns.
     */
    static final int PACKED_MAX = 1 << 22;
    /**
     * Below this many flops (2·m·n·k) the caller computes alone. Measured here: a parked worker starts
     * its first part ~16 µs after {@link WorkerPool#run} (median; about 1 µs if still spinning), while
     * one core runs ~200 GFLOP/s, so splitting a product only pays once it takes well over 2×16 µs alone:
     * 8 MFLOP is ~40 µs. (A hidden layer 128×128×256 is right at it; 128×256×784 is 6× above.)
     */
    static final long PARALLEL_MIN_FLOPS = 1L << 23;
    /**
     * Deepest NT product computed transposed (see {@link #sgemm}): its whole depth is one block, so a
     * packed panel of op(B), depth×NR floats (128 KB at 1024), must stay in L2 while the kernel streams it.
     */
    static final int TRANSPOSED_MAX_DEPTH = 1024;
    /**
     * Below this many multiply-adds (m·n·k) a product of dot products of rows stays on the caller. These
     * products stream B from L2 at about 20 bytes per cycle (0.05 ns per multiply-add), and a split costs
     * 2–3 µs here: the hand-off, the worker pulling A's row from the caller's cache and the caller pulling
     * the worker's results. Measured, one row through a layer, 1 → 2 threads: 784→256 (200 704) 11.2–11.8
     * → 7.0–8.5 µs; 784→128 (100 352) 5.5 → 5.1–5.8 µs; 784→64 2.7 → 3.8–4.4 µs.
     */
    static final long DOT_PARALLEL_MIN = 1L << 17;
    /** Columns of C per part of a split dot-product call at least: the kernel's eight columns at a time. */
    private static final int DOT_COLUMNS = 8;

    private final WorkerPool pool;
    private final float[][] tiles;
    /** The chunk's packed B panels, in sequential calls (one depth block at a time). */
    private float[] packedB = new float[0];
    /**
     * Per thread, in parallel calls: the packed B columns of the tile it is computing, over the whole
     * depth, and which tile column of which chunk they hold, so that a thread running several tiles of one
     * tile column packs its B columns once.
     */
    private final float[][] threadB;
    private final long[] threadBColumn;
    /**
     * Per thread, its tile row's rows of A, when A is copied transposed ({@link GemmBlockKernels#packsA})
     * or at a padded stride ({@link GemmTileRowsA#paddingNeeded}).
     */
    private final GemmTileRowsA[] rowsA;
    /** Counts chunks, so that a tag from an earlier chunk never matches. */
    private long chunkSerial;

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
    /** The product computed is Cᵀ: element (i, j) of the product goes to C[j, i]. */
    private boolean transposedOut;
    /** A is row-major and copied transposed, a tile row at a time ({@link GemmBlockKernels#packsA}). */
    private boolean packA;
    /** A is row-major and copied at a padded stride, a tile row at a time ({@link GemmTileRowsA#padded}). */
    private boolean padA;
    // Current chunk (all rows, columns j0..), its depth blocking and tiling.
    private int j0;
    private int nc;
    private int kcMax;
    /** The current chunk's tiles. */
    private final GemmTilePlan tilePlan = new GemmTilePlan();

    /** Columns per part of a parallel dot-product call ({@link #dotRows}), a multiple of {@link #DOT_COLUMNS}. */
    private int dotPart;
    /** Rows per part of a parallel short-depth call ({@link #shortDepth}). */
    private int shortDepthPart;

    private final WorkerPool.Job tileJob = this::packAndComputeTile;
    private final WorkerPool.Job dotJob = this::dotColumns;
    private final WorkerPool.Job shortDepthJob = this::shortDepthRows;

    Gemm(WorkerPool pool) {
        this.pool = pool;
        int threads = pool.threads();
        tiles = new float[threads][MR * NR];
        threadB = new float[threads][0];
        threadBColumn = new long[threads];
        rowsA = new GemmTileRowsA[threads];
        for (int t = 0; t < threads; t++) {
            rowsA[t] = new GemmTileRowsA();
        }
    }

    synchronized void sgemm(boolean transA, boolean transB, int m, int n, int k,
                            float alpha, float[] a, int aOff, int lda,
                            float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0) {
            GemmStores.scaleOnly(m, n, alpha, beta, c, cOff, ldc);
            return;
        }
        if (GemmSmall.narrow(transA, transB, m, n)) {
            // The packed-B buffer doubles as the k×L copy of Bᵀ and the result rows; it is free between calls.
            packedB = grow(packedB, (k + 8) * GemmSmall.L);
            GemmSmall.narrowColumns(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, packedB);
            return;
        }
        if (GemmSmall.handles(transA, transB, m, n)) {
            if (transB) {
                dotRows(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            } else {
                packedB = grow(packedB, 8 * GemmSmall.L);
                GemmSmall.combineRows(transA, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, packedB);
            }
            return;
        }
        if (GemmShortDepth.handles(transA, transB, n, k)) {
            int cols = GemmShortDepth.columns(n);
            shortDepth(m, cols, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            if (cols == n) {
                return;
            }
            // The last columns, fewer than a panel, go the packed way.
            bOff += cols;
            cOff += cols;
            n -= cols;
        }
        // NT with fewer rows than columns (the forward pass, C = X·Wᵀ, at batch ≤ width): computing
        // Cᵀ = W·Xᵀ reads W in place and packs (transposes) only X, the smaller operand, instead of W.
        // Its whole depth is one block, so each element of C is stored once, transposed.
        transposedOut = transB && !transA && m < n && k <= TRANSPOSED_MAX_DEPTH;
        if (transposedOut) {
            setProduct(n, m, k, alpha, b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
        } else {
            setProduct(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
        this.transA = transA;
        this.transB = transB;
        boolean parallel = pool.threads() > 1 && 2.0 * m * n * k >= PARALLEL_MIN_FLOPS;
        packA = !parallel && GemmBlockKernels.packsA(transA, transposedOut, this.n, k);
        padA = !transA && !packA && GemmTileRowsA.paddingNeeded(this.lda);
        // Even depth blocks (784 → 4×196, not 256+256+256+16); boundaries depend on the shape alone.
        int depthBlocks = transposedOut ? 1 : ceilDiv(k, transA ? KC_MAX : KC_MAX_ROW_MAJOR_A);
        kcMax = ceilDiv(k, depthBlocks);
        m = this.m;
        n = this.n;
        int colChunk = Math.max(NR, PACKED_MAX / k / NR * NR);
        try {
            for (int jc = 0; jc < n; jc += colChunk) {
                runChunk(jc, Math.min(colChunk, n - jc), parallel);
            }
        } finally {
            forgetOperands();
        }
    }

    /**
     * C = α·A·Bᵀ + β·C by dot products of rows ({@link GemmSmall#dotRows}), split by columns of C (rows
     * of B) among the threads when large enough. Each thread then streams only its own rows of B, and the
     * pool hands a thread the same range of parts call after call, so with one sample through a layer of
     * 784→256 (800 KB of weights, more than one core's L2 holds next to the rest of the network) each core
     * keeps its half of the weights in its own L2.
     */
    private void dotRows(int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                         float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int threads = pool.threads();
        if (threads == 1 || (long) m * n * k < DOT_PARALLEL_MIN) {
            GemmSmall.dotRows(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, tiles[0]);
            return;
        }
        setProduct(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        int parts = Math.min(threads * GemmTilePlan.TILES_PER_THREAD, ceilDiv(n, DOT_COLUMNS));
        dotPart = ceilDiv(ceilDiv(n, parts), DOT_COLUMNS) * DOT_COLUMNS;
        try {
            pool.run(dotJob, ceilDiv(n, dotPart));
        } finally {
            forgetOperands();
        }
    }

    /** Columns [part·dotPart, …) of the current dot-product call. */
    private void dotColumns(int part, int thread) {
        int from = part * dotPart;
        int cols = Math.min(dotPart, n - from);
        GemmSmall.dotRows(m, cols, k, alpha, a, aOff, lda, b, bOff + from * ldb, ldb, beta, c, cOff + from, ldc,
                tiles[thread]);
    }

    /**
     * C = α·A·B + β·C for a depth of at most {@link GemmShortDepth#MAX_DEPTH} over n full panels
     * ({@link GemmShortDepth}), split by rows among the threads when large enough. Every row is computed
     * the same way whichever thread runs it.
     */
    private void shortDepth(int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                            float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int threads = pool.threads();
        if (threads == 1 || 2.0 * m * n * k < PARALLEL_MIN_FLOPS) {
            GemmShortDepth.multiply(0, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        setProduct(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        shortDepthPart = ceilDiv(m, threads * GemmTilePlan.TILES_PER_THREAD);
        try {
            pool.run(shortDepthJob, ceilDiv(m, shortDepthPart));
        } finally {
            forgetOperands();
        }
    }

    /** Rows [part·shortDepthPart, …) of the current short-depth call. */
    private void shortDepthRows(int part, int thread) {
        int from = part * shortDepthPart;
        GemmShortDepth.multiply(from, Math.min(m, from + shortDepthPart), n, k, alpha, a, aOff, lda, b, bOff, ldb,
                beta, c, cOff, ldc);
    }

    /** Stores the arguments of the call in progress for the jobs (published to workers by {@link WorkerPool#run}). */
    private void setProduct(int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                            float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.a = a;
        this.aOff = aOff;
        this.lda = lda;
        this.b = b;
        this.bOff = bOff;
        this.ldb = ldb;
        this.beta = beta;
        this.c = c;
        this.cOff = cOff;
        this.ldc = ldc;
    }

    /** Drops the caller's arrays after a call, so that this object does not keep them reachable. */
    private void forgetOperands() {
        a = null;
        b = null;
        c = null;
    }

    private void runChunk(int jc, int cols, boolean parallel) {
        j0 = jc;
        nc = cols;
        chunkSerial++;
        // On several threads, each thread computes the same units of a dense layer in each of its
        // products, so that a weight matrix's rows stay with one core. By rows: the forward product
        // computed transposed (Cᵀ = W·Xᵀ, whose rows are W's) and the weight gradient (TN, whose rows are
        // dW's). By columns: the input gradient (NN) and the forward product at batch ≥ width (NT). The
        // optimizer update after them, split into halves of the flat parameter array, then finds each half
        // of W and dW in the cache of the core that updates it (ParallelUpdates).
        tilePlan.plan(m, cols, parallel ? pool.threads() : 1, transA || transposedOut);
        int tileCount = tilePlan.count();
        if (parallel) {
            // One hand-off: each thread packs the B panels of the tiles it runs into its own buffer.
            // Packing them into a shared buffer first, split across threads, left every tile reading lines
            // that the other core had written, and made the packing itself 4× slower than on one thread.
            pool.run(tileJob, tileCount);
        } else {
            int panelsB = ceilDiv(cols, NR);
            packedB = grow(packedB, panelsB * NR * kcMax);
            // Depth blocks outer, each packed just before use and reused by every row tile. With a
            // transposed A the packed block (at most KC_MAX deep) stays in L2; with a row-major A the
            // fewer passes over C that deeper blocks need paid more than L2 residency (KC_MAX_ROW_MAJOR_A).
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                for (int q = 0; q < panelsB; q++) {
                    if (!readsPanelInPlace(j0 + q * NR)) {
                        GemmPacking.packBPanel(transB, b, bOff, ldb, pc, kc, j0, q, j0 + nc, packedB, 0);
                    }
                }
                for (int i = 0; i < tileCount; i++) {
                    // With A copied, row by row, so that a tile row's copy serves all its tiles.
                    int t = packA || padA ? tilePlan.byRows(i) : i;
                    // The tile's first panel, at its index in the chunk's panels.
                    computeTile(t, 0, packedB, tilePlan.column(t) * kc, pc, pc + kc, kc);
                }
            }
        }
    }

    /**
     * One tile of a parallel call, on {@code thread}: packs the tile's B columns over the whole depth into
     * the thread's buffer, unless it holds them already from the thread's previous tile, then computes
     * every depth block of the tile.
     */
    private void packAndComputeTile(int tile, int thread) {
        int jt = tilePlan.column(tile);
        long columnTag = chunkSerial * Integer.MAX_VALUE + jt;
        if (threadBColumn[thread] != columnTag) {
            int panels = ceilDiv(tilePlan.columnEnd(tile) - jt, NR);
            float[] dst = threadB[thread] = grow(threadB[thread], panels * NR * k);
            for (int q = 0; q < panels; q++) {
                if (!readsPanelInPlace(j0 + jt + q * NR)) {
                    GemmPacking.packBPanel(transB, b, bOff, ldb, 0, k, j0 + jt, q, j0 + nc, dst, 0);
                }
            }
            threadBColumn[thread] = columnTag;
        }
        computeTile(tile, thread, threadB[thread], 0, 0, k, k);
    }

    /**
     * Depth blocks starting in [pcFrom, pcTo) of one tile of the current chunk, in depth order: for each,
     * every MR×NR kernel block of the tile, column panels outer so the kc×NR B micro-panel stays in L1
     * across the tile's rows. The tile's packed B column panels start at {@code pb[pbTile]}; they hold
     * depth pcFrom.. and are packedDepth deep. A is read in place, from the tile row's transposed copy
     * ({@link GemmBlockKernels#packsA}) or from its rows copied at a padded stride ({@link GemmTileRowsA}).
     */
    private void computeTile(int tile, int thread, float[] pb, int pbTile, int pcFrom, int pcTo, int packedDepth) {
        int it = tilePlan.row(tile);
        int rows = tilePlan.rowEnd(tile) - it;
        int jt = tilePlan.column(tile);
        int cols = tilePlan.columnEnd(tile) - jt;
        float[] t = tiles[thread];
        for (int pc = pcFrom; pc < pcTo; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            float blockBeta = pc == 0 ? beta : 1f;
            GemmTileRowsA copy = packA ? rowsA[thread].transposed(a, aOff, lda, it, rows, kc, chunkSerial)
                    : padA ? rowsA[thread].padded(a, aOff, lda, it, rows, pc, kc, chunkSerial) : null;
            float[] av = copy != null ? copy.values() : a;
            int aStep = copy != null ? copy.stride() : lda;
            for (int jr = 0; jr < cols; jr += NR) {
                int j = j0 + jt + jr;
                int w = Math.min(NR, cols - jr);
                boolean inPlace = readsPanelInPlace(j);
                float[] panel = inPlace ? b : pb;
                int bi = inPlace ? bOff + pc * ldb + j : pbTile + jr * packedDepth + (pc - pcFrom) * NR;
                int bStep = inPlace ? ldb : NR;
                for (int ir = 0, h; ir < rows; ir += h) {
                    h = GemmTilePlan.blockRows(rows - ir, w, packA || transA);
                    int i = it + ir;
                    boolean full = h == GemmTilePlan.kernelRows(h, w) && w == GemmTilePlan.kernelColumns(w);
                    boolean direct = full && alpha == 1f && blockBeta == 0f && !transposedOut;
                    float[] out = direct ? c : t;
                    int o = direct ? cOff + i * ldc + j : 0;
                    int ldo = direct ? ldc : NR;
                    if (packA) {
                        GemmBlockKernels.multiplyColumns(kc, av, ir, aStep, h, w, panel, bi, bStep, out, o, ldo);
                    } else if (transA) {
                        GemmBlockKernels.multiplyColumns(kc, a, aOff + pc * lda + i, lda, h, w, panel, bi, bStep,
                                out, o, ldo);
                    } else {
                        // One call site for A in place and padded, so that C2 inlines the large kernel once.
                        int a0 = padA ? ir * aStep : aOff + i * lda + pc;
                        GemmBlockKernels.multiplyRows(kc, av, a0, aStep, h, w, panel, bi, bStep, out, o, ldo);
                    }
                    if (!direct) {
                        if (transposedOut) {
                            GemmStores.transposedBlock(t, h, w, alpha, blockBeta, c, cOff + j * ldc + i, ldc);
                        } else {
                            GemmStores.block(t, h, w, alpha, blockBeta, c, cOff + i * ldc + j, ldc);
                        }
                    }
                }
            }
        }
    }

    /**
     * Whether the kernel reads op(B)'s column panel starting at column j straight from B instead of a
     * packed copy: B is row-major (NN, TN), so each depth step of the panel is NR adjacent values; the
     * panel is full; and op(A) has a single row block, so the panel would be packed for one kernel call
     * per depth block. Measured on one thread: the output layer's weight gradient at batch 128
     * (10×128·128×128) went from 75 to 119–126 GFLOP/s, a 12×256·256×128 product from 94–96 to 178–204.
     * With more row blocks every row block reuses the packed panel from L1, which is what packing is for.
     */
    private boolean readsPanelInPlace(int j) {
        return !transB && !transposedOut && m <= MR && j + NR <= n;
    }

    /** {@code buffer} if it holds {@code size} floats, else a new array that does (the old contents dropped). */
    static float[] grow(float[] buffer, int size) {
        return buffer.length >= size ? buffer : new float[size];
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    @Override
    public void close() {
        pool.close();
    }

    Thread[] workerThreads() {
        return pool.workerThreads();
    }
}
