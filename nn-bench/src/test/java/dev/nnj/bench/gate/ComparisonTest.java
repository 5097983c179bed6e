package dev.nnj.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {

    private static final Map<String, String> SIMD = Map.of("kernels", "simd");
    private static final String CALIBRATION = Comparison.CALIBRATION;

    @TempDir
    Path dir;
    private int files;

    private Map<BenchmarkKey, BenchmarkResult> load(ResultsJson json) throws IOException {
        return JmhResults.combine(JmhResults.read(json.write(dir.resolve("r" + files++ + ".json"))));
    }

    /** A typical run: one time-mode and one throughput benchmark, both allocation-free. */
    private static ResultsJson run(double timeUs, double opsPerSecond) {
        return new ResultsJson()
                .avgt("TrainingStepBenchmark.step", SIMD, timeUs, timeUs * 0.02, 0.01)
                .thrpt("GemmBenchmark.sgemm", SIMD, opsPerSecond, opsPerSecond * 0.02, 0.02);
    }

    private ComparisonReport compare(ResultsJson base, ResultsJson cur, CompareOptions options) throws IOException {
        return Comparison.compare(load(base), load(cur), options);
    }

    private ComparisonReport compare(ResultsJson base, ResultsJson cur) throws IOException {
        return compare(base, cur, CompareOptions.defaults());
    }

    @Test
    void identicalResultsPass() throws IOException {
        ComparisonReport report = compare(run(1000, 500), run(1000, 500));

        assertTrue(report.passed());
        assertEquals(0, report.exitCode());
        assertEquals(2, report.count(Verdict.SAME));
        assertEquals(0.0, report.rows().get(0).changePercent(), 1e-9);
    }

    @Test
    void twiceTheTimeFailsInTimeMode() throws IOException {
        ComparisonReport report = compare(run(1000, 500), run(2000, 500));

        assertFalse(report.passed());
        ComparisonRow step = row(report, "TrainingStepBenchmark.step");
        assertEquals(Verdict.SLOWER, step.verdict());
        assertEquals(100.0, step.changePercent(), 1e-9);
        assertTrue(step.fails());
    }

    @Test
    void halfTheThroughputFailsInThroughputMode() throws IOException {
        ComparisonReport report = compare(run(1000, 500), run(1000, 250));

        ComparisonRow gemm = row(report, "GemmBenchmark.sgemm");
        assertEquals(Verdict.SLOWER, gemm.verdict());
        // reported as time per operation: half the throughput is twice the time
        assertEquals(100.0, gemm.changePercent(), 1e-9);
        assertEquals(1, report.exitCode());
    }

    @Test
    void speedUpIsNeverARegression() throws IOException {
        ComparisonReport report = compare(run(1000, 500), run(500, 1000));

        assertTrue(report.passed());
        assertEquals(2, report.count(Verdict.FASTER));
        assertEquals(-50.0, row(report, "GemmBenchmark.sgemm").changePercent(), 1e-9);
    }

    @Test
    void slowdownWithinErrorBarsIsNoisyNotFailing() throws IOException {
        ResultsJson base = new ResultsJson().avgt("A.b", Map.of(), 100, 20, 0);
        ResultsJson cur = new ResultsJson().avgt("A.b", Map.of(), 130, 20, 0);

        ComparisonReport report = compare(base, cur);

        assertEquals(Verdict.NOISY, report.rows().get(0).verdict());
        assertTrue(report.passed());
    }

    @Test
    void slowdownWithinThresholdIsSame() throws IOException {
        ResultsJson base = new ResultsJson().avgt("A.b", Map.of(), 100, 0.1, 0);
        ResultsJson cur = new ResultsJson().avgt("A.b", Map.of(), 108, 0.1, 0);

        assertEquals(Verdict.SAME, compare(base, cur).rows().get(0).verdict());
        assertEquals(Verdict.SLOWER, compare(base, cur, CompareOptions.defaults().withThreshold(0.05)).rows().get(0).verdict());
    }

    @Test
    void allocationIncreaseFailsEvenWhenFaster() throws IOException {
        ResultsJson base = new ResultsJson().avgt("TrainingStepBenchmark.step", SIMD, 1000, 10, 0);
        ResultsJson cur = new ResultsJson().avgt("TrainingStepBenchmark.step", SIMD, 900, 10, 131_072);

        ComparisonReport report = compare(base, cur);

        ComparisonRow row = report.rows().get(0);
        assertTrue(row.allocationGrew());
        assertTrue(row.fails());
        assertEquals(1, report.exitCode());
    }

    @Test
    void aJvmStillCompilingInItsFirstIterationsDoesNotFail() throws IOException {
        // Figures of a fork measured here with a busy loop on each core: the JIT finished during the third iteration.
        ResultsJson base = new ResultsJson().thrpt("TrainingStepBenchmark.step", SIMD, 1500, 50, 0)
                .allocIterations(new double[] {9.3, 9.5, 9.8, 9.2, 9.3});
        ResultsJson cur = new ResultsJson().thrpt("TrainingStepBenchmark.step", SIMD, 480, 50, 0)
                .allocIterations(new double[] {2_031_622.9, 460_215.7, 263_707.0, 26.9, 14.3});

        ComparisonReport report = compare(base, cur);

        ComparisonRow row = report.rows().get(0);
        assertEquals(551_117.4, row.currentAlloc().orElseThrow().score(), 0.1);
        assertEquals(14.3, row.currentAlloc().orElseThrow().settled(), 1e-9);
        assertFalse(row.allocationGrew());
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("551117 B/op on average, 14.30 once settled")),
                report.notes().toString());
    }

    @Test
    void allocationInEveryIterationOfOneForkFails() throws IOException {
        ResultsJson base = new ResultsJson().thrpt("TrainingStepBenchmark.step", SIMD, 1500, 50, 0)
                .allocIterations(new double[] {9, 9, 9}, new double[] {8, 8, 8});
        ResultsJson cur = new ResultsJson().thrpt("TrainingStepBenchmark.step", SIMD, 1500, 50, 0)
                .allocIterations(new double[] {9, 9, 9}, new double[] {4104, 4100, 4096});

        ComparisonRow row = compare(base, cur).rows().get(0);

        assertEquals(4096, row.currentAlloc().orElseThrow().settled(), 1e-9);
        assertTrue(row.allocationGrew());
    }

    @Test
    void allocationResidueIsNotAnIncrease() throws IOException {
        ResultsJson base = new ResultsJson().avgt("A.b", Map.of(), 1, 0.01, 0);
        ResultsJson cur = new ResultsJson().avgt("A.b", Map.of(), 1, 0.01, 0.02);

        assertFalse(compare(base, cur).rows().get(0).allocationGrew());
    }

    @Test
    void harnessAllocationSpreadOverFewerCallsIsNotAnIncrease() throws IOException {
        // 0.5 s per op: two per iteration share JMH's own ~6 KB, so the per-op figure rises from 1.5 KB
        // to 3 KB when the benchmark becomes twice as slow, without the benchmark allocating anything.
        ResultsJson base = new ResultsJson().add("A.b", "avgt", Map.of(), 250, 1, "ms/op", 1500);
        ResultsJson cur = new ResultsJson().add("A.b", "avgt", Map.of(), 500, 1, "ms/op", 3000);

        ComparisonRow row = compare(base, cur).rows().get(0);

        assertFalse(row.allocationGrew());
        assertEquals(Verdict.SLOWER, row.verdict());
    }

    @Test
    void reportOnlyShowsSlowdownsButFailsOnlyOnGatedAllocation() throws IOException {
        ResultsJson base = new ResultsJson()
                .avgt("TrainingStepBenchmark.step", SIMD, 1000, 1, 0)
                .avgt("ModelIoBenchmark.save", Map.of(), 1000, 1, 50_000);
        ResultsJson slowerAndAllocating = new ResultsJson()
                .avgt("TrainingStepBenchmark.step", SIMD, 3000, 1, 0)
                .avgt("ModelIoBenchmark.save", Map.of(), 1000, 1, 90_000);
        CompareOptions options = CompareOptions.defaults().withReportOnly(true)
                .withAllocGate(Pattern.compile("TrainingStepBenchmark"));

        ComparisonReport report = compare(base, slowerAndAllocating, options);

        assertEquals(Verdict.SLOWER, row(report, "TrainingStepBenchmark.step").verdict());
        assertTrue(row(report, "ModelIoBenchmark.save").allocationGrew());
        assertTrue(report.passed(), "timing is report-only and ModelIo is outside the allocation gate");

        ResultsJson stepAllocates = new ResultsJson()
                .avgt("TrainingStepBenchmark.step", SIMD, 1000, 1, 4096)
                .avgt("ModelIoBenchmark.save", Map.of(), 1000, 1, 50_000);
        assertFalse(compare(base, stepAllocates, options).passed());
    }

    @Test
    void missingAndNewBenchmarksAreListedNotFailed() throws IOException {
        ResultsJson base = run(1000, 500).avgt("Old.gone", Map.of(), 1, 0, 0);
        ResultsJson cur = run(1000, 500).avgt("New.here", Map.of("batch", "32"), 1, 0, 0);

        ComparisonReport report = compare(base, cur);

        assertEquals("Old.gone", report.missing().get(0).shortName());
        assertEquals("New.here", report.added().get(0).shortName());
        assertEquals(2, report.rows().size());
        assertTrue(report.passed());
    }

    @Test
    void differentParametersDoNotMatch() throws IOException {
        ResultsJson base = new ResultsJson().avgt("A.b", Map.of("kernels", "scalar"), 100, 1, 0);
        ResultsJson cur = new ResultsJson().avgt("A.b", Map.of("kernels", "simd"), 10, 1, 0);

        ComparisonReport report = compare(base, cur);

        assertTrue(report.rows().isEmpty());
        assertFalse(report.passed(), "nothing compared must not pass silently");
    }

    @Test
    void normalisingByCalibrationCancelsASlowerMachine() throws IOException {
        ResultsJson fastMachine = run(1000, 500).avgt(CALIBRATION, Map.of(), 3000, 10, 0);
        ResultsJson slowMachine = run(2000, 250).avgt(CALIBRATION, Map.of(), 6000, 10, 0);

        assertFalse(compare(fastMachine, slowMachine).passed());
        ComparisonReport normalised = compare(fastMachine, slowMachine, CompareOptions.defaults().withNormalize(true));

        assertTrue(normalised.passed());
        assertEquals(2, normalised.count(Verdict.SAME));
        assertEquals(2, normalised.rows().size(), "the calibration itself is not compared");
        assertTrue(normalised.notes().get(0).contains("0.500x as fast"));
    }

    @Test
    void aSlowerMachineShowsInTheCalibrationWithoutFailingIt() throws IOException {
        ResultsJson base = run(1000, 500).avgt(CALIBRATION, Map.of(), 3000, 10, 0);
        ResultsJson cur = run(1000, 500).avgt(CALIBRATION, Map.of(), 6000, 10, 0);

        ComparisonReport report = compare(base, cur);

        assertEquals(Verdict.SLOWER, row(report, "CalibrationBenchmark.multiplyAddChain").verdict());
        assertTrue(report.passed());
    }

    @Test
    void normalisingStillCatchesARealSlowdown() throws IOException {
        ResultsJson base = run(1000, 500).avgt(CALIBRATION, Map.of(), 3000, 10, 0);
        ResultsJson cur = run(4000, 250).avgt(CALIBRATION, Map.of(), 6000, 10, 0);

        ComparisonReport report = compare(base, cur, CompareOptions.defaults().withNormalize(true));

        assertEquals(Verdict.SLOWER, row(report, "TrainingStepBenchmark.step").verdict());
        assertEquals(Verdict.SAME, row(report, "GemmBenchmark.sgemm").verdict());
    }

    @Test
    void normalisingWithoutCalibrationExplainsWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> compare(run(1, 1), run(1, 1), CompareOptions.defaults().withNormalize(true)));

        assertTrue(e.getMessage().contains("CalibrationBenchmark"), e.getMessage());
    }

    private static ComparisonRow row(ComparisonReport report, String name) {
        return report.rows().stream().filter(r -> r.key().shortName().equals(name)).findFirst().orElseThrow();
    }
}
