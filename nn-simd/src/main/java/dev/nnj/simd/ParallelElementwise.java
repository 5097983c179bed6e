package dev.nnj.simd;

import dev.nnj.simd.ParallelRanges.RangeJob;
import jdk.incubator.vector.FloatVector;

/**
 * The element-wise kernels of {@link ActivationOps}, {@link SoftmaxOps} and {@link ElementwiseOps}, run on
 * the worker threads when the arrays are large enough to pay for the hand-off, and on the calling thread
 * otherwise (below the thresholds a call costs a comparison or two more than the kernel itself).
 *
 * <p>How each is split, so that every element is computed exactly as in a single-threaded pass and the
 * results are bit-identical for any thread count:
 * <ul>
 *   <li>bias + activation forward, softmax forward and backward: by rows, each part a contiguous range of
 *       whole rows;</li>
 *   <li>activation backward, Hadamard, scaling, scaled difference: flat, at multiples of the vector length;</li>
 *   <li>column sums: by columns, in blocks of {@link #COLUMN_BLOCK} columns, each part adding all rows of
 *       its columns in row order as the single pass does ({@link ElementwiseOps#addColumnRangeSums});
 *       matrices no wider than one block stay serial.</li>
 * </ul>
 * The sum of squares (a reduction whose order would change) is not split.
 *
 * <p>The arguments of the call in progress live in fields written under the {@link ParallelRanges} lock
 * and the jobs are preallocated, so a call allocates nothing; the array fields are cleared afterwards.
 */
final class ParallelElementwise {

    /*
     * When to split. A worker still spinning from the previous job (GEMMs precede these kernels within
     * microseconds in a training step) starts its first part 1–3 µs after the hand-off, a parked one
     * ~16 µs. Two threads save at most half the single-thread time, so a split pays once that half clearly
     * exceeds the spinning hand-off. The thresholds count elements (rows·cols or n) and differ by the cost
     * per element. Measured with 2 threads on a 2-core AMD EPYC (AVX-512), median per call, with the input
     * rewritten by both threads before each call as a preceding parallel GEMM leaves it ("1 → 2 threads").
     * In the training step of the 784-256-128-10 MLP at batch 512 on 2 threads, the element-wise kernels
     * (two bias + ReLU, softmax, two ReLU backward, three column sums, the loss gradient) took 96–111 µs
     * per step before and 66–71 µs after. At batch 128 the passes over 128×256 split too (below).
     */

    /**
     * Memory-bound passes (bias + identity, ReLU or leaky ReLU; the activation backward kernels; softmax
     * backward; Hadamard, scaling, scaled difference; column sums) cost 0.07–0.11 ns per element on one
     * thread, so 65536 elements are 5–7 µs. Measured: bias + ReLU 256×256 7.2 → 4.0–4.7 µs and 512×256
     * 13.8 → 7.2 µs; ReLU backward 65536 5.9 → 4.0 µs and 131072 13.5 → 7.1 µs; softmax backward 512×128
     * 14.9 → 9.6 µs; column sums 512×256 7.9 → 4.6 µs and 512×128 5.1 → 3.0 µs. (When one thread already
     * holds the arrays in its cache, as in a JMH loop over one call, ReLU backward of 65536 went 5.2 → 6.1
     * µs: the threshold is set for inputs fresh from the parallel GEMMs of a training step.)
     *
     * <p>At 32768 elements a harness that rewrote the input on both threads before each call measured two
     * threads at 0.7–1.1× the time of one, but inside the batch-128 training step of that MLP the calling
     * thread, alone, ran these passes several times slower than on one thread, since half of each array was
     * last written, and the rest last read, by the other core: {@code StepProfile 128 sgd simd-2}, median per
     * call in four runs, serial → split: bias + ReLU 128×256 25–32 → 18–19 µs, ReLU backward 32768 15–18 →
     * 10.5–11.6 µs, column sums 128×256 5.8–7.7 → 2.9–3.3 µs, about 20 µs of a 630–790 µs step. At 16384 (the
     * 128×128 layer) the split gained on ReLU backward (10 → 7 µs) and lost on bias + ReLU (7.8 → 9.3 µs), so
     * that size stays serial.
     */
    static final int STREAMING_PARALLEL_MIN = 1 << 15;
    /** Elements per part at least for the memory-bound passes: ~1 µs, so claiming a part stays negligible. */
    static final int STREAMING_MIN_PART = 1 << 13;
    /**
     * Sigmoid, tanh and the softmax of rows at least a vector wide: an exponential or tanh per element,
     * 0.35–0.65 ns per element on one thread, so 8192 elements are 3–5 µs. Measured: bias + sigmoid 64×128
     * 3.3–3.5 → 2.3–2.4 µs, bias + tanh 64×128 4.3 → 3.7 µs, softmax 64×128 5.0–5.2 → 3.2–3.5 µs; at 4096
     * elements 0.8–1.2× the time of one thread.
     */
    static final int TRANSCENDENTAL_PARALLEL_MIN = 1 << 13;
    /** Elements per part at least for sigmoid, tanh and wide softmax: ~1 µs. */
    static final int TRANSCENDENTAL_MIN_PART = 1 << 11;
    /**
     * Softmax of rows narrower than a vector (an output layer of 10 classes), ~2 ns per element with the
     * vector e^x of {@code SoftmaxOps}. Its input comes from a narrow product that runs on the calling
     * thread, so the caller holds it in cache, as in a JMH loop over one call. SoftmaxBenchmark, 1 → 2
     * threads, 10 classes: 128 rows 2.4 → 4.0 µs, 512 rows 10.6 → 8.9, 1024 rows 22.4 → 15.6, 2048 rows
     * 42.8 → 28.1; from 256 to 384 rows the runs scattered too much to call. So the split starts just
     * above 400 rows: batch 512 gains a little and batch 128 no longer loses 1.5 µs.
     */
    static final int NARROW_SOFTMAX_PARALLEL_MIN = 1 << 12;
    /** Elements per part at least for narrow softmax (~1 µs). */
    static final int NARROW_SOFTMAX_MIN_PART = 1 << 9;

