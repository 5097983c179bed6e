package dev.nnj.bench;

import dev.nnj.core.Network;
import dev.nnj.core.Parameter;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.optim.Optimizer;
import dev.nnj.core.optim.Optimizers;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Where the time of one {@link TrainingStepBenchmark} step goes: runs the step with every {@link Kernels}
 * call timed, and prints for each kernel and shape (sgemm by transpose and m×n×k, updates by array size,
 * element-wise kernels by their sizes) the mean microseconds per step and the median per call. It answers
 * what JMH's whole-step score cannot, e.g. whether a kernel is slower inside the step than alone because
 * the other core just read or wrote its arrays (see {@link CrossCoreWriteProfile}).
 *
 * <p>A diagnostic, not a benchmark: the timing proxy adds well under a microsecond per call, which is
 * small against the 20-odd calls of a step but not nothing. It ends with the step's cost over its GEMMs,
 * both timed without the proxy, interleaved in the same JVM.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp nn-bench/target/benchmarks.jar dev.nnj.bench.StepProfile 128 adam simd-2</pre>
 */
public final class StepProfile {

    private static final int WARMUP_STEPS = 20_000;
    private static final int TIMED_STEPS = 5_000;
    /** Distinct batches cycled through, so that a step does not find its input in cache from the last one. */
    private static final int BATCHES = 8;

    /** Per kernel (and shape): the duration of each timed call, in nanoseconds, in call order. */
    private final Map<String, Samples> calls = new TreeMap<>();
    private boolean timing;

