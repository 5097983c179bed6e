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

    @Test
    void theSameSpeedInAnotherTimeUnitIsNoChange() throws IOException {
        ResultsJson base = new ResultsJson().add("OptimizerBenchmark.update", "avgt", SIMD, 40, 0.4, "us/op", 0);
        ResultsJson sameInMs = new ResultsJson()
                .add("OptimizerBenchmark.update", "avgt", SIMD, 0.040, 0.0004, "ms/op", 0);
        ResultsJson twiceInMs = new ResultsJson()
                .add("OptimizerBenchmark.update", "avgt", SIMD, 0.080, 0.0008, "ms/op", 0);

        ComparisonRow same = compare(base, sameInMs).rows().get(0);
        assertEquals(Verdict.SAME, same.verdict());
        assertEquals(0, same.changePercent(), 1e-9);
        // shown in the baseline's unit, so that the table's one unit column holds for both scores
        assertEquals("us/op", same.current().unit());
        assertEquals(40, same.current().score(), 1e-9);
        assertEquals(0.4, same.current().error(), 1e-9);

        ComparisonReport twice = compare(base, twiceInMs);
        assertEquals(Verdict.SLOWER, twice.rows().get(0).verdict());
        assertEquals(100, twice.rows().get(0).changePercent(), 1e-9);
        assertFalse(twice.passed());
    }

    @Test
    void theSameThroughputInAnotherTimeUnitIsNoChange() throws IOException {
        ResultsJson base = new ResultsJson().add("GemmBenchmark.sgemm", "thrpt", SIMD, 4889, 49, "ops/s", 0);
        ResultsJson sameInMs = new ResultsJson().add("GemmBenchmark.sgemm", "thrpt", SIMD, 4.889, 0.049, "ops/ms", 0);
        ResultsJson halfInMs = new ResultsJson().add("GemmBenchmark.sgemm", "thrpt", SIMD, 2.4445, 0.0245, "ops/ms", 0);

        assertEquals(Verdict.SAME, compare(base, sameInMs).rows().get(0).verdict());
        assertTrue(compare(base, sameInMs).passed());
        ComparisonRow half = compare(base, halfInMs).rows().get(0);
        assertEquals(Verdict.SLOWER, half.verdict());
        assertEquals(100, half.changePercent(), 1e-9);
    }

    @Test
    void errorBarsAreConvertedWithTheirScores() throws IOException {
        // 130 ± 30 us against 100 ± 1 us: 30% slower, but the 30 us apart are within the 31 us of both
        // bars. Were the bar left at 0.03, the change would count as beyond the noise.
        ResultsJson base = new ResultsJson().add("A.b", "avgt", Map.of(), 100, 1, "us/op", 0);
        ResultsJson cur = new ResultsJson().add("A.b", "avgt", Map.of(), 0.130, 0.030, "ms/op", 0);

        assertEquals(Verdict.NOISY, compare(base, cur).rows().get(0).verdict());
    }

    @Test
    void unitsOfDifferentKindsAreRefusedNamingBenchmarkAndUnits() {
        ResultsJson base = new ResultsJson().add("A.b", "avgt", Map.of(), 100, 1, "us/op", 0);
        ResultsJson cur = new ResultsJson().add("A.b", "avgt", Map.of(), 100, 1, "ops/us", 0);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compare(base, cur));

        assertTrue(e.getMessage().contains("A.b [-] avgt is in us/op in the baseline and in ops/us in the current"
                + " results"), e.getMessage());
    }

    @Test
    void normalisingConvertsTheCalibrationsUnits() throws IOException {
        ResultsJson base = run(1000, 500).add(CALIBRATION, "avgt", Map.of(), 1665, 10, "ns/op", 0);
        ResultsJson cur = run(1000, 500).add(CALIBRATION, "avgt", Map.of(), 1.665, 0.010, "us/op", 0);

        ComparisonReport report = compare(base, cur, CompareOptions.defaults().withNormalize(true));

        assertTrue(report.notes().get(0).contains("1.000x as fast"), report.notes().get(0));
        assertEquals(2, report.count(Verdict.SAME));
    }

    @Test
    void aCalibrationThatMovedWithinItsErrorBarsDoesNotFailTheRest() throws IOException {
        // The current machine ran the calibration 1.25x as fast, so the unchanged step reads 1250 us on the
        // baseline's machine: 250 us slower. The baseline's calibration is known to ±50%, which widens the
        // baseline's bar to 500 us, and 250 is within it.
        ComparisonReport report = unchangedStepWithCalibration(500);

        ComparisonRow step = row(report, "TrainingStepBenchmark.step");
        assertEquals(25, step.changePercent(), 1e-9);
        assertEquals(Verdict.NOISY, step.verdict());
        assertTrue(report.passed());
        assertTrue(report.notes().get(0).contains("(50.0% and 0.0%)"), report.notes().get(0));
    }

    @Test
    void aCalibrationThatMovedBeyondItsErrorBarsStillNormalises() throws IOException {
        // As above with the calibration known to ±10%: the bar widens to 100 us, and 250 us is beyond it.
        ComparisonReport report = unchangedStepWithCalibration(100);

        assertEquals(Verdict.SLOWER, row(report, "TrainingStepBenchmark.step").verdict());
        assertFalse(report.passed());
    }

    @Test
    void theCalibrationAloneInCommonIsNothingCompared() throws IOException {
        ResultsJson base = run(1000, 500).avgt(CALIBRATION, Map.of(), 1665, 10, 0);
        ResultsJson onlyCalibration = new ResultsJson().avgt(CALIBRATION, Map.of(), 1665, 10, 0);

        ComparisonReport report = compare(base, onlyCalibration);

        assertEquals(1, report.rows().size());
        assertEquals(2, report.missing().size());
        assertFalse(report.comparedAny());
        assertFalse(report.passed());
        assertEquals(1, report.exitCode());
    }

    @Test
    void aGatedBenchmarkWithoutAllocationDataFails() throws IOException {
        ResultsJson base = new ResultsJson()
                .thrpt("TrainingStepBenchmark.step", SIMD, 1500, 15, 72)
                .avgt("ModelIoBenchmark.save", Map.of(), 1.9, 0.02, 1_234_344);
        ResultsJson withoutProfiler = new ResultsJson()
                .thrpt("TrainingStepBenchmark.step", SIMD, 1500, 15, Double.NaN)
                .avgt("ModelIoBenchmark.save", Map.of(), 1.9, 0.02, Double.NaN);
        CompareOptions options = CompareOptions.defaults().withReportOnly(true)
                .withAllocGate(Pattern.compile("TrainingStepBenchmark"));

        ComparisonReport report = compare(base, withoutProfiler, options);

        ComparisonRow step = row(report, "TrainingStepBenchmark.step");
        assertTrue(step.allocationUnknown());
        assertTrue(step.fails());
        assertFalse(row(report, "ModelIoBenchmark.save").fails(), "outside the allocation gate");
        assertFalse(report.passed());
        assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("TrainingStepBenchmark.step")
                && n.contains("run it with -prof gc")), report.notes().toString());
    }

    @Test
    void withoutAllocationDataOnBothSidesNothingIsMissing() throws IOException {
        ResultsJson base = new ResultsJson().thrpt("TrainingStepBenchmark.step", SIMD, 1500, 15, Double.NaN);
        ResultsJson cur = new ResultsJson().thrpt("TrainingStepBenchmark.step", SIMD, 1500, 15, Double.NaN);

        ComparisonReport report = compare(base, cur);

        assertFalse(report.rows().get(0).allocationUnknown());
        assertTrue(report.passed());
    }

    private static ComparisonRow row(ComparisonReport report, String name) {
        return report.rows().stream().filter(r -> r.key().shortName().equals(name)).findFirst().orElseThrow();
    }

    /**
     * An unchanged 1000 us step, normalised by a calibration that took 1000 ± {@code baselineError} ns on
     * the baseline's machine and 800 ns on the current one.
     */
    private ComparisonReport unchangedStepWithCalibration(double baselineError) throws IOException {
        ResultsJson base = new ResultsJson().avgt("TrainingStepBenchmark.step", SIMD, 1000, 0, 0)
                .avgt(CALIBRATION, Map.of(), 1000, baselineError, 0);
        ResultsJson cur = new ResultsJson().avgt("TrainingStepBenchmark.step", SIMD, 1000, 0, 0)
                .avgt(CALIBRATION, Map.of(), 800, 0, 0);
        return compare(base, cur, CompareOptions.defaults().withNormalize(true));
    }
}