    private static final int LANES = FloatVector.SPECIES_PREFERRED.length();
    /**
     * Columns per block of {@link ElementwiseOps#addColumnRangeSums}, the granularity of the column parts;
     * a matrix no wider than one block has a single part and stays on the calling thread.
     */
    static final int COLUMN_BLOCK = ElementwiseOps.COLUMN_BLOCK_VECTORS * LANES;

    private final ParallelRanges ranges;
    private final int threads;

    // Arguments of the current call, in the kernel's parameter order (published by WorkerPool.run).
    private float[] array1;
    private float[] array2;
    private float[] array3;
    private int rows;
    private int cols;
    private float scalar;

    private final RangeJob biasIdentityJob = (from, to) -> ActivationOps.biasIdentity(array1, array2, array3,
            from, to, cols);
    private final RangeJob biasSigmoidJob = (from, to) -> ActivationOps.biasSigmoid(array1, array2, array3,
            from, to, cols);
    private final RangeJob biasTanhJob = (from, to) -> ActivationOps.biasTanh(array1, array2, array3,
            from, to, cols);
    private final RangeJob biasReluJob = (from, to) -> ActivationOps.biasRelu(array1, array2, array3,
            from, to, cols);
    private final RangeJob biasLeakyReluJob = (from, to) -> ActivationOps.biasLeakyRelu(array1, array2, array3,
            from, to, cols, scalar);
    private final RangeJob biasSoftmaxJob = (from, to) -> SoftmaxOps.biasSoftmax(array1, array2, array3,
            from, to, cols);
    private final RangeJob sigmoidBackwardJob = (from, to) -> ActivationOps.sigmoidBackward(array1, array2,
            array3, from, to);
    private final RangeJob tanhBackwardJob = (from, to) -> ActivationOps.tanhBackward(array1, array2, array3,
            from, to);
    private final RangeJob reluBackwardJob = (from, to) -> ActivationOps.reluBackward(array1, array2, array3,
            from, to);
    private final RangeJob leakyReluBackwardJob = (from, to) -> ActivationOps.leakyReluBackward(array1, array2,
            array3, from, to, scalar);
    private final RangeJob softmaxBackwardJob = (from, to) -> SoftmaxOps.softmaxBackward(array1, array2, array3,
            from, to, cols);
    private final RangeJob columnSumsJob = (from, to) -> ElementwiseOps.addColumnRangeSums(array1, array2,
            rows, cols, from, to);
    private final RangeJob hadamardJob = (from, to) -> ElementwiseOps.hadamard(array1, array2, array3, from, to);
    private final RangeJob scaleInPlaceJob = (from, to) -> ElementwiseOps.scaleInPlace(array1, scalar, from, to);
    private final RangeJob subtractScaledJob = (from, to) -> ElementwiseOps.subtractScaled(array1, array2, array3,
            scalar, from, to);

