package dev.nnj.simd;

import static dev.nnj.simd.GemmMicroKernel.MR;

/**
 * A tile row's rows of a row-major A, copied for the register kernels in one of two layouts, and kept
 * until another block is asked for, so that the tiles of one tile row, taken one after another, copy
 * them once. One instance per thread; its buffer grows to the largest block asked for and is then reused,
 * so steady-state calls allocate nothing. The kernels read the same values in the same order from either
 * copy as from A itself, so results do not depend on whether or how A is copied.
 * <ul>
 *   <li>{@link #transposed}: element (r, p) at {@code p·stride + r}, so that the kernels read MR adjacent
 *       values per depth step, as from a transposed A ({@link GemmBlockKernels#packsA}).</li>
 *   <li>{@link #padded}: row r at {@code r·stride}, the stride an odd number of cache lines, for an A
 *       whose own stride would start most of the kernel's rows in one L1 set ({@link #paddingNeeded}).</li>
 * </ul>
 *
 * <p>Why the padded copy. The kernels that read a row-major A by rows stream MR rows at once, each line of
 * a row serving sixteen depth steps. An L1 of 64 sets of 64-byte lines maps addresses 4 KB apart to the
 * same set, so a stride of 1024 floats (a layer 1024, 2048 or 4096 wide) puts all twelve rows in one set,
 * which also holds lines of the packed B panel and, on a host whose SMT sibling is busy, lines of another
 * program: lines are evicted before their sixteen steps are done, and fetched again. Copied at a stride of
 * an odd number of lines, the rows fall into twelve different sets. Measured here, one thread, old time
 * over new in one JVM (nn-bench/results/2026-12-07-aliased-rows): 1.33–1.46× on a vCPU whose core was
 * busy (NN 256×1024·1024×1024 1.40×, 256×4096·4096×1024 1.33×, NT 1024³ 1.46×), 0.96–1.07× on a quiet one;
 * a stride of 512 floats (six rows to each of two sets) gained nothing, so such an A is still read in
 * place.
 */
final class GemmTileRowsA {

    /** Sets of the L1 data cache that {@link #paddingNeeded} assumes, and its line size in floats. */
    private static final int L1_SETS = 64;
    private static final int LINE_FLOATS = 16;

    private float[] values = new float[0];
    private int stride;
    /** The block held: the chunk it was copied for (a call's serial number), its first row and depth. */
    private long chunk = -1;
    private int firstRow;
    private int firstDepth;

    /**
     * Whether a row-major A with leading dimension {@code lda} is read through a {@link #padded} copy: the
     * MR rows lda apart start in more than MR/2 distinct lines of one L1 set (taking the first row to start
     * a line). Rows that start in the same line, as at a stride below one line, share it instead.
     */
    static boolean paddingNeeded(int lda) {
        for (int r = 0; r < MR; r++) {
            long set = (long) r * lda / LINE_FLOATS % L1_SETS;
            int lines = 0;
            long previous = -1;
            for (int q = 0; q < MR; q++) {
                // Rows in order never go back a line, so a line differs from all earlier ones or is the last.
                long line = (long) q * lda / LINE_FLOATS;
                if (line != previous && line % L1_SETS == set) {
                    lines++;
                }
                previous = line;
            }
            if (lines > MR / 2) {
                return true;
            }
        }
        return false;
    }

    /** Floats between padded rows of depth kc: whole lines, an odd number of them, so rows take distinct sets. */
    static int paddedStride(int kc) {
        int lines = (kc + LINE_FLOATS - 1) / LINE_FLOATS;
        return (lines % 2 == 0 ? lines + 1 : lines) * LINE_FLOATS;
    }

    /**
     * Holds rows it..it+count−1 of A (row r at a[aOff + r·lda]) over its whole depth kc, transposed, with
     * a stride of count rounded up to whole 16×16 register blocks; {@code chunk} identifies the call.
     */
    GemmTileRowsA transposed(float[] a, int aOff, int lda, int it, int count, int kc, long chunk) {
        if (!holds(chunk, it, 0)) {
            stride = GemmPacking.transposedWidth(count);
            values = Gemm.grow(values, stride * kc);
            GemmPacking.transposeColumns(a, aOff + it * lda, lda, kc, count, stride, values, 0);
        }
        return this;
    }

    /** Holds rows it..it+count−1 of A over depth pc..pc+kc−1, at {@link #paddedStride}. */
    GemmTileRowsA padded(float[] a, int aOff, int lda, int it, int count, int pc, int kc, long chunk) {
        if (!holds(chunk, it, pc)) {
            stride = paddedStride(kc);
            values = Gemm.grow(values, count * stride);
            for (int r = 0; r < count; r++) {
                System.arraycopy(a, aOff + (it + r) * lda + pc, values, r * stride, kc);
            }
        }
        return this;
    }

    /** Whether the block is held already; if not, records it as the one about to be copied. */
    private boolean holds(long chunk, int it, int pc) {
        if (this.chunk == chunk && firstRow == it && firstDepth == pc) {
            return true;
        }
        this.chunk = chunk;
        firstRow = it;
        firstDepth = pc;
        return false;
    }

    /** The copied values, in the layout of the last call. */
    float[] values() {
        return values;
    }

    /** Floats between rows (padded) or depth steps (transposed) of the copy. */
    int stride() {
        return stride;
    }
}
