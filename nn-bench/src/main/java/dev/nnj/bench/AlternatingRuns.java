package dev.nnj.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
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
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One call of the work in one build. */
    interface Call {
        void run() throws Throwable;
    }

    /**
     * Heap bytes per call above which a build is taken to be still warming up, and its timed figure is
     * flagged: the kernels allocate nothing once compiled, but a kernel still in C1 code boxes every
     * vector. With a fixed warm-up of one second, a kernel first needed by a late shape (the eight-row edge
     * kernel of NT 100×300·300×100, fourth of four shapes) ran in C1 code behind its OSR compilation in
     * both builds for the whole comparison, allocating about 3 MB per call and running about 15× slower
     * than when timed first.
     */
    static final double ALLOCATION_WARNING_BYTES = 1024;
    /**
     * How much longer than asked the warm-up goes on while a call of either build still allocates (its
     * code not yet compiled by C2). Pinned to one CPU, the JIT shares it with the calls: a training step
     * after an inference pass took 4 s to stop allocating with one build loaded, longer with two.
     */
    private static final long COMPILATION_WAIT_NANOS = 30_000_000_000L;
    /**
     * How long the JIT must have compiled nothing before the warm-up ends, as in
     * {@code nn-bench/compare/alternate.py}. Calls that no longer allocate can still run code that C2 is
     * replacing: after NN 256×4096·4096×1024, NT 256×1024·1024×1024 (a code path the NN product had not
     * taken) ran at 37–111 GFLOP/s while the JIT's total compilation time grew by 0.7 s, and at 162–169
     * once it stopped growing, so a one-second warm-up timed it at 76–91 in both builds.
     */
    static final long JIT_QUIET_NANOS = 1_000_000_000L;
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    /**
     * Median time per call of each build, the median and quartiles of the per-round ratio old/new, and
     * the heap bytes each build allocated per timed call.
     */
    record Result(double oldNanos, double newNanos, double ratio, double ratioLow, double ratioHigh,
                  double oldBytes, double newBytes) {

        String ratios() {
            return String.format("old/new %.3f [%.3f, %.3f]", ratio, ratioLow, ratioHigh);
        }

        /** Empty, or a warning that a build allocated while timed, so its time is not its compiled code's. */
        String allocationWarning() {
            if (oldBytes < ALLOCATION_WARNING_BYTES && newBytes < ALLOCATION_WARNING_BYTES) {
                return "";
            }
            return String.format("  (allocated %,.0f and %,.0f B per call: code not yet compiled by C2 in this"
                    + " JVM; time this one first or in a JVM of its own)", oldBytes, newBytes);
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
     * Warms both builds up for at least {@code warmupNanos}, until their calls stop allocating and the JIT
     * has compiled nothing for {@link #JIT_QUIET_NANOS} (at most {@link #COMPILATION_WAIT_NANOS} longer),
     * then times {@code rounds} rounds; a round times {@code calls} calls of one build, then of the other,
     * the order alternating from round to round.
     */
    static Result compare(Call[] builds, int calls, int rounds, long warmupNanos) throws Throwable {
        long warmupStart = System.nanoTime();
        long jitMillis = jitMillis();
        long jitChanged = warmupStart;
        for (int round = 0; ; round++) {
            boolean allocating = false;
            for (Call build : builds) {
                long allocated = THREADS.getCurrentThreadAllocatedBytes();
                build.run();
                allocating |= THREADS.getCurrentThreadAllocatedBytes() - allocated >= ALLOCATION_WARNING_BYTES;
            }
            long now = System.nanoTime();
            long jitNow = jitMillis();
            if (jitNow != jitMillis) {
                jitMillis = jitNow;
                jitChanged = now;
            }
            long elapsed = now - warmupStart;
            boolean settled = !allocating && now - jitChanged >= JIT_QUIET_NANOS;
            if (round + 1 >= WARMUP_ROUNDS_MIN && elapsed >= warmupNanos
                    && (settled || elapsed >= warmupNanos + COMPILATION_WAIT_NANOS)) {
                break;
            }
        }
        double[][] nanos = new double[2][rounds];
        double[] ratio = new double[rounds];
        long[] bytes = new long[2];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < 2; i++) {
                int v = (round & 1) == 0 ? i : 1 - i;
                Call build = builds[v];
                long allocated = THREADS.getCurrentThreadAllocatedBytes();
                long start = System.nanoTime();
                for (int call = 0; call < calls; call++) {
                    build.run();
                }
                nanos[v][round] = (System.nanoTime() - start) / (double) calls;
                bytes[v] += THREADS.getCurrentThreadAllocatedBytes() - allocated;
            }
            ratio[round] = nanos[0][round] / nanos[1][round];
        }
        Arrays.sort(ratio);
        double timedCalls = (double) calls * rounds;
        return new Result(median(nanos[0]), median(nanos[1]), ratio[rounds / 2], ratio[rounds / 4],
                ratio[(3 * rounds) / 4], bytes[0] / timedCalls, bytes[1] / timedCalls);
    }

    /** The JIT's total compilation time so far, in milliseconds, or -1 where the JVM does not report it. */
    static long jitMillis() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : -1;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
