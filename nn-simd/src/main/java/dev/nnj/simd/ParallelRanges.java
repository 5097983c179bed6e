package dev.nnj.simd;

/**
 * Runs a kernel over [0, n) (elements, rows or columns) in contiguous parts on the shared
 * {@link WorkerPool}: the dispatch that {@link ParallelUpdates} and {@link ParallelElementwise} share.
 *
 * <p>Part boundaries are multiples of a granularity the owner chooses (the vector length for flat
 * arrays, so that every element falls in the vector body or the scalar tail just as in a single pass)
 * and depend on n and the thread count only. A kernel whose parts compute each element exactly as a pass
 * over [0, n) does is therefore bit-identical for any thread count.
 *
 * <p>{@link WorkerPool#run} must never be called concurrently, and the pool is shared with {@link Gemm}:
 * every user synchronises on {@link #lock} (the Gemm instance). Owners keep the arguments of the call in
 * progress in fields written under that lock (published to the workers by {@link WorkerPool#run}),
 * preallocate their {@link RangeJob}s and null their array fields after the call, so a call allocates
 * nothing and keeps no caller array reachable.
 */
final class ParallelRanges {

    /** A kernel over [from, to) of the arguments that its owner stored for the call in progress. */
    interface RangeJob {
        void run(int from, int to);
    }

    /** Parts per thread to aim for, so dynamic claiming can rebalance when a thread is descheduled. */
    static final int PARTS_PER_THREAD = 4;

    /** The lock of every user of the pool; held around {@link #run}. */
    final Object lock;
    private final WorkerPool pool;

    // The range job in progress and its split (published by WorkerPool.run).
    private RangeJob job;
    private int n;
    private int partLength;

    private final WorkerPool.Job partJob = (part, thread) -> {
        int from = part * partLength;
        job.run(from, from + Math.min(partLength, n - from));
    };

    /** Ranges on {@code pool}, whose users synchronise their calls on {@code lock}. */
    ParallelRanges(WorkerPool pool, Object lock) {
        this.pool = pool;
        this.lock = lock;
    }

    int threads() {
        return pool.threads();
    }

    /**
     * Runs {@code job} over [0, n) in parts of {@code partLength} (the last one shorter), on the caller and
     * the workers. The caller holds {@link #lock} and has stored the job's arguments.
     */
    void run(RangeJob job, int n, int partLength) {
        this.job = job;
        this.n = n;
        this.partLength = partLength;
        try {
            pool.run(partJob, (n - 1) / partLength + 1);
        } finally {
            this.job = null;
        }
    }

    /**
     * Part length for [0, n) on {@code threads} threads: a multiple of {@code granularity}, at least
     * {@code minPart} (unless one part holds everything), and about n/(threads·{@value #PARTS_PER_THREAD}).
     */
    static int partLength(int n, int threads, int granularity, int minPart) {
        int parts = Math.max(1, Math.min(threads * PARTS_PER_THREAD, n / Math.max(1, minPart)));
        long length = ((long) n + parts - 1) / parts;
        return (int) Math.min((length + granularity - 1) / granularity * granularity,
                Integer.MAX_VALUE / granularity * granularity);
    }
}
