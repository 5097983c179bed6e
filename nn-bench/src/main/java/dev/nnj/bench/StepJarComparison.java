package dev.nnj.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * The training step of {@link TrainingStepBenchmark}, or the inference pass of {@link InferenceBenchmark}, in
 * two builds of nnj, timed in one JVM by alternating batches of calls ({@link AlternatingRuns}), for changes
 * too small to tell apart in separate JMH forks.
 * Each build's benchmark jar is loaded in its own class loader and sets up its own benchmark state (the
 * same network, seed and batches). The tool prints, per optimizer and batch, each build's median time per
 * step and samples per second, and the median and quartiles of the per-round ratio (old time over new:
 * above 1 means the second jar is faster). Both builds run the same number of steps, so it also says when
 * their first weight matrices end up different, as they do when a change alters the order of the sums
 * (for inference: their outputs).
 *
 * <pre>java --add-modules jdk.incubator.vector -cp nn-bench/target/benchmarks.jar dev.nnj.bench.StepJarComparison \
 *     old.jar new.jar simd-1 12 sgd:32 sgd:128 adam:128 infer:1</pre>
 *
 * Arguments: the two jars, the kernels as in {@link KernelChoice} ({@code simd-1}, {@code simd}, ...), the
 * number of rounds, then steps as {@code OPTIMIZER:BATCH} and inference passes as {@code infer:BATCH}.
 */
public final class StepJarComparison {

    /** Samples per timed batch of steps, at least five steps. */
    private static final int BATCH_SAMPLES = 12_800;

    private StepJarComparison() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 5) {
            System.err.println("usage: StepJarComparison OLD.jar NEW.jar KERNELS ROUNDS OPTIMIZER:BATCH|infer:BATCH...");
            System.exit(2);
        }
        try {
            int rounds = AlternatingRuns.positive("ROUNDS", args[3]);
            ClassLoader[] jars = {AlternatingRuns.load(args[0]), AlternatingRuns.load(args[1])};
            for (int s = 4; s < args.length; s++) {
                compare(jars, args[2], args[s], rounds,
                        s == 4 ? AlternatingRuns.FIRST_WARMUP_NANOS : AlternatingRuns.WARMUP_NANOS);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("StepJarComparison: " + e.getMessage());
            System.exit(2);
        }
        // The kernels' worker threads are daemons; nothing else to close.
    }

    private static void compare(ClassLoader[] jars, String kernels, String spec, int rounds, long warmupNanos)
            throws Throwable {
        String[] parts = spec.split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("step must be OPTIMIZER:BATCH or infer:BATCH, as in sgd:128, got '"
                    + spec + "'");
        }
        int batch = AlternatingRuns.positive("BATCH in '" + spec + "'", parts[1]);
        boolean infer = parts[0].equals("infer");
        String optimizer = infer ? null : parts[0];
        MethodHandle[] steps = {open(jars[0], kernels, optimizer, batch), open(jars[1], kernels, optimizer, batch)};
        float[][] weights = new float[2][];
        AlternatingRuns.Call[] builds = new AlternatingRuns.Call[2];
        for (int i = 0; i < 2; i++) {
            MethodHandle step = steps[i];
            int v = i;
            builds[i] = () -> weights[v] = (float[]) step.invokeExact();
        }
        AlternatingRuns.Result r = AlternatingRuns.compare(builds, Math.max(5, BATCH_SAMPLES / batch), rounds,
                warmupNanos);
        System.out.printf("%-10s old %8.1f µs (%,9.0f samples/s)  new %8.1f µs (%,9.0f samples/s)  %s%s%s%n",
                spec, r.oldNanos() / 1e3, batch * 1e9 / r.oldNanos(), r.newNanos() / 1e3, batch * 1e9 / r.newNanos(),
                r.ratios(), Arrays.equals(weights[0], weights[1]) ? "" : infer ? "  (outputs differ)"
                        : "  (weights differ)", r.allocationWarning());
    }

    /**
     * A new {@code TrainingStepBenchmark} (optimizer given) or {@code InferenceBenchmark} (optimizer null)
     * of the jar, set up, as a handle that runs one step or pass and returns W₁ or the output.
     */
    private static MethodHandle open(ClassLoader loader, String kernels, String optimizer, int batch) throws Throwable {
        String name = optimizer != null ? "dev.nnj.bench.TrainingStepBenchmark" : "dev.nnj.bench.InferenceBenchmark";
        Class<?> benchmark = Class.forName(name, true, loader);
        Class<?> samples = Class.forName(name + "$Samples", true, loader);
        Object state = benchmark.getConstructor().newInstance();
        benchmark.getField("batch").setInt(state, batch);
        benchmark.getField("kernels").set(state, kernels);
        if (optimizer != null) {
            benchmark.getField("optimizer").set(state, optimizer);
        }
        setUp(benchmark, state);
        MethodHandle call = MethodHandles.publicLookup().findVirtual(benchmark, optimizer != null ? "step" : "predict",
                MethodType.methodType(float[].class, samples));
        return MethodHandles.insertArguments(call, 0, state, samples.getConstructor().newInstance())
                .asType(MethodType.methodType(float[].class));
    }

    private static void setUp(Class<?> benchmark, Object state) throws Throwable {
        try {
            benchmark.getMethod("setUp").invoke(state);
        } catch (InvocationTargetException e) {
            // A bad kernels or optimizer name: the benchmark's own message says what was expected.
            if (e.getCause() instanceof IllegalArgumentException bad) {
                throw new IllegalArgumentException(bad.getMessage(), bad);
            }
            throw e;
        }
    }
}
