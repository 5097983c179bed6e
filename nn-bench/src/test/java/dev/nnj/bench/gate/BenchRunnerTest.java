package dev.nnj.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a tiny selection through JMH for real (one forked JVM, a fraction of a second of measurement)
 * and reads the file back: the runner, JMH's JSON and the reader must agree.
 */
class BenchRunnerTest {

    @TempDir
    Path dir;

    @Test
    void runWritesJmhJsonWithAllocationThatTheGateReads() throws Exception {
        BenchSelection tiny = new BenchSelection("tiny",
                List.of(new BenchSelection.Pass("\\.CalibrationBenchmark\\.", Map.of())), 1, 1, 2, 100,
                List.of(BenchSelection.FOREGROUND_COMPILATION));
        Path out = dir.resolve("nested/results.json");
        // JMH refuses to start while another JMH run holds its machine-wide lock, which protects
        // measurements; this test measures nothing that matters, so a concurrent build must not fail it.
        System.setProperty("jmh.ignoreLock", "true");

        BenchRunner.run(tiny, out, Optional.empty());

        List<BenchmarkResult> results = JmhResults.read(out);
        assertEquals(1, results.size());
        BenchmarkResult calibration = results.get(0);
        assertEquals(Comparison.CALIBRATION, calibration.key().benchmark());
        assertEquals("ns/op", calibration.primary().unit());
        assertTrue(calibration.primary().score() > 0);
        assertTrue(calibration.allocation().isPresent(), "run always profiles allocation");
        assertTrue(calibration.operationsPerIteration() > 1000, "a microsecond-scale op runs often in 100 ms");
        Map<BenchmarkKey, BenchmarkResult> same = JmhResults.combine(results);
        ComparisonRow row = Comparison.compare(same, same, CompareOptions.defaults()).rows().get(0);
        assertEquals(Verdict.SAME, row.verdict());
        assertFalse(row.allocationGrew());
    }
}