    ParallelElementwise(ParallelRanges ranges) {
        this.ranges = ranges;
        this.threads = ranges.threads();
    }

    // ------------------------------------------------------------------ forward, by rows

    void biasIdentity(float[] a, float[] bias, float[] h, int rows, int cols) {
        if (splits(rows * cols, STREAMING_PARALLEL_MIN)) {
            byRows(biasIdentityJob, a, bias, h, rows, cols, 0f, STREAMING_MIN_PART);
        } else {
            ActivationOps.biasIdentity(a, bias, h, 0, rows, cols);
        }
    }

    void biasSigmoid(float[] a, float[] bias, float[] h, int rows, int cols) {
        if (splits(rows * cols, TRANSCENDENTAL_PARALLEL_MIN)) {
            byRows(biasSigmoidJob, a, bias, h, rows, cols, 0f, TRANSCENDENTAL_MIN_PART);
        } else {
            ActivationOps.biasSigmoid(a, bias, h, 0, rows, cols);
        }
    }

    void biasTanh(float[] a, float[] bias, float[] h, int rows, int cols) {
        if (splits(rows * cols, TRANSCENDENTAL_PARALLEL_MIN)) {
            byRows(biasTanhJob, a, bias, h, rows, cols, 0f, TRANSCENDENTAL_MIN_PART);
        } else {
            ActivationOps.biasTanh(a, bias, h, 0, rows, cols);
        }
    }

    void biasRelu(float[] a, float[] bias, float[] h, int rows, int cols) {
        if (splits(rows * cols, STREAMING_PARALLEL_MIN)) {
            byRows(biasReluJob, a, bias, h, rows, cols, 0f, STREAMING_MIN_PART);
        } else {
            ActivationOps.biasRelu(a, bias, h, 0, rows, cols);
        }
    }

    void biasLeakyRelu(float[] a, float[] bias, float[] h, int rows, int cols, float slope) {
        if (splits(rows * cols, STREAMING_PARALLEL_MIN)) {
            byRows(biasLeakyReluJob, a, bias, h, rows, cols, slope, STREAMING_MIN_PART);
        } else {
            ActivationOps.biasLeakyRelu(a, bias, h, 0, rows, cols, slope);
        }
    }

    void biasSoftmax(float[] a, float[] bias, float[] h, int rows, int cols) {
        if (splits(rows * cols, cols < LANES ? NARROW_SOFTMAX_PARALLEL_MIN : TRANSCENDENTAL_PARALLEL_MIN)) {
            run(biasSoftmaxJob, rows, softmaxRowsPerPart(rows, cols, threads), a, bias, h, rows, cols, 0f);
        } else {
            SoftmaxOps.biasSoftmax(a, bias, h, 0, rows, cols);
        }
    }

    /** Rows per part of a split softmax: parts of at least ~1 µs of work. */
    static int softmaxRowsPerPart(int rows, int cols, int threads) {
        return cols < LANES
                ? rowsPerPart(rows, cols, threads, NARROW_SOFTMAX_MIN_PART, 1)
                : rowsPerPart(rows, cols, threads, TRANSCENDENTAL_MIN_PART, 1);
    }

    // ------------------------------------------------------------------ backward

    void sigmoidBackward(float[] dA, float[] dH, float[] h, int n) {
        if (splits(n, STREAMING_PARALLEL_MIN)) {
            byElements(sigmoidBackwardJob, dA, dH, h, n, 0f);
        } else {
            ActivationOps.sigmoidBackward(dA, dH, h, 0, n);
        }
    }

    void tanhBackward(float[] dA, float[] dH, float[] h, int n) {
        if (splits(n, STREAMING_PARALLEL_MIN)) {
            byElements(tanhBackwardJob, dA, dH, h, n, 0f);
        } else {
            ActivationOps.tanhBackward(dA, dH, h, 0, n);
        }
    }

