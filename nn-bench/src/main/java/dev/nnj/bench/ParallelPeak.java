package dev.nnj.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The machine's multiply-add peak on several threads at once, for {@link TimingServer}: each call runs
 * {@link PeakFlopsBenchmark}'s register-only FMA chains {@value #RUNS_PER_CALL} times in all, split evenly
 * among the threads. One thread's time for a call over the time of the same call on two threads is what
 * two threads can gain on this machine at that moment, before any memory is shared: on this shared host
 * that ceiling moves (a multiply-add loop has scaled from 1.56× to 2.0×), so alternate.py times it beside
 * nnj's own two-thread figures.
 *
 * <p>A call takes about 1.8 ms on one core, so handing the other threads their share (a task each on a
 * pool of daemon threads, up to ~16 µs when a thread must be woken) costs about 1% of it.
 */
final class ParallelPeak {

    /** Runs of the chains per call, divisible by any thread count this is used with (1, 2, 4, 8). */
    static final int RUNS_PER_CALL = 256;

    private final int threads;
    private final ExecutorService helpers;

    ParallelPeak(int threads) {
        if (threads < 1 || RUNS_PER_CALL % threads != 0) {
            throw new IllegalArgumentException("THREADS must divide " + RUNS_PER_CALL + ", got " + threads);
        }
        this.threads = threads;
        helpers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, task -> {
            Thread t = new Thread(task, "peak-flops");
            t.setDaemon(true);
            return t;
        });
    }

    /** One call: every thread runs its share of the chains; returns their results, summed. */
    float call() {
        int share = RUNS_PER_CALL / threads;
        List<Future<Float>> others = new ArrayList<>(threads - 1);
        for (int t = 1; t < threads; t++) {
            others.add(helpers.submit(() -> runs(share)));
        }
        float sum = runs(share);
        try {
            for (Future<Float> other : others) {
                sum += other.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the other threads", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return sum;
    }

    private static float runs(int count) {
        float sum = 0;
        for (int i = 0; i < count; i++) {
            sum += PeakFlopsBenchmark.chains(0.999f, 0.001f);
        }
        return sum;
    }
}
