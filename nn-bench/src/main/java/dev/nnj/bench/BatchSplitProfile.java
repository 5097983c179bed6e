package dev.nnj.bench;

import dev.nnj.core.Network;
import dev.nnj.core.Parameter;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.optim.Optimizer;
import dev.nnj.core.optim.Optimizers;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * What two threads could gain on an SGD training step by splitting the batch instead of each product:
 * the question behind the two-thread target, answered before building it into the trainer.
 *
 * <p>Four ways to run the same step of 784-256-128-10 (plain SGD), interleaved in one JVM so that the
 * host's drift hits them alike:
 * <ul>
 *   <li>{@code one thread}: the network on {@code Kernels.simd(1)}, as the one-thread benchmarks run it;
 *   <li>{@code tiles}: the network on {@code Kernels.simd(2)}, every large product split into output tiles
 *       (what nnj does);
 *   <li>{@code split}: two copies of the network, one per core, each on {@code Kernels.simd(1)} with half
 *       the batch; then each core applies the whole update, from the sum of both halves' gradients in a
 *       fixed order, to its own copy of the weights, so the copies stay identical and no core writes a
 *       line the other reads (data parallelism as in PyTorch's DistributedDataParallel);
 *   <li>{@code split, one core}: the same arithmetic as {@code split} on the calling thread alone, which
 *       is what a split costs when there is no second core (and what results identical for every thread
 *       count would require of one thread).
 * </ul>
 * For {@code split} it also reports where the time goes: the calling core's half, waiting for the other
 * core, and the update; for {@code split, one core}, a half and the two updates, each on a core alone.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp nn-bench/target/benchmarks.jar dev.nnj.bench.BatchSplitProfile [batch] [rounds]</pre>
 */
public final class BatchSplitProfile {

    private static final float LEARNING_RATE = 0.01f;
    private static final int BATCHES = 8;
    private static final String[] MODES = {"one thread", "tiles, 2 threads", "split, 2 threads", "split, one core"};

    private final int batch;
    private final int half;
    private final float[][] x = new float[BATCHES][];
    private final float[][] y = new float[BATCHES][];
    private final float[][][] xHalf = new float[2][BATCHES][];
    private final float[][][] yHalf = new float[2][BATCHES][];
    private final Kernels oneThread = Kernels.simd(1);
    private final Kernels twoThreads = Kernels.simd(2);
    private final Network single = Mlp.build(oneThread);
    private final Network tiled = Mlp.build(twoThreads);
    private final Optimizer singleSgd = Optimizers.create("sgd");
    private final Optimizer tiledSgd = Optimizers.create("sgd");
    /** One copy of the network per core for the split, each on its own kernels; same seed, same initial weights. */
    private final Kernels[] copyKernels = {Kernels.simd(1), Kernels.simd(1)};
    private final Network[] copies = {Mlp.build(copyKernels[0]), Mlp.build(copyKernels[1])};
    private final Parameter[][] parameters = {
            copies[0].parameters().toArray(new Parameter[0]), copies[1].parameters().toArray(new Parameter[0])};

    /** Work handed to the second core: the batch index to run, then the update. */
    private volatile int posted;
    private volatile int finished;
    private volatile int phase;
    private volatile int batchIndex;
    private volatile Thread helper;
    private final long[] splitNanos = new long[3];
    private final long[] sequentialNanos = new long[2];
    private long splitSteps;

    private BatchSplitProfile(int batch) {
        this.batch = batch;
        this.half = batch / 2;
        Random rng = new Random(Inputs.SEED);
        for (int i = 0; i < BATCHES; i++) {
            x[i] = Mlp.images(rng, batch);
            y[i] = Mlp.oneHot(rng, batch);
            for (int c = 0; c < 2; c++) {
                xHalf[c][i] = Arrays.copyOfRange(x[i], c * half * Mlp.INPUTS, (c + 1) * half * Mlp.INPUTS);
                yHalf[c][i] = Arrays.copyOfRange(y[i], c * half * Mlp.CLASSES, (c + 1) * half * Mlp.CLASSES);
            }
        }
    }

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        if (batch < 2 || batch % 2 != 0) {
            throw new IllegalArgumentException("batch must be even and at least 2, got " + batch);
        }
        new BatchSplitProfile(batch).run(rounds);
    }

    private void run(int rounds) {
        Thread second = new Thread(this::secondCore, "split-second-core");
        second.setDaemon(true);
        second.start();
        // About 0.2 s per mode and round; five unrecorded rounds bring every kernel to C2 first.
        int steps = Math.max(20, 200 * 128 / batch);
        double[][] micros = new double[MODES.length][rounds];
        for (int round = -5; round < rounds; round++) {
            if (round == 0) {
                Arrays.fill(splitNanos, 0);
                Arrays.fill(sequentialNanos, 0);
                splitSteps = 0;
            }
            for (int mode = 0; mode < MODES.length; mode++) {
                long start = System.nanoTime();
                for (int s = 0; s < steps; s++) {
                    step(mode, s % BATCHES);
                }
                if (round >= 0) {
                    micros[mode][round] = (System.nanoTime() - start) / 1e3 / steps;
                }
            }
        }
        requireIdenticalCopies();
        System.out.printf("SGD step of 784-256-128-10 at batch %d, %d interleaved rounds of %d steps%n",
                batch, rounds, steps);
        for (int mode = 0; mode < MODES.length; mode++) {
            System.out.printf("  %-18s median %7.1f µs/step", MODES[mode], median(micros[mode]));
            if (mode > 0) {
                double[] ratios = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    ratios[r] = micros[0][r] / micros[mode][r];
                }
                Arrays.sort(ratios);
                System.out.printf("   one thread ÷ this: median %.2f, middle 80%% %.2f–%.2f",
                        ratios[rounds / 2], ratios[rounds / 10], ratios[rounds - 1 - rounds / 10]);
            }
            System.out.println();
        }
        System.out.printf("  split, per step: the calling core's half %.1f µs, waiting for the other %.1f µs, "
                + "update %.1f µs%n", splitNanos[0] / 1e3 / splitSteps, splitNanos[1] / 1e3 / splitSteps,
                splitNanos[2] / 1e3 / splitSteps);
        System.out.printf("  split, one core, per step: each half %.1f µs, both updates %.1f µs%n",
                sequentialNanos[0] / 2e3 / splitSteps, sequentialNanos[1] / 1e3 / splitSteps);
        oneThread.close();
        twoThreads.close();
        for (Kernels kernels : copyKernels) {
            kernels.close();
        }
    }

    private void step(int mode, int i) {
        switch (mode) {
            case 0 -> sgdStep(single, singleSgd, oneThread, x[i], y[i]);
            case 1 -> sgdStep(tiled, tiledSgd, twoThreads, x[i], y[i]);
            case 2 -> splitStep(i);
            default -> {
                long start = System.nanoTime();
                forwardBackward(0, i);
                forwardBackward(1, i);
                long halves = System.nanoTime();
                update(0);
                update(1);
                sequentialNanos[0] += halves - start;
                sequentialNanos[1] += System.nanoTime() - halves;
            }
        }
    }

    private void sgdStep(Network network, Optimizer sgd, Kernels kernels, float[] input, float[] targets) {
        network.zeroGrad();
        network.forward(input, batch, true);
        network.backward(targets);
        sgd.step(kernels, network.parameters(), LEARNING_RATE);
    }

    private void splitStep(int i) {
        long start = System.nanoTime();
        batchIndex = i;
        post(1);
        forwardBackward(0, i);
        long own = System.nanoTime();
        awaitSecondCore();
        long joined = System.nanoTime();
        post(2);
        update(0);
        awaitSecondCore();
        long end = System.nanoTime();
        splitNanos[0] += own - start;
        splitNanos[1] += joined - own;
        splitNanos[2] += end - joined;
        splitSteps++;
    }

    private void forwardBackward(int copy, int i) {
        Network network = copies[copy];
        network.zeroGrad();
        network.forward(xHalf[copy][i], half, true);
        network.backward(yHalf[copy][i]);
    }

    /**
     * w ← w − η·(g₀ + g₁)/2 on copy {@code copy}: each half's loss is a mean over its own rows, so the
     * mean of the two is the batch's; both copies add the halves in the same order and stay identical.
     */
    private void update(int copy) {
        for (int p = 0; p < parameters[copy].length; p++) {
            float[] w = parameters[copy][p].value();
            float[] g0 = parameters[0][p].grad();
            float[] g1 = parameters[1][p].grad();
            for (int j = 0; j < w.length; j++) {
                w[j] -= LEARNING_RATE * (0.5f * (g0[j] + g1[j]));
            }
        }
    }

    private void post(int work) {
        phase = work;
        posted = posted + 1;
        LockSupport.unpark(helper);
    }

    /** Spins for 50 µs, then parks in short naps: the cores are shared with other processes. */
    private void awaitSecondCore() {
        long start = System.nanoTime();
        while (finished != posted) {
            if (System.nanoTime() - start < 50_000) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(10_000);
            }
        }
    }

    private void secondCore() {
        helper = Thread.currentThread();
        int seen = 0;
        while (true) {
            long start = System.nanoTime();
            while (posted == seen) {
                if (System.nanoTime() - start < 50_000) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(100_000);
                }
            }
            seen = posted;
            if (phase == 1) {
                forwardBackward(1, batchIndex);
            } else {
                update(1);
            }
            finished = seen;
        }
    }

    private void requireIdenticalCopies() {
        for (int p = 0; p < parameters[0].length; p++) {
            if (!Arrays.equals(parameters[0][p].value(), parameters[1][p].value())) {
                throw new IllegalStateException("the two copies of " + parameters[0][p].name() + " differ");
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
