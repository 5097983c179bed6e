package dev.nnj.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tiles that cover each chunk exactly once, and kernel blocks that cover each tile's rows with little waste. */
class GemmTilePlanTest {

    @Test
    void kernelBlocksCoverTheRowsAndComputeFewRowsPastThem() {
        int lanes = GemmMicroKernel.L;
        int mr = GemmMicroKernel.MR;
        int edge = GemmEdgeKernel.ROWS;
        for (boolean adjacentA : new boolean[] {false, true}) {
            for (int w : new int[] {1, lanes, lanes + 1, GemmMicroKernel.NR}) {
                for (int rows = 1; rows <= 300; rows++) {
                    List<Integer> blocks = new ArrayList<>();
                    int covered = 0;
                    int computed = 0;
                    while (covered < rows) {
                        int h = GemmTilePlan.blockRows(rows - covered, w, adjacentA);
                        int kernel = GemmTilePlan.kernelRows(h, w);
                        String block = rows + " rows, " + w + " columns, adjacent A " + adjacentA + ": block of " + h;
                        assertTrue(h >= 1 && h <= kernel, block + " for a kernel of " + kernel);
                        assertTrue(kernel == mr || (kernel == edge && w > lanes),
                                block + ", kernel of " + kernel + " rows");
                        // The two-vector twelve-row kernel reads all twelve rows of A: its blocks are full,
                        // or of 9–11 rows when A's values of a depth step are adjacent.
                        assertTrue(w <= lanes || kernel != mr || h == mr || (adjacentA && h > edge),
                                block + " for the twelve-row kernel");
                        blocks.add(h);
                        covered += h;
                        computed += kernel;
                    }
                    String at = rows + " rows, " + w + " columns, adjacent A " + adjacentA + ", cut into " + blocks;
                    assertEquals(rows, covered, at);
                    // The one-vector kernel has twelve rows only; the two-vector ones waste at most three rows
                    // when there are twelve or more (or 9–11 with adjacent A values), else what blocks of
                    // eight leave.
                    int eights = edge * ((rows + edge - 1) / edge);
                    int allowed = w <= lanes ? mr - 1
                            : rows >= mr || (adjacentA && rows > edge) ? 3 : eights - rows;
                    assertTrue(computed - rows <= allowed, at + " compute " + (computed - rows) + " rows past the end");
                    if (w > lanes && adjacentA && rows > edge && rows < mr) {
                        assertEquals(List.of(rows), blocks, at + ": one twelve-row block");
                    }
                    assertEquals(w <= lanes ? lanes : GemmMicroKernel.NR, GemmTilePlan.kernelColumns(w),
                            w + " columns");
                }
            }
        }
    }

    private static final int[][] SHAPES = {{1, 1}, {13, 33}, {128, 256}, {256, 784}, {301, 283}, {10_000, 256}};

