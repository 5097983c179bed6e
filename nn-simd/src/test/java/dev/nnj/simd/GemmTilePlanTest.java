package dev.nnj.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tiles that cover each chunk exactly once, and kernel blocks that cover each tile's rows with little waste. */
class GemmTilePlanTest {

    @Test
    void kernelBlocksCoverTheRowsAndComputeFewRowsPastThem() {
        int lanes = GemmMicroKernel.L;
        for (int w : new int[] {1, lanes, lanes + 1, GemmMicroKernel.NR}) {
            for (int rows = 1; rows <= 300; rows++) {
                List<Integer> blocks = new ArrayList<>();
                int covered = 0;
                int computed = 0;
                while (covered < rows) {
                    int h = GemmTilePlan.blockRows(rows - covered, w);
                    int kernel = GemmTilePlan.kernelRows(h, w);
                    assertTrue(h >= 1 && h <= kernel, rows + " rows: block of " + h + " for a kernel of " + kernel);
                    assertTrue(kernel == GemmMicroKernel.MR || (kernel == GemmEdgeKernel.ROWS && w > lanes),
                            rows + " rows, " + w + " columns: kernel of " + kernel + " rows");
                    blocks.add(h);
                    covered += h;
                    computed += kernel;
                }
                String at = rows + " rows, " + w + " columns, cut into " + blocks;
                assertEquals(rows, covered, at);
                // The one-vector kernel has twelve rows only; the two-vector ones waste at most three.
                int allowed = w <= lanes ? GemmMicroKernel.MR - 1 : Math.max(3, GemmEdgeKernel.ROWS - rows);
                assertTrue(computed - rows <= allowed, at + " compute " + (computed - rows) + " rows past the end");
                assertEquals(w <= lanes ? lanes : GemmMicroKernel.NR, GemmTilePlan.kernelColumns(w), w + " columns");
            }
        }
    }

    @Test
    void tilesCoverTheChunkExactlyOnce() {
        GemmTilePlan plan = new GemmTilePlan();
        for (int threads = 1; threads <= 4; threads++) {
            for (int[] shape : new int[][] {{1, 1}, {13, 33}, {128, 256}, {256, 784}, {301, 283}, {10_000, 256}}) {
                int rows = shape[0];
                int cols = shape[1];
                plan.plan(rows, cols, threads);
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
                    assertEquals(1, hits[at], rows + "×" + cols + " on " + threads + " threads: element "
                            + at / cols + "," + at % cols);
                }
            }
        }
    }
}
