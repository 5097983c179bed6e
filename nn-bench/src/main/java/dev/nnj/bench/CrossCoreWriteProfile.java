package dev.nnj.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What it costs one core to rewrite an array, depending on what the other core last did with it: nothing,
 * wrote it, or only read it. This is the pattern of a training step on two threads, where a kernel on the
 * calling thread rewrites activations or weights that the other thread read in the previous GEMM, so it
 * bounds what a second thread can gain on a step whose arrays both cores touch.
 *
 * <p>The array is 128 KB (batch 128 × 256 floats, the first hidden layer's activations), rewritten by a
 * pass like bias + ReLU. The two threads take turns through an atomic flag and only the rewrite is timed.
 * A diagnostic, not a JMH benchmark: JMH has no way to make a second thread touch the state between
 * invocations of a single-threaded benchmark.
 *
 * <pre>java -cp nn-bench/target/benchmarks.jar dev.nnj.bench.CrossCoreWriteProfile</pre>
 */
public final class CrossCoreWriteProfile {

    private static final int FLOATS = 128 * 256;
    private static final int ROUNDS = 20_000;

    /** What the other core does with the array before each timed rewrite. */
    private enum OtherCore {
        NOTHING("the lines only it touches"),
        WRITES("lines the other core last wrote"),
        READS("lines the other core last read");

        final String description;

        OtherCore(String description) {
            this.description = description;
        }
    }

    private final float[] input = new float[FLOATS];
    private final float[] output = new float[FLOATS];
    /** 1 while the other core has its turn, 0 while the timing thread has it. */
    private final AtomicInteger turn = new AtomicInteger();
    private volatile float sink;

    private CrossCoreWriteProfile() {
        for (int i = 0; i < FLOATS; i++) {
            input[i] = (i % 7) - 3f;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            System.err.println("needs at least 2 processors");
            System.exit(2);
        }
        System.out.printf("one core rewrites %d KB, median of %d rounds after warm-up:%n", FLOATS * 4 / 1024,
                ROUNDS);
        double own = 0;
        for (OtherCore other : OtherCore.values()) {
            double micros = new CrossCoreWriteProfile().medianMicros(other);
            if (other == OtherCore.NOTHING) {
                own = micros;
                System.out.printf("  %-34s %6.1f µs%n", other.description, micros);
            } else {
                System.out.printf("  %-34s %6.1f µs  (%.1f×)%n", other.description, micros, micros / own);
            }
        }
    }

    private double medianMicros(OtherCore mode) throws InterruptedException {
        int warmup = ROUNDS / 2;
        Thread other = new Thread(() -> {
            for (int round = 0; round < warmup + ROUNDS; round++) {
                while (turn.get() != 1) {
                    Thread.onSpinWait();
                }
                touch(mode);
                turn.set(0);
            }
        }, "other-core");
        other.setDaemon(true);
        other.start();
        long[] nanos = new long[ROUNDS];
        for (int round = 0; round < warmup + ROUNDS; round++) {
            turn.set(1);
            while (turn.get() != 0) {
                Thread.onSpinWait();
            }
            long start = System.nanoTime();
            rewrite();
            if (round >= warmup) {
                nanos[round - warmup] = System.nanoTime() - start;
            }
        }
        other.join();
        Arrays.sort(nanos);
        return nanos[ROUNDS / 2] / 1e3;
    }

    /** The other core's turn. */
    private void touch(OtherCore mode) {
        switch (mode) {
            case NOTHING -> sink = input[0];
            case WRITES -> {
                for (int i = 0; i < FLOATS; i++) {
                    output[i] = input[i];
                }
            }
            case READS -> {
                float sum = 0;
                for (int i = 0; i < FLOATS; i++) {
                    sum += output[i];
                }
                sink = sum;
            }
        }
    }

    /** The timed pass, shaped like bias + ReLU: reads one array, overwrites the other. */
    private void rewrite() {
        for (int i = 0; i < FLOATS; i++) {
            output[i] = Math.max(input[i] + 1f, 0f);
        }
    }
}
