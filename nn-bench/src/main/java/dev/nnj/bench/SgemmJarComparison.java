package dev.nnj.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.Random;

/**
 * {@code sgemm} of two builds of nnj timed in one JVM, alternating call batches ({@link AlternatingRuns}).
 * Each build's benchmark jar is loaded in its own class loader; a round times a batch of calls of one,
 * then of the other (the order alternating from round to round), and the tool prints, per shape, each
 * build's median time and GFLOP/s and the median and quartiles of the per-round ratio (old time over new
 * time: above 1 means the second jar is faster). It also says when the two builds' results differ, as
 * they do when a change alters the order of the sums.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp nn-bench/target/benchmarks.jar dev.nnj.bench.SgemmJarComparison \
 *     old.jar new.jar 1 10 NT:10000x784x256 NN:512x512x512</pre>
 *
 * Arguments: the two jars, the thread count, the number of rounds, then shapes as {@code OP:MxKxN} (OP one
 * of NN, NT, TN, TT; M×K times K×N, as in {@link GemmBenchmark}).
 */
public final class SgemmJarComparison {

    /** Flops per timed batch of calls, at least five calls. */
    private static final double BATCH_FLOPS = 2e8;

    private SgemmJarComparison() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 5) {
            System.err.println("usage: SgemmJarComparison OLD.jar NEW.jar THREADS ROUNDS OP:MxKxN...");
            System.exit(2);
        }
        try {
            int threads = AlternatingRuns.positive("THREADS", args[2]);
            int rounds = AlternatingRuns.positive("ROUNDS", args[3]);
            MethodHandle[] sgemm = {open(args[0], threads), open(args[1], threads)};
            for (int s = 4; s < args.length; s++) {
                compare(args[s], sgemm, rounds, s == 4 ? AlternatingRuns.FIRST_WARMUP_NANOS : AlternatingRuns.WARMUP_NANOS);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("SgemmJarComparison: " + e.getMessage());
            System.exit(2);
        }
        // The kernels' worker threads are daemons; nothing else to close.
    }

    /** The {@code sgemm} of {@code Kernels.simd(threads)} from the jar, bound to that instance. */
    private static MethodHandle open(String jar, int threads) throws Throwable {
        Class<?> kernels = Class.forName("dev.nnj.core.kernel.Kernels", true, AlternatingRuns.load(jar));
        Object instance = kernels.getMethod("simd", int.class).invoke(null, threads);
        MethodType type = MethodType.methodType(void.class, boolean.class, boolean.class, int.class, int.class,
                int.class, float.class, float[].class, int.class, int.class, float[].class, int.class, int.class,
                float.class, float[].class, int.class, int.class);
        return MethodHandles.publicLookup().findVirtual(kernels, "sgemm", type).bindTo(instance);
    }

    private static void compare(String spec, MethodHandle[] sgemm, int rounds, long warmupNanos) throws Throwable {
        String[] opShape = spec.split(":");
        if (opShape.length != 2 || !opShape[0].matches("[NT][NT]")) {
            throw new IllegalArgumentException("shape must be OP:MxKxN with OP one of NN, NT, TN, TT, got '"
                    + spec + "'");
        }
        GemmShape shape = GemmShape.parse(opShape[1]);
        boolean transA = opShape[0].charAt(0) == 'T';
        boolean transB = opShape[0].charAt(1) == 'T';
        int m = shape.m();
        int k = shape.k();
        int n = shape.n();
        Random rng = new Random(Inputs.SEED);
        float[] a = Inputs.uniform(rng, m * k, -0.5f, 0.5f);
        float[] b = Inputs.uniform(rng, k * n, -0.5f, 0.5f);
        float[][] c = {new float[m * n], new float[m * n]};
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        AlternatingRuns.Call[] builds = new AlternatingRuns.Call[2];
        for (int i = 0; i < 2; i++) {
            MethodHandle build = sgemm[i];
            float[] out = c[i];
            // A statement, not an expression lambda: only then does invokeExact's call site return void.
            builds[i] = () -> {
                build.invokeExact(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, out, 0, n);
            };
        }
        double flops = shape.flops();
        AlternatingRuns.Result r = AlternatingRuns.compare(builds, (int) Math.max(5, BATCH_FLOPS / flops), rounds,
                warmupNanos);
        System.out.printf("%-18s old %9.2f µs (%5.1f GFLOP/s)  new %9.2f µs (%5.1f GFLOP/s)  %s%s%s%n",
                spec, r.oldNanos() / 1e3, flops / r.oldNanos(), r.newNanos() / 1e3, flops / r.newNanos(),
                r.ratios(), Arrays.equals(c[0], c[1]) ? "" : "  (results differ)", r.allocationWarning());
    }
}
