package dev.nnj.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What it costs one core to rewrite an array, depending on what the other core last did with it: nothing,
 * wrote it, or only read it. This is the pattern of a training step on two threads, where a kernel on the
 * calling thread rewrites activations or weights that the other thread read in the previous GEMM, so it
 * bounds what a second thread can gain on a step whose arrays both cores touch.
 *
 * <p>The last mode adds 4 MB of unrelated traffic on each core between the read and the rewrite, as the
 * rest of a training step does: if the cost came from the line still sitting in the other core's L2, this
 * would remove it. Measured here it barely changes (17–19 µs against 21–22): the other copy stays
 * registered beyond L2, so reordering the kernels of a step or rotating its buffers cannot avoid the cost;
 * only a partition in which each line is read by the core that writes it can.
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
        READS("lines the other core last read"),
        READS_THEN_EVICTS("... then both streamed 4 MB each");

        final String description;

        OtherCore(String description) {
            this.description = description;
        }
    }

    private final float[] input = new float[FLOATS];
    private final float[] output = new float[FLOATS];
    /** 4 MB per core, four times a core's L2: streaming it pushes the array out of both L2 caches. */
    private final float[] otherBulk = new float[1 << 20];
    private final float[] ownBulk = new float[1 << 20];
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
            if (mode == OtherCore.READS_THEN_EVICTS) {
                stream(ownBulk);
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
            case READS -> readOutput();
            case READS_THEN_EVICTS -> {
                readOutput();
                stream(otherBulk);
            }
        }
    }

    private void readOutput() {
        float sum = 0;
        for (int i = 0; i < FLOATS; i++) {
            sum += output[i];
        }
        sink = sum;
    }

    /** Reads and writes every element, which evicts from L2 what the core touched before. */
    private static void stream(float[] bulk) {
        for (int i = 0; i < bulk.length; i++) {
            bulk[i] += 1f;
        }
    }

    /** The timed pass, shaped like bias + ReLU: reads one array, overwrites the other. */
    private void rewrite() {
        for (int i = 0; i < FLOATS; i++) {
            output[i] = Math.max(input[i] + 1f, 0f);
        }
    }
}
