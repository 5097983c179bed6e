package dev.nnj.simd;

import jdk.incubator.vector.FloatVector;

/**
 * The optimizer updates of {@link OptimizerOps}, run on the worker threads when the arrays are large
 * enough to pay for the hand-off, and on the calling thread otherwise.
 *
 * <p>A large update is cut into parts of {@link #partLength} elements, a multiple of the vector length,
 * so every part but the last is vector body only and the scalar tail runs at the end of the array, as in
 * a single-threaded pass. Each element is updated by the same operations whoever runs its part, so the
 * results are bit-identical for any thread count.
 *
 * <p>The parts run through {@link ParallelRanges}, under its lock: the arguments of the call in progress
 * live in fields written under that lock, and the jobs are preallocated, so a call allocates nothing.
 */
final class ParallelUpdates {

    /*
     * When to split. Measured here: a worker still spinning from the previous job (they spin 50 µs, and a
     * training step's updates follow its backward GEMMs within microseconds) starts its first part 1–3 µs
     * after the hand-off, a parked one ~16 µs; the caller works from the start either way. With two
     * threads a split saves at most half the single-thread time, so it pays when that half clearly exceeds
     * the spinning hand-off: about 10 µs of work alone.
     */

    /**
     * Adam, RMSProp and AdaGrad cost ~0.18 ns per element on one thread (a square root and a division per
     * element; 36 µs for 200704 elements): 65536 elements are ~12 µs, of which a second thread can take
     * ~6 µs against a hand-off of 1–3 µs. Measured for Adam: 10.3 → 7.9 µs at 65536 elements on two
     * threads, 38 → 22 µs at 200704; at 32768 the gain is within the noise.
     */
    static final int ADAPTIVE_PARALLEL_MIN = 1 << 16;
    /**
     * SGD costs 0.07–0.12 ns per element (memory-bound; the top end with momentum): 131072 elements are
     * 9–15 µs alone. Measured with momentum: 14.8 µs on one thread, 8.6 µs on two.
     */
    static final int SGD_PARALLEL_MIN = 1 << 17;
    /**
     * Elements per part at least: ~3 µs of Adam, ~1 µs of SGD, so claiming a part (one CAS) stays
     * negligible.
     */
    static final int MIN_PART = 1 << 14;
    private static final int LANES = FloatVector.SPECIES_PREFERRED.length();

    private final ParallelRanges ranges;

    // Arguments of the current call, read by the jobs below (published by WorkerPool.run).
    private float[] param;
    private float[] grad;
    private float[] state1;
    private float[] state2;
    private float lr;
    private float beta1;
    private float beta2;
    private float alpha;
    private float eps;
    private float momentum;
    private float weightDecay;
    private float stepSize;
    private float epsHat;
    private boolean nesterov;
    private boolean firstStep;
    private boolean decoupled;

    private final ParallelRanges.RangeJob sgdJob = (from, to) -> OptimizerOps.sgd(param, grad, state1,
            from, to, lr, momentum, weightDecay, nesterov, firstStep);
    private final ParallelRanges.RangeJob adamJob = (from, to) -> OptimizerOps.adam(param, grad, state1, state2,
            from, to, lr, beta1, beta2, weightDecay, decoupled, stepSize, epsHat);
    private final ParallelRanges.RangeJob rmspropJob = (from, to) -> OptimizerOps.rmsprop(param, grad, state1,
            state2, from, to, lr, alpha, eps, weightDecay, momentum);
    private final ParallelRanges.RangeJob adagradJob = (from, to) -> OptimizerOps.adagrad(param, grad, state1,
            from, to, lr, eps, weightDecay);

    ParallelUpdates(ParallelRanges ranges) {
        this.ranges = ranges;
    }

    void sgd(float[] param, float[] grad, float[] velocity, int n,
             float lr, float momentum, float weightDecay, boolean nesterov, boolean firstStep) {
        if (!split(n, SGD_PARALLEL_MIN)) {
            OptimizerOps.sgd(param, grad, velocity, 0, n, lr, momentum, weightDecay, nesterov, firstStep);
            return;
        }
        synchronized (ranges.lock) {
            this.lr = lr;
            this.momentum = momentum;
            this.weightDecay = weightDecay;
            this.nesterov = nesterov;
            this.firstStep = firstStep;
            run(sgdJob, param, grad, velocity, null, n);
        }
    }

    void adam(float[] param, float[] grad, float[] m, float[] v, int n,
              float lr, float beta1, float beta2, float eps, float weightDecay, boolean decoupled, long step) {
        float stepSize = OptimizerOps.adamStepSize(lr, beta1, beta2, step);
        float epsHat = OptimizerOps.adamEps(eps, beta2, step);
        if (!split(n, ADAPTIVE_PARALLEL_MIN)) {
            OptimizerOps.adam(param, grad, m, v, 0, n, lr, beta1, beta2, weightDecay, decoupled, stepSize, epsHat);
            return;
        }
        synchronized (ranges.lock) {
            this.lr = lr;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.weightDecay = weightDecay;
            this.decoupled = decoupled;
            this.stepSize = stepSize;
            this.epsHat = epsHat;
            run(adamJob, param, grad, m, v, n);
        }
    }

    void rmsprop(float[] param, float[] grad, float[] square, float[] velocity, int n,
                 float lr, float alpha, float eps, float weightDecay, float momentum) {
        if (!split(n, ADAPTIVE_PARALLEL_MIN)) {
            OptimizerOps.rmsprop(param, grad, square, velocity, 0, n, lr, alpha, eps, weightDecay, momentum);
            return;
        }
        synchronized (ranges.lock) {
            this.lr = lr;
            this.alpha = alpha;
            this.eps = eps;
            this.weightDecay = weightDecay;
            this.momentum = momentum;
            run(rmspropJob, param, grad, square, velocity, n);
        }
    }

    void adagrad(float[] param, float[] grad, float[] sum, int n, float lr, float eps, float weightDecay) {
        if (!split(n, ADAPTIVE_PARALLEL_MIN)) {
            OptimizerOps.adagrad(param, grad, sum, 0, n, lr, eps, weightDecay);
            return;
        }
        synchronized (ranges.lock) {
            this.lr = lr;
            this.eps = eps;
            this.weightDecay = weightDecay;
            run(adagradJob, param, grad, sum, null, n);
        }
    }

    private boolean split(int n, int threshold) {
        return ranges.threads() > 1 && n >= threshold;
    }

    /** Runs {@code job} over [0, n) in parts; the caller holds the lock and has set the scalar arguments. */
    private void run(ParallelRanges.RangeJob job, float[] param, float[] grad, float[] state1, float[] state2,
                     int n) {
        this.param = param;
        this.grad = grad;
        this.state1 = state1;
        this.state2 = state2;
        try {
            ranges.run(job, n, partLength(n, ranges.threads()));
        } finally {
            this.param = null; // do not keep the caller's arrays reachable
            this.grad = null;
            this.state1 = null;
            this.state2 = null;
        }
    }

    /**
     * Elements per part for an update of n elements on {@code threads} threads: a multiple of the vector
     * length, at least {@link #MIN_PART} (unless one part holds everything), and about n/(threads·4).
     */
    static int partLength(int n, int threads) {
        return ParallelRanges.partLength(n, threads, LANES, MIN_PART);
    }
}
