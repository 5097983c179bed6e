package dev.nnj.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * {@code sgemm} of two builds of nnj timed in one JVM, alternating call batches, so that a busy host slows
 * both alike and the ratio stays meaningful where separate JMH forks of each build scatter by 20% or more.
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

    /**
     * Untimed calls before the first shape's rounds, until both builds' code is compiled: with three
     * rounds, or two seconds, the first shape of a run measured 0.73–0.75× where later runs of it in the
     * same JVM gave 1.00×, and 1.32× with the jars swapped, so the jar loaded second was still being
     * compiled; after six seconds it measured 1.00×.
     */
    private static final long FIRST_WARMUP_NANOS = 8_000_000_000L;
    /** Untimed calls before each later shape's rounds (its own profile and buffer sizes). */
    private static final long WARMUP_NANOS = 1_000_000_000L;
    private static final int WARMUP_ROUNDS_MIN = 3;
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
            int threads = positive("THREADS", args[2]);
            int rounds = positive("ROUNDS", args[3]);
            MethodHandle[] sgemm = {open(args[0], threads), open(args[1], threads)};
            for (int s = 4; s < args.length; s++) {
                compare(args[s], sgemm, rounds, s == 4 ? FIRST_WARMUP_NANOS : WARMUP_NANOS);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("SgemmJarComparison: " + e.getMessage());
            System.exit(2);
        }
        // The kernels' worker threads are daemons; nothing else to close.
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what was expected
        }
        throw new IllegalArgumentException(name + " must be a whole number >= 1, got '" + value + "'");
    }

    /** The {@code sgemm} of {@code Kernels.simd(threads)} from the jar, bound to that instance. */
    private static MethodHandle open(String jar, int threads) throws Throwable {
        ClassLoader loader = new URLClassLoader(new URL[] {url(jar)}, ClassLoader.getPlatformClassLoader());
        Class<?> kernels = Class.forName("dev.nnj.core.kernel.Kernels", true, loader);
        Object instance = kernels.getMethod("simd", int.class).invoke(null, threads);
        MethodType type = MethodType.methodType(void.class, boolean.class, boolean.class, int.class, int.class,
                int.class, float.class, float[].class, int.class, int.class, float[].class, int.class, int.class,
                float.class, float[].class, int.class, int.class);
        return MethodHandles.publicLookup().findVirtual(kernels, "sgemm", type).bindTo(instance);
    }

    private static URL url(String jar) throws MalformedURLException {
        Path path = Path.of(jar);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such jar: " + jar + " (expected an nn-bench benchmarks.jar)");
        }
        return path.toUri().toURL();
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
        double flops = shape.flops();
        int calls = (int) Math.max(5, BATCH_FLOPS / flops);
        double[][] nanos = new double[2][rounds];
        double[] ratio = new double[rounds];
        long warmupEnd = System.nanoTime() + warmupNanos;
        for (int round = 0; round < WARMUP_ROUNDS_MIN || System.nanoTime() < warmupEnd; round++) {
            for (MethodHandle build : sgemm) {
                build.invokeExact(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c[0], 0, n);
            }
        }
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < 2; i++) {
                int v = (round & 1) == 0 ? i : 1 - i;
                long start = System.nanoTime();
                for (int call = 0; call < calls; call++) {
                    sgemm[v].invokeExact(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c[v], 0, n);
                }
                nanos[v][round] = (System.nanoTime() - start) / (double) calls;
            }
            ratio[round] = nanos[0][round] / nanos[1][round];
        }
        double old = median(nanos[0]);
        double now = median(nanos[1]);
        Arrays.sort(ratio);
        System.out.printf("%-18s old %9.2f µs (%5.1f GFLOP/s)  new %9.2f µs (%5.1f GFLOP/s)  old/new %.3f [%.3f, %.3f]%s%n",
                spec, old / 1e3, flops / old, now / 1e3, flops / now, ratio[rounds / 2], ratio[rounds / 4],
                ratio[(3 * rounds) / 4], Arrays.equals(c[0], c[1]) ? "" : "  (results differ)");
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
