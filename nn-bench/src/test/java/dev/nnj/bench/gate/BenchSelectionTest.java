package dev.nnj.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Checks the fixed selections against the benchmarks the annotation processor actually generated. */
class BenchSelectionTest {

    /** JVM start, class loading and setup checks of one fork, generously. */
    private static final double FORK_OVERHEAD_SECONDS = 1.5;

    private static SortedSet<BenchmarkListEntry> matching(String include) {
        return BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(new PrintStream(OutputStream.nullOutputStream()), VerboseMode.SILENT),
                List.of(include), List.of());
    }

    @Test
    void everyQuickPassSelectsBenchmarksAndOnlyKnownParameters() {
        for (BenchSelection.Pass pass : BenchSelection.quick().passes()) {
            SortedSet<BenchmarkListEntry> entries = matching(pass.include());
            assertFalse(entries.isEmpty(), "no benchmark matches " + pass.include());
            for (BenchmarkListEntry entry : entries) {
                Map<String, String[]> declared = entry.getParams().orElse(Map.of());
                for (Map.Entry<String, List<String>> p : pass.params().entrySet()) {
                    assertTrue(declared.containsKey(p.getKey()),
                            entry.getUsername() + " has no @Param " + p.getKey());
                }
            }
        }
    }

    @Test
    void quickSelectionFitsInThreeMinutes() {
        BenchSelection quick = BenchSelection.quick();
        double seconds = 0;
        int runs = 0;
        for (BenchSelection.Pass pass : quick.passes()) {
            for (BenchmarkListEntry entry : matching(pass.include())) {
                int combinations = 1;
                for (Map.Entry<String, String[]> p : entry.getParams().orElse(Map.of()).entrySet()) {
                    List<String> override = pass.params().get(p.getKey());
                    combinations *= override != null ? override.size() : p.getValue().length;
                }
                runs += combinations;
                int warmup = pass.warmup() > 0 ? pass.warmup() : quick.warmup();
                seconds += combinations * quick.forks()
                        * ((warmup + quick.measure()) * quick.millisPerIteration() / 1000.0 + FORK_OVERHEAD_SECONDS);
            }
        }
        assertTrue(seconds < 170, runs + " benchmark runs take about " + seconds + " s");
    }

    @Test
    void runnerOptionsCarryTheSelection() {
        BenchSelection quick = BenchSelection.quick();
        BenchSelection.Pass gemm = quick.passes().get(1);

        Options options = BenchRunner.options(quick, gemm, Optional.of("/opt/jdk/bin/java"));

        assertEquals(List.of(gemm.include()), options.getIncludes());
        assertEquals(1, options.getForkCount().get());
        assertEquals(3, options.getWarmupIterations().get());
        assertEquals(5, options.getMeasurementIterations().get());
        assertEquals(500, options.getMeasurementTime().get().convertTo(java.util.concurrent.TimeUnit.MILLISECONDS));
        assertEquals(List.of("scalar", "simd-1", "simd"), List.copyOf(options.getParameter("kernels").get()));
        assertEquals("/opt/jdk/bin/java", options.getJvm().get());
        assertEquals(List.of("-XX:-BackgroundCompilation"), List.copyOf(options.getJvmArgsPrepend().get()));
        assertFalse(options.getJvmArgsAppend().hasValue(), "the benchmarks' own @Fork(jvmArgsAppend) must stay");
        assertTrue(options.getProfilers().stream().anyMatch(p -> p.getKlass().endsWith("GCProfiler")));
        assertTrue(options.shouldFailOnError().get());
    }

    @Test
    void fullSelectionKeepsEachBenchmarksOwnSettings() {
        BenchSelection full = BenchSelection.full();
        Options options = BenchRunner.options(full, full.passes().get(0), Optional.empty());

        assertFalse(options.getForkCount().hasValue());
        assertFalse(options.getJvmArgsPrepend().hasValue());
        assertFalse(options.getMeasurementIterations().hasValue());
        assertEquals(matching("").size(), matching(full.passes().get(0).include()).size(), "full runs every benchmark");
    }
}