    void reluBackward(float[] dA, float[] dH, float[] a, int n) {
        if (splits(n, STREAMING_PARALLEL_MIN)) {
            byElements(reluBackwardJob, dA, dH, a, n, 0f);
        } else {
            ActivationOps.reluBackward(dA, dH, a, 0, n);
        }
    }

    void leakyReluBackward(float[] dA, float[] dH, float[] a, int n, float slope) {
        if (splits(n, STREAMING_PARALLEL_MIN)) {
            byElements(leakyReluBackwardJob, dA, dH, a, n, slope);
        } else {
            ActivationOps.leakyReluBackward(dA, dH, a, 0, n, slope);
        }
    }

    void softmaxBackward(float[] dA, float[] dH, float[] h, int rows, int cols) {
        if (splits(rows * cols, STREAMING_PARALLEL_MIN)) {
            byRows(softmaxBackwardJob, dA, dH, h, rows, cols, 0f, STREAMING_MIN_PART);
        } else {
            SoftmaxOps.softmaxBackward(dA, dH, h, 0, rows, cols);
        }
    }

    // ------------------------------------------------------------------ element-wise and column sums

    void addColumnSums(float[] dst, float[] x, int rows, int cols) {
        if (splits(rows * cols, STREAMING_PARALLEL_MIN) && cols > COLUMN_BLOCK) {
            int minCols = ceilDiv(STREAMING_MIN_PART, rows);
            run(columnSumsJob, cols, ParallelRanges.partLength(cols, threads, COLUMN_BLOCK, minCols),
                    dst, x, null, rows, cols, 0f);
        } else {
            ElementwiseOps.addColumnSums(dst, x, rows, cols);
        }
    }

    void hadamard(float[] dst, float[] a, float[] b, int n) {
        if (splits(n, STREAMING_PARALLEL_MIN)) {
            byElements(hadamardJob, dst, a, b, n, 0f);
        } else {
            ElementwiseOps.hadamard(dst, a, b, 0, n);
        }
    }

    void scaleInPlace(float[] x, float s, int n) {
        if (splits(n, STREAMING_PARALLEL_MIN)) {
            byElements(scaleInPlaceJob, x, null, null, n, s);
        } else {
            ElementwiseOps.scaleInPlace(x, s, 0, n);
        }
    }

    void subtractScaled(float[] dst, float[] a, float[] b, float s, int n) {
        if (splits(n, STREAMING_PARALLEL_MIN)) {
            byElements(subtractScaledJob, dst, a, b, n, s);
        } else {
            ElementwiseOps.subtractScaled(dst, a, b, s, 0, n);
        }
    }

    // ------------------------------------------------------------------ dispatch

    private boolean splits(int elements, int threshold) {
        return threads > 1 && elements >= threshold;
    }

    /** Whole rows in parts of at least {@code minPart} elements. */
    private void byRows(RangeJob job, float[] x, float[] y, float[] z, int rows, int cols, float scalar,
                        int minPart) {
        run(job, rows, rowsPerPart(rows, cols, threads, minPart, 1), x, y, z, rows, cols, scalar);
    }

    /** Rows per part: at least {@code minPart} elements, a multiple of {@code granularity} rows. */
    private static int rowsPerPart(int rows, int cols, int threads, int minPart, int granularity) {
        return ParallelRanges.partLength(rows, threads, granularity, ceilDiv(minPart, cols));
    }

    /** A flat array in parts of at least {@link #STREAMING_MIN_PART} elements, at vector multiples. */
    private void byElements(RangeJob job, float[] x, float[] y, float[] z, int n, float scalar) {
        run(job, n, ParallelRanges.partLength(n, threads, LANES, STREAMING_MIN_PART), x, y, z, 0, 0, scalar);
    }

    private void run(RangeJob job, int n, int partLength, float[] x, float[] y, float[] z,
                     int rows, int cols, float scalar) {
        synchronized (ranges.lock) {
            this.array1 = x;
            this.array2 = y;
            this.array3 = z;
            this.rows = rows;
            this.cols = cols;
            this.scalar = scalar;
            try {
                ranges.run(job, n, partLength);
            } finally {
                this.array1 = null; // do not keep the caller's arrays reachable
                this.array2 = null;
                this.array3 = null;
            }
        }
    }

    /** ⌈a/b⌉ for a, b ≥ 1, without overflow. */
    private static int ceilDiv(int a, int b) {
        return (a - 1) / b + 1;
    }
}
