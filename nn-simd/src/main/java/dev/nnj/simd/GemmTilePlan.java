package dev.nnj.simd;

import static dev.nnj.simd.GemmMicroKernel.MR;
import static dev.nnj.simd.GemmMicroKernel.NR;

/**
 * How {@link Gemm} cuts one chunk of C (all its rows, a range of its columns) into tiles, and where each
 * tile lies. Tiles are numbered down each tile column (within each thread's group of tile rows, when the
 * threads own rows), so consecutive tiles share their B columns and a thread's contiguous range of tile
 * numbers packs each of its B panels once. One plan is reused call after call, so planning allocates
 * nothing.
 */
final class GemmTilePlan {

    /** Tiles per thread to aim for, so dynamic claiming can rebalance when a thread is descheduled. */
    static final int TILES_PER_THREAD = 4;

    private int rows;
    private int cols;
    /** Kernel row blocks (MR rows) and column panels (NR columns) of the chunk, split evenly among the tiles. */
    private int rowBlocks;
    private int colPanels;
    /** Tiles per tile column, and tile columns. */
    private int rowTiles;
    private int colTiles;
    /** Groups of consecutive tile rows whose tiles are numbered together: 1, or one per thread. */
    private int rowGroups;

    /**
     * Plans a chunk of {@code rows} × {@code cols}: tiles of at most about MC_MAX × NC_TILE_MAX on one
     * thread. On several, each thread's range of tile numbers covers either its own columns of C or, when
     * {@code threadsOwnRows} (or there are too few column panels to share), its own rows:
     * <ul>
     *   <li>by columns, the columns are first split into a multiple of the thread count of tile columns,
     *       so that each thread packs only its own B panels, then the rows until there are about
     *       {@value #TILES_PER_THREAD} tiles per thread;</li>
     *   <li>by rows, the rows are split into a multiple of the thread count of tile rows, and each
     *       thread's tile rows form one group, numbered down each tile column of the group, so the thread
     *       packs each of its B panels once (every thread packs all of them).</li>
     * </ul>
     */
    void plan(int rows, int cols, int threads, boolean threadsOwnRows) {
        this.rows = rows;
        this.cols = cols;
        rowBlocks = ceilDiv(rows, MR);
        colPanels = ceilDiv(cols, NR);
        int rowSplit = ceilDiv(rows, Gemm.MC_MAX);
        int colSplit = ceilDiv(cols, Gemm.NC_TILE_MAX);
        boolean byRows = threads > 1 && ((threadsOwnRows && rowBlocks >= threads) || colPanels < threads);
        if (threads > 1) {
            if (!byRows) {
                colSplit = ceilDiv(colSplit, threads) * threads;
            }
            rowSplit = Math.max(rowSplit, ceilDiv(threads * TILES_PER_THREAD, colSplit));
            if (byRows) {
                rowSplit = ceilDiv(rowSplit, threads) * threads;
            }
        }
        rowTiles = Math.min(rowSplit, rowBlocks);
        colTiles = Math.min(colSplit, colPanels);
        rowGroups = 1;
        if (byRows && rowTiles >= threads) {
            rowTiles = rowTiles / threads * threads;
            rowGroups = threads;
        }
    }

    /** Tiles in the chunk. */
    int count() {
        return rowTiles * colTiles;
    }

    /**
     * The tile taken {@code index}-th when a one-thread chunk's tiles are taken row by row instead of in
     * their numbering (down each tile column), so that consecutive tiles share their rows of A.
     */
    int byRows(int index) {
        return index % colTiles * rowTiles + index / colTiles;
    }

    // Tile boundaries split the row blocks and column panels as evenly as possible, so that tiles differ
    // by at most one block each way and the threads' ranges hold nearly equal work (784 columns in four
    // tile columns are 6, 6, 6 and 7 panels, not 7, 7, 7 and 4).

    /** First row of {@code tile} in the chunk. */
    int row(int tile) {
        return rowBoundary(tileRow(tile));
    }

    /** Row after the last of {@code tile}. */
    int rowEnd(int tile) {
        return rowBoundary(tileRow(tile) + 1);
    }

    /** First column of {@code tile} in the chunk. */
    int column(int tile) {
        return columnBoundary(tileColumn(tile));
    }

    /** Column after the last of {@code tile}. */
    int columnEnd(int tile) {
        return columnBoundary(tileColumn(tile) + 1);
    }

    // Tiles are numbered group by group, and within a group down each tile column.

    private int tileRow(int tile) {
        int groupRows = rowTiles / rowGroups;
        return tile / (groupRows * colTiles) * groupRows + tile % groupRows;
    }

    private int tileColumn(int tile) {
        int groupRows = rowTiles / rowGroups;
        return tile % (groupRows * colTiles) / groupRows;
    }

    private int rowBoundary(int tileRowIndex) {
        return Math.min(rows, (int) ((long) tileRowIndex * rowBlocks / rowTiles) * MR);
    }

    private int columnBoundary(int tileColumnIndex) {
        return Math.min(cols, (int) ((long) tileColumnIndex * colPanels / colTiles) * NR);
    }

    /**
     * Rows of a tile's next kernel block when {@code left} of its rows remain and the block is {@code w}
     * columns wide. With more than one vector of columns, blocks of {@value GemmMicroKernel#MR} rows are
     * full (the twelve-row kernel reads all twelve rows of A: a transposed A at constant offsets, see
     * {@link GemmMicroKernel#multiplyColumns}), and the rows after the last of them go in blocks of at most
     * {@value GemmEdgeKernel#ROWS}, whose kernel also takes fewer valid rows: 13–16 rows as 8 + 5–8, 21–23
     * as 8 + 8 + 5–7, fewer than twelve as 8 + 1–3 or one block. When A's twelve values of a depth step
     * are adjacent ({@code adjacentA}: a transposed A, or a row-major one copied transposed), a remainder
     * of 9–11 rows is one twelve-row block instead ({@link GemmBlockKernels#multiplyColumns} runs its last
     * depth step on the valid rows alone): 21–23 rows as 12 + 9–11, 10 as one block of 12 instead of 8 + 8,
     * as in the weight gradient of a ten-class output layer. So the kernels compute at most three rows
     * past the end of a tile of twelve rows or more, and 8, 12 or 16 rows for fewer. The one-vector kernel
     * for a narrow last panel has twelve rows only, so blocks of eight would save it nothing: it takes the
     * last rows, however few, in one block.
     */
    static int blockRows(int left, int w, boolean adjacentA) {
        if (w <= GemmMicroKernel.L) {
            return Math.min(MR, left);
        }
        boolean twelve = left == MR || (left > 2 * GemmEdgeKernel.ROWS && left <= MR + GemmEdgeKernel.ROWS)
                || left >= 2 * MR || (adjacentA && left % MR > GemmEdgeKernel.ROWS);
        return twelve ? Math.min(MR, left) : Math.min(left, GemmEdgeKernel.ROWS);
    }

    /** Rows the kernel for a block of h rows and w columns computes: the valid h and repeats of the last. */
    static int kernelRows(int h, int w) {
        return h <= GemmEdgeKernel.ROWS && w > GemmMicroKernel.L ? GemmEdgeKernel.ROWS : MR;
    }

    /** Columns the kernel for a block of w columns computes: one vector or two. */
    static int kernelColumns(int w) {
        return w <= GemmMicroKernel.L ? GemmMicroKernel.L : NR;
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
