package dev.nnj.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerformanceReportTest {

    private static BenchmarkResult gemm(String kernels, String shape, double gflops) {
        BenchmarkKey key = BenchmarkKey.of("dev.nnj.bench.GemmBenchmark.sgemm", "thrpt",
                Map.of("kernels", kernels, "shape", shape, "transpose", "NT"));
        return new BenchmarkResult(key, new Metric(1000, 10, "ops/s"),
                Map.of("gflop", new Metric(gflops, gflops / 10, "ops/s")), 1000);
    }

    @Test
    void onePivotRowPerShapeAndOneColumnPerBackend() {
        String text = PerformanceReport.render(List.of(
                gemm("scalar", "64", 1.5), gemm("simd", "64", 96.4), gemm("scalar", "128", 2.5)));

        List<String> lines = text.lines().toList();
        assertEquals("**GemmBenchmark.sgemm**, GFLOP/s (± 99.9% error)", lines.get(0));
        assertEquals("| parameters | scalar | simd |", lines.get(2));
        assertEquals("| shape=64 transpose=NT | 1.500 ± 0.150 | 96.40 ± 9.64 |", lines.get(4));
        assertEquals("| shape=128 transpose=NT | 2.500 ± 0.250 |  |", lines.get(5));
    }

    @Test
    void repeatedRunsGiveTheBestAndTheMedian() {
        List<BenchmarkResult> runs = new ArrayList<>();
        for (double g : new double[] {80, 120, 100}) {
            runs.add(gemm("simd", "64", g));
        }

        String text = PerformanceReport.render(runs);

        assertTrue(text.contains("best of 3 runs; median in parentheses"), text);
        assertTrue(text.contains("| shape=64 transpose=NT | 120.0 (100.0) |"), text);
    }

    @Test
    void saysWhenNothingReportsARate() {
        BenchmarkResult plain = new BenchmarkResult(BenchmarkKey.of("a.B.c", "avgt", Map.of()),
                new Metric(1, 0, "us/op"), Map.of(), 1);

        assertTrue(PerformanceReport.render(List.of(plain)).startsWith("No benchmark"));
    }
}