    /** One thread's tiles taken row by row: each tile once, each tile row's tiles one after another, left to right. */
    @Test
    void byRowsTakesEachTileOnceAndATileRowAtATime() {
        GemmTilePlan plan = new GemmTilePlan();
        for (int[] shape : SHAPES) {
            plan.plan(shape[0], shape[1], 1, false);
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < plan.count(); i++) {
                int t = plan.byRows(i);
                assertTrue(t >= 0 && t < plan.count() && seen.add(t), Arrays.toString(shape) + ": tile " + t + " at " + i);
                if (i > 0) {
                    int previous = plan.byRows(i - 1);
                    boolean sameRow = plan.row(t) == plan.row(previous);
                    assertTrue(sameRow ? plan.column(t) == plan.columnEnd(previous)
                            : plan.row(t) == plan.rowEnd(previous) && plan.column(t) == 0,
                            Arrays.toString(shape) + ": tile " + t + " after " + previous);
                }
            }
            assertEquals(plan.count(), seen.size(), Arrays.toString(shape));
        }
    }

    @Test
    void tilesCoverTheChunkExactlyOnce() {
        GemmTilePlan plan = new GemmTilePlan();
        for (int threads = 1; threads <= 4; threads++) {
            for (int[] shape : SHAPES) {
                for (boolean threadsOwnRows : new boolean[] {false, true}) {
                    assertCoveredOnce(plan, shape[0], shape[1], threads, threadsOwnRows);
                }
            }
        }
    }

    /**
     * Each thread's range of tile numbers, as {@link WorkerPool} cuts it, holds whole rows of the chunk when
     * the threads own rows, or whole columns otherwise (when there are enough column panels), and visits
     * each of its tile columns in one run, so that it packs each B panel once.
     */
    @Test
    void eachThreadsTilesHoldItsOwnRowsOrColumns() {
        GemmTilePlan plan = new GemmTilePlan();
        for (int threads = 2; threads <= 4; threads++) {
            for (int[] shape : SHAPES) {
                for (boolean threadsOwnRows : new boolean[] {false, true}) {
                    assertThreadsOwnTheirShare(plan, shape[0], shape[1], threads, threadsOwnRows);
                }
            }
        }
    }

    private static void assertThreadsOwnTheirShare(GemmTilePlan plan, int rows, int cols, int threads,
                                                   boolean threadsOwnRows) {
        plan.plan(rows, cols, threads, threadsOwnRows);
        int count = plan.count();
        int[] rowOwner = new int[rows];
        int[] colOwner = new int[cols];
        Arrays.fill(rowOwner, -1);
        Arrays.fill(colOwner, -1);
        boolean rowsShared = false;
        boolean colsShared = false;
        String at = rows + "×" + cols + " on " + threads + " threads, threads own "
                + (threadsOwnRows ? "rows" : "columns");
        for (int t = 0; t < threads; t++) {
            Set<Integer> finishedColumns = new HashSet<>();
            int currentColumn = -1;
            for (int tile = t * count / threads; tile < (t + 1) * count / threads; tile++) {
                int column = plan.column(tile);
                if (column != currentColumn) {
                    assertTrue(finishedColumns.add(column), at + ": thread " + t
                            + " comes back to the tile column at " + column);
                    currentColumn = column;
                }
                for (int i = plan.row(tile); i < plan.rowEnd(tile); i++) {
                    rowsShared |= rowOwner[i] >= 0 && rowOwner[i] != t;
                    rowOwner[i] = t;
                }
                for (int j = plan.column(tile); j < plan.columnEnd(tile); j++) {
                    colsShared |= colOwner[j] >= 0 && colOwner[j] != t;
                    colOwner[j] = t;
                }
            }
        }
        int rowBlocks = (rows + GemmMicroKernel.MR - 1) / GemmMicroKernel.MR;
        int colPanels = (cols + GemmMicroKernel.NR - 1) / GemmMicroKernel.NR;
        if (threadsOwnRows && rowBlocks >= threads) {
            assertFalse(rowsShared, at + ": a row is computed by two threads");
        } else if (!threadsOwnRows && colPanels >= threads) {
            assertFalse(colsShared, at + ": a column is computed by two threads");
        }
    }

    private static void assertCoveredOnce(GemmTilePlan plan, int rows, int cols, int threads, boolean ownRows) {
        plan.plan(rows, cols, threads, ownRows);
        int[] hits = new int[rows * cols];
        for (int tile = 0; tile < plan.count(); tile++) {
            assertEquals(0, plan.row(tile) % GemmMicroKernel.MR, "tiles start on a kernel row block");
            for (int i = plan.row(tile); i < plan.rowEnd(tile); i++) {
                for (int j = plan.column(tile); j < plan.columnEnd(tile); j++) {
                    hits[i * cols + j]++;
                }
            }
        }
        for (int at = 0; at < hits.length; at++) {
            assertEquals(1, hits[at], rows + "×" + cols + " on " + threads + " threads (threads own "
                    + (ownRows ? "rows" : "columns") + "): element " + at / cols + "," + at % cols);
        }
    }
}