    private StepProfile() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: StepProfile BATCH OPTIMIZER KERNELS   e.g. 128 adam simd-2");
            System.exit(2);
        }
        int batch = Integer.parseInt(args[0]);
        try (Kernels backend = KernelChoice.open(args[2])) {
            new StepProfile().run(batch, Optimizers.create(args[1]), backend);
            stepAgainstGemms(batch, Optimizers.create(args[1]), backend);
        }
    }

    private void run(int batch, Optimizer optimizer, Kernels backend) {
        Kernels timed = (Kernels) Proxy.newProxyInstance(Kernels.class.getClassLoader(),
                new Class<?>[] {Kernels.class}, (proxy, method, arguments) -> call(backend, method, arguments));
        Network network = Mlp.build(timed);
        List<Parameter> parameters = network.parameters();
        Random rng = new Random(Inputs.SEED);
        float[][] x = new float[BATCHES][];
        float[][] y = new float[BATCHES][];
        fillBatches(rng, batch, x, y);
        long total = 0;
        for (int s = 0; s < WARMUP_STEPS + TIMED_STEPS; s++) {
            timing = s >= WARMUP_STEPS;
            long start = System.nanoTime();
            step(network, optimizer, timed, parameters, x[s % x.length], y[s % y.length], batch);
            if (timing) {
                total += System.nanoTime() - start;
            }
        }
        System.out.printf("step %.1f µs (batch %d, %s, %s)%n", total / 1e3 / TIMED_STEPS, batch,
                optimizer.getClass().getSimpleName(), backend.name() + " × " + backend.threads());
        // The mean per step includes the calls that a shared machine delayed; the median per call does not.
        System.out.printf("%-36s %9s %9s%n", "", "per step", "per call");
        System.out.printf("%-36s %9s %9s%n", "", "mean µs", "median µs");
        long kernels = 0;
        for (Map.Entry<String, Samples> e : calls.entrySet()) {
            Samples samples = e.getValue();
            kernels += samples.total();
            System.out.printf("%-36s %9.1f %9.1f  (%d calls per step)%n", e.getKey(),
                    samples.total() / 1e3 / TIMED_STEPS, samples.median() / 1e3, samples.count / TIMED_STEPS);
        }
        System.out.printf("%-36s %9.1f%n", "all kernels", kernels / 1e3 / TIMED_STEPS);
    }

    /**
     * The step's cost over its eight products, both timed in this JVM and interleaved (a step, then the
     * products alone on the same arrays, and again), without the timing proxy. On a shared machine one
     * JVM fork can run 30% slower than the next, so the two JMH benchmarks, measured in separate forks,
     * give this ratio only as well as the forks agree; here both sides see the same machine state.
     */
    private static void stepAgainstGemms(int batch, Optimizer optimizer, Kernels backend) {
        Network network = Mlp.build(backend);
        List<Parameter> parameters = network.parameters();
        Random rng = new Random(Inputs.SEED);
        float[][] x = new float[BATCHES][];
        float[][] y = new float[BATCHES][];
        fillBatches(rng, batch, x, y);
        StepGemms gemms = new StepGemms(backend, network, batch, rng);
        long[] stepNanos = new long[TIMED_STEPS];
        long[] gemmNanos = new long[TIMED_STEPS];
        for (int s = 0; s < WARMUP_STEPS + TIMED_STEPS; s++) {
            float[] xs = x[s % x.length];
            long start = System.nanoTime();
            step(network, optimizer, backend, parameters, xs, y[s % y.length], batch);
            long stepEnd = System.nanoTime();
            gemms.run(xs);
            long end = System.nanoTime();
            if (s >= WARMUP_STEPS) {
                stepNanos[s - WARMUP_STEPS] = stepEnd - start;
                gemmNanos[s - WARMUP_STEPS] = end - stepEnd;
            }
        }
        double step = median(stepNanos) / 1e3;
        double products = median(gemmNanos) / 1e3;
        System.out.printf("interleaved, medians: step %.1f µs, its eight products alone %.1f µs: %.3f×%n",
                step, products, step / products);
    }

    /** One training step, as TrainingStepBenchmark runs it. */
    private static void step(Network network, Optimizer optimizer, Kernels kernels, List<Parameter> parameters,
                             float[] x, float[] y, int batch) {
        network.zeroGrad();
        network.forward(x, batch, true);
        network.backward(y);
        optimizer.step(kernels, parameters, optimizer.learningRate());
    }

    /** Random images and one-hot targets, a batch per element of x and y. */
    private static void fillBatches(Random rng, int batch, float[][] x, float[][] y) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Mlp.images(rng, batch);
            y[i] = Mlp.oneHot(rng, batch);
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }

    private Object call(Kernels backend, Method method, Object[] arguments) throws Throwable {
        if (!timing) {
            return invoke(backend, method, arguments);
        }
        long start = System.nanoTime();
        Object result = invoke(backend, method, arguments);
        long nanos = System.nanoTime() - start;
        calls.computeIfAbsent(describe(method, arguments), k -> new Samples()).add(nanos);
        return result;
    }

    private static Object invoke(Kernels backend, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(backend, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** sgemm by transposes and m×n×k (β = 1 marked); updates by array length; the rest by name and size. */
    private static String describe(Method method, Object[] arguments) {
        String name = method.getName();
        if (name.equals("sgemm")) {
            return "sgemm " + ((Boolean) arguments[0] ? "T" : "N") + ((Boolean) arguments[1] ? "T" : "N") + " "
                    + arguments[2] + "x" + arguments[3] + "x" + arguments[4]
                    + ((Float) arguments[12] != 0f ? " beta 1" : "");
        }
        if (name.endsWith("Update")) {
            return name + " n=" + ((float[]) arguments[0]).length;
        }
        if (arguments == null) {
            return name;
        }
        // The element-wise kernels take rows, cols or n as their first int arguments.
        StringBuilder key = new StringBuilder(name);
        String separator = " ";
        for (Object argument : arguments) {
            if (argument instanceof Integer size) {
                key.append(separator).append(size);
                separator = "x";
            }
        }
        return key.toString();
    }

    /** The durations of one kernel's timed calls; grows by doubling, so adding is amortised O(1). */
    private static final class Samples {
        private long[] nanos = new long[TIMED_STEPS];
        private int count;

        void add(long value) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, 2 * count);
            }
            nanos[count++] = value;
        }

        long total() {
            long sum = 0;
            for (int i = 0; i < count; i++) {
                sum += nanos[i];
            }
            return sum;
        }

        double median() {
            return StepProfile.median(Arrays.copyOf(nanos, count));
        }
    }
}
