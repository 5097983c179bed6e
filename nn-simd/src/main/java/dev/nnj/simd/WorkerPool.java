package dev.nnj.simd;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of daemon worker threads that, together with the calling thread, run the numbered parts
 * of one job at a time.
 *
 * <p>The parts are cut into one contiguous range per thread, and each thread claims the parts of its own
 * range first, in order, then helps with the ranges of the others. So in the usual case a thread runs the
 * same share of every job, call after call: a GEMM thread packs only the operand blocks that its own
 * tiles use, and an element-wise kernel finds its slice of the arrays in the cache of the core that last
 * wrote it. On these machines a cache line costs several times more when the other core touched it last:
 * rewriting 128 KB took 2.5× as long when the other core had written it and 12× when it had only read it
 * ({@code CrossCoreWriteProfile} in nn-bench), and splitting the packing of a GEMM operand over two threads
 * made that phase 4× slower than packing it on one. Claiming stays dynamic, so a thread that the
 * operating system deschedules (these machines are shared) simply runs fewer parts while the others take
 * over its work.
 * Which thread runs a part never changes what the part computes, so results do not depend on the thread
 * count. The caller always participates, so a pool of one thread has no workers at all.
 *
 * <p>Idle workers spin for a short while before parking: consecutive jobs (the phases of one GEMM, the
 * GEMMs of one training step) usually follow within microseconds, and waking a parked thread costs tens
 * of microseconds on virtual machines. The spin is bounded because cores are shared with other processes.
 *
 * <p>{@link #run} must not be called concurrently: {@link Gemm} and {@link ParallelRanges} (the optimizer
 * updates and the element-wise kernels), which share one pool, all synchronise on the Gemm instance.
 */
final class WorkerPool implements AutoCloseable {

    /** One part of a job. Implementations are preallocated objects, so dispatching allocates nothing. */
    interface Job {
        /** Runs part {@code part}; {@code thread} is 0 for the caller and 1..threads−1 for workers. */
        void run(int part, int thread);
    }

    /** How long an idle worker polls for the next job before parking: about one small GEMM. */
    private static final long SPIN_NANOS = 50_000;
    /** How long the caller polls for the last parts to finish before parking. */
    private static final long WAIT_SPIN_NANOS = 20_000;

    /** Slots between two threads' claim counters: 128 bytes, so no two share a cache line (or its neighbour). */
    private static final int PAD = 16;

    private final Thread[] workers;
    /**
     * Per thread t, at index t·PAD: the job generation (high 32 bits) and the next unclaimed part of the
     * thread's range (low 32 bits). One CAS ties a claim to its job.
     */
    private final AtomicLongArray claims;
    private final AtomicInteger unfinished = new AtomicInteger();
    private volatile Job job;
    private volatile int parts;
    private volatile int generation;
    private volatile Thread waiter;
    private volatile Throwable failure;
    private volatile boolean closed;

    WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + threads);
        }
        workers = new Thread[threads - 1];
        claims = new AtomicLongArray(threads * PAD);
        for (int w = 0; w < workers.length; w++) {
            int id = w + 1;
            Thread t = new Thread(() -> workLoop(id), "nnj-simd-worker-" + id);
            t.setDaemon(true);
            workers[w] = t;
        }
        for (Thread t : workers) {
            t.start();
        }
    }

    int threads() {
        return workers.length + 1;
    }

    /**
     * Runs {@code job} for parts 0..parts−1 on the caller and the workers (on the caller alone once the
     * pool is closed); returns when all are done.
     */
    void run(Job job, int parts) {
        if (workers.length == 0 || parts <= 1 || closed) {
            for (int p = 0; p < parts; p++) {
                job.run(p, 0);
            }
            return;
        }
        int gen = generation + 1;
        // Stamp the claim counters first: a worker still holding an older generation can no longer claim.
        for (int t = 0; t < threads(); t++) {
            claims.set(t * PAD, (long) gen << 32 | rangeStart(t, parts));
        }
        this.job = job;
        this.parts = parts;
        this.failure = null;
        this.waiter = Thread.currentThread();
        unfinished.set(parts);
        generation = gen; // volatile write: publishes the fields above to workers that see the new generation
        for (Thread t : workers) {
            LockSupport.unpark(t);
        }
        work(gen, job, parts, 0);
        long spinUntil = System.nanoTime() + WAIT_SPIN_NANOS;
        while (unfinished.get() != 0) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this); // the thread finishing the last part unparks us
            }
        }
        this.job = null;
        Throwable t = failure;
        if (t != null) {
            throw new IllegalStateException("a SIMD worker failed: " + t, t);
        }
    }

    /** First part of thread t's range: the ranges split [0, parts) as evenly as possible, in thread order. */
    private int rangeStart(int t, int parts) {
        return (int) ((long) t * parts / threads());
    }

    /**
     * Claims and runs parts of job generation {@code gen} until none are left: those of the thread's own
     * range first, then those of the others, the next thread's first.
     */
    private void work(int gen, Job job, int parts, int thread) {
        int threads = threads();
        for (int i = 0; i < threads; i++) {
            int owner = (thread + i) % threads;
            int end = rangeStart(owner + 1, parts);
            while (true) {
                long c = claims.get(owner * PAD);
                if ((int) (c >>> 32) != gen) {
                    return; // the job is over and the counters already belong to the next one
                }
                if ((int) c >= end) {
                    break;
                }
                if (!claims.compareAndSet(owner * PAD, c, c + 1)) {
                    continue;
                }
                try {
                    job.run((int) c, thread);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    if (unfinished.decrementAndGet() == 0) {
                        LockSupport.unpark(waiter);
                    }
                }
            }
        }
    }

    private void workLoop(int thread) {
        int seen = 0;
        long idleSince = System.nanoTime();
        while (!closed) {
            int gen = generation;
            if (gen != seen) {
                seen = gen;
                Job j = job;
                if (j != null) {
                    work(gen, j, parts, thread);
                }
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this); // run() and close() unpark every worker
            }
        }
    }

    /** Stops the workers and waits briefly for them to end. */
    @Override
    public void close() {
        closed = true;
        for (Thread t : workers) {
            LockSupport.unpark(t);
        }
        for (Thread t : workers) {
            try {
                t.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The worker threads, for tests that check {@link #close()} ends them. */
    Thread[] workerThreads() {
        return workers.clone();
    }
}
