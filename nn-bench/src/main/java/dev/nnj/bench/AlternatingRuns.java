package dev.nnj.bench;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What {@link SgemmJarComparison} and {@link StepJarComparison} share: each build's benchmark jar in its
 * own class loader, and the timing of one piece of work in both builds by alternating batches of calls,
 * so that a busy host slows both alike and the ratio stays meaningful where separate JMH forks of each
 * build scatter by 20% or more.
 */
final class AlternatingRuns {

    /**
     * Untimed calls before the first comparison of a run, until both builds' code is compiled: with three
     * rounds, or two seconds, the first shape of an sgemm run measured 0.73–0.75× where later runs of it
     * in the same JVM gave 1.00×, and 1.32× with the jars swapped, so the jar loaded second was still being
     * compiled; after six seconds it measured 1.00×.
     */
    static final long FIRST_WARMUP_NANOS = 8_000_000_000L;
    /** Untimed calls before each later comparison (its own profile and buffer sizes). */
    static final long WARMUP_NANOS = 1_000_000_000L;
    private static final int WARMUP_ROUNDS_MIN = 3;

    /** One call of the work in one build. */
    interface Call {
        void run() throws Throwable;
    }

    /** Median time per call of each build, and the median and quartiles of the per-round ratio old/new. */
    record Result(double oldNanos, double newNanos, double ratio, double ratioLow, double ratioHigh) {

        String ratios() {
            return String.format("old/new %.3f [%.3f, %.3f]", ratio, ratioLow, ratioHigh);
        }
    }

    private AlternatingRuns() {
    }

    /** A class loader for the jar, over the platform loader only, so each jar sees its own nnj. */
    static ClassLoader load(String jar) throws MalformedURLException {
        Path path = Path.of(jar);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such jar: " + jar + " (expected an nn-bench benchmarks.jar)");
        }
        return new URLClassLoader(new URL[] {path.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    static int positive(String name, String value) {
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

    /**
     * Warms both builds up for at least {@code warmupNanos}, then times {@code rounds} rounds; a round
     * times {@code calls} calls of one build, then of the other, the order alternating from round to round.
     */
    static Result compare(Call[] builds, int calls, int rounds, long warmupNanos) throws Throwable {
        long warmupEnd = System.nanoTime() + warmupNanos;
        for (int round = 0; round < WARMUP_ROUNDS_MIN || System.nanoTime() < warmupEnd; round++) {
            for (Call build : builds) {
                build.run();
            }
        }
        double[][] nanos = new double[2][rounds];
        double[] ratio = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < 2; i++) {
                int v = (round & 1) == 0 ? i : 1 - i;
                Call build = builds[v];
                long start = System.nanoTime();
                for (int call = 0; call < calls; call++) {
                    build.run();
                }
                nanos[v][round] = (System.nanoTime() - start) / (double) calls;
            }
            ratio[round] = nanos[0][round] / nanos[1][round];
        }
        Arrays.sort(ratio);
        return new Result(median(nanos[0]), median(nanos[1]), ratio[rounds / 2], ratio[rounds / 4],
                ratio[(3 * rounds) / 4]);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
