package dev.nnj.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComparisonTableTest {

    private static ComparisonRow row(String name, Map<String, String> params, double base, double cur,
                                     Verdict verdict, boolean allocationGrew, boolean fails) {
        BenchmarkKey key = BenchmarkKey.of("dev.nnj.bench." + name, "avgt", params);
        return new ComparisonRow(key, new Metric(base, 1.5, "us/op"), new Metric(cur, Double.NaN, "us/op"),
                cur / base, verdict, Optional.of(new Metric(0, 0, "B/op")),
                Optional.of(new Metric(allocationGrew ? 4096 : 0, 0, "B/op")), allocationGrew, fails);
    }

    private static ComparisonReport report(List<ComparisonRow> rows, List<BenchmarkKey> missing, List<BenchmarkKey> added) {
        return new ComparisonReport(rows, missing, added, List.of(), CompareOptions.defaults());
    }

    @Test
    void columnsAreAligned() {
        String text = ComparisonTable.render(report(List.of(
                row("TrainingStepBenchmark.step", Map.of("batch", "128", "kernels", "simd"), 1234.5, 2469, Verdict.SLOWER, false, true),
                row("SoftmaxBenchmark.forward", Map.of(), 1.25, 1.25, Verdict.SAME, true, true)), List.of(), List.of()));

        List<String> lines = Arrays.asList(text.split("\n"));
        String header = lines.get(0);
        int mode = header.indexOf("Mode");
        int unit = header.indexOf("Unit");
        for (String line : lines.subList(1, 3)) {
            assertEquals("avgt", line.substring(mode, mode + 4), line);
            assertEquals("us/op", line.substring(unit, unit + 5), line);
        }
        assertTrue(lines.get(1).contains("batch=128 kernels=simd"));
        assertTrue(lines.get(1).contains("1235 ± 2"), "baseline with its error bar: " + lines.get(1));
        assertTrue(lines.get(1).contains("+100.0%"));
        assertTrue(lines.get(1).endsWith("SLOWER  <- FAIL"), lines.get(1));
        assertTrue(lines.get(2).contains("0 -> 4096"));
        assertTrue(lines.get(2).contains("same, MORE ALLOCATION  <- FAIL"), lines.get(2));
        assertTrue(text.endsWith("FAIL: 2 benchmark(s) marked FAIL above\n"), text);
    }

    @Test
    void explainsMissingAndNewBenchmarks() {
        BenchmarkKey gone = BenchmarkKey.of("dev.nnj.bench.Old.gone", "avgt", Map.of());
        BenchmarkKey added = BenchmarkKey.of("dev.nnj.bench.New.here", "thrpt", Map.of("batch", "32"));

        String text = ComparisonTable.render(report(
                List.of(row("A.b", Map.of(), 1, 1, Verdict.SAME, false, false)), List.of(gone), List.of(added)));

        assertTrue(text.contains("1 in the baseline but not in the current results"), text);
        assertTrue(text.contains("  Old.gone [-] avgt"), text);
        assertTrue(text.contains("1 new in the current results, no baseline to compare with"), text);
        assertTrue(text.contains("  New.here [batch=32] thrpt"), text);
        assertTrue(text.endsWith("PASS\n"), text);
    }

    @Test
    void saysWhenNothingWasCompared() {
        String text = ComparisonTable.render(report(List.of(), List.of(), List.of()));

        assertTrue(text.contains("FAIL: no benchmark appears in both files"), text);
    }

    @Test
    void saysWhenOnlyTheCalibrationWasCompared() {
        BenchmarkKey key = BenchmarkKey.of(Comparison.CALIBRATION, "avgt", Map.of());
        ComparisonRow calibration = new ComparisonRow(key, new Metric(1665, 17, "ns/op"), new Metric(1665, 17, "ns/op"),
                1, Verdict.SAME, Optional.empty(), Optional.empty(), false, false);

        String text = ComparisonTable.render(report(List.of(calibration), List.of(), List.of()));

        assertTrue(text.endsWith("FAIL: no benchmark other than the calibration appears in both files, so nothing was "
                + "compared; were they produced by the same selection (run --quick vs run)?\n"), text);
    }

    @Test
    void marksMissingAllocationData() {
        BenchmarkKey key = BenchmarkKey.of("dev.nnj.bench.TrainingStepBenchmark.step", "thrpt", Map.of());
        ComparisonRow row = new ComparisonRow(key, new Metric(1500, 15, "ops/s"), new Metric(1500, 15, "ops/s"),
                1, Verdict.SAME, Optional.of(new Metric(72, 0, "B/op")), Optional.empty(), false, true);

        String line = ComparisonTable.render(report(List.of(row), List.of(), List.of())).split("\n")[1];

        assertTrue(line.endsWith("same, NO ALLOCATION DATA  <- FAIL"), line);
    }

    @Test
    void numbersKeepAboutFourSignificantDigits() {
        assertEquals("123457", ComparisonTable.number(123456.7));
        assertEquals("123.5", ComparisonTable.number(123.456));
        assertEquals("1.235", ComparisonTable.number(1.23456));
        assertEquals("0.01235", ComparisonTable.number(0.0123456));
        assertEquals("0", ComparisonTable.number(0));
        assertEquals("108.6 ± 40.2", ComparisonTable.number(108.6) + " ± " + ComparisonTable.error(40.191, 108.6));
        assertEquals("10%", ComparisonTable.percent(0.1));
        assertEquals("2.5%", ComparisonTable.percent(0.025));
    }
}
