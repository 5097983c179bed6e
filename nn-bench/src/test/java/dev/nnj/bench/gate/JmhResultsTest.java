package dev.nnj.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhResultsTest {

    @TempDir
    Path dir;

    /** A file written by JMH 1.37 itself (GemmBenchmark and CalibrationBenchmark with -prof gc). */
    private Path realFile() throws IOException {
        Path file = dir.resolve("jmh.json");
        try (InputStream in = getClass().getResourceAsStream("jmh-sample.json")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void readsWhatJmhWrites() throws IOException {
        List<BenchmarkResult> results = JmhResults.read(realFile());

        assertEquals(3, results.size());
        BenchmarkResult gemm = results.get(0);
        assertEquals("GemmBenchmark.sgemm", gemm.key().shortName());
        assertEquals("kernels=scalar shape=64 transpose=NT", gemm.key().paramsText());
        assertEquals("thrpt", gemm.key().mode());
        assertTrue(gemm.higherIsBetter());
        assertEquals(15769.97, gemm.primary().score(), 0.01);
        assertEquals("ops/s", gemm.primary().unit());
        assertEquals(0.3987, gemm.allocation().orElseThrow().score(), 1e-4);
        // The least of the fork's three iterations, 0.445, 0.379 and 0.372 B/op.
        assertEquals(0.37208, gemm.allocation().orElseThrow().settled(), 1e-5);
        assertTrue(gemm.secondary().containsKey("gflop"));
        // 15770 ops/s over 1 s iterations
        assertEquals(15770, gemm.operationsPerIteration(), 1);

        BenchmarkResult calibration = results.get(2);
        assertEquals(Comparison.CALIBRATION, calibration.key().benchmark());
        assertEquals("-", calibration.key().paramsText());
        assertEquals("avgt", calibration.key().mode());
        // 1 s / 3722 ns per op
        assertEquals(1e9 / 3722.49, calibration.operationsPerIteration(), 1);
    }

    @Test
    void readsTheAllocationOfJmh136AndEarlierWhoseProfilerMetricsStartWithADot() throws IOException {
        Path file = ResultsJson.writeText(dir.resolve("old.json"), "[{\"benchmark\": \"dev.nnj.bench.X.y\","
                + " \"mode\": \"avgt\", \"measurementTime\": \"1 s\", \"params\": {},"
                + " \"primaryMetric\": {\"score\": 5, \"scoreError\": 0.1, \"scoreUnit\": \"us/op\"},"
                + " \"secondaryMetrics\": {\"\u00b7gc.alloc.rate.norm\": {\"score\": 96, \"scoreError\": 0.5,"
                + " \"scoreUnit\": \"B/op\"}}}]");

        BenchmarkResult result = JmhResults.read(file).get(0);

        assertEquals(96, result.allocation().orElseThrow().score());
    }

    @Test
    void readsNaNErrorWrittenAsString() throws IOException {
        Path file = new ResultsJson().avgt("X.y", Map.of(), 5, Double.NaN, 0).write(dir.resolve("r.json"));

        Metric m = JmhResults.read(file).get(0).primary();

        assertTrue(Double.isNaN(m.error()));
        assertEquals(0, m.errorOrZero());
    }

    @Test
    void rejectsNonJmhFilesNamingTheFile() throws IOException {
        Path object = ResultsJson.writeText(dir.resolve("object.json"), "{\"benchmark\": \"x\"}");
        Path broken = ResultsJson.writeText(dir.resolve("broken.json"), "[{");
        Path noMetric = ResultsJson.writeText(dir.resolve("nometric.json"), "[{\"benchmark\":\"a.B.c\",\"mode\":\"avgt\"}]");
        Path badMode = ResultsJson.writeText(dir.resolve("mode.json"),
                "[{\"benchmark\":\"a.B.c\",\"mode\":\"fast\",\"primaryMetric\":{\"score\":1}}]");

        assertTrue(assertThrows(IOException.class, () -> JmhResults.read(object)).getMessage()
                .contains("object.json: expected a JSON array"));
        assertTrue(assertThrows(IOException.class, () -> JmhResults.read(broken)).getMessage()
                .contains("broken.json: not valid JSON"));
        assertTrue(assertThrows(IOException.class, () -> JmhResults.read(noMetric)).getMessage()
                .contains("entry 0: a.B.c has no primaryMetric"));
        assertTrue(assertThrows(IOException.class, () -> JmhResults.read(badMode)).getMessage()
                .contains("unknown JMH mode 'fast'"));
        assertTrue(assertThrows(IOException.class, () -> JmhResults.read(dir.resolve("absent.json"))).getMessage()
                .contains("absent.json: no such file"));
    }

    @Test
    void combinesRepeatedRunsIntoMeanWithWiderErrors() throws IOException {
        Path a = new ResultsJson().avgt("X.y", Map.of("n", "1"), 100, 2, 0).write(dir.resolve("a.json"));
        Path b = new ResultsJson().avgt("X.y", Map.of("n", "1"), 110, 3, 0).write(dir.resolve("b.json"));

        List<BenchmarkResult> all = readAll(a, b);
        Map<BenchmarkKey, BenchmarkResult> combined = JmhResults.combine(all);

        assertEquals(1, combined.size());
        Metric m = combined.values().iterator().next().primary();
        assertEquals(105, m.score(), 1e-9);
        // largest single error 3, plus half the 10 spread between runs
        assertEquals(8, m.error(), 1e-9);
    }

    @Test
    void combinesRunsInDifferentUnitsInTheFirstRunsUnit() throws IOException {
        Path a = new ResultsJson().add("X.y", "avgt", Map.of(), 100, 2, "us/op", 0).write(dir.resolve("a.json"));
        Path b = new ResultsJson().add("X.y", "avgt", Map.of(), 0.110, 0.003, "ms/op", 0).write(dir.resolve("b.json"));

        List<BenchmarkResult> all = readAll(a, b);
        Metric m = JmhResults.combine(all).values().iterator().next().primary();

        // the same as 100 ± 2 and 110 ± 3 us/op: mean 105, largest error 3 plus half the spread of 10
        assertEquals("us/op", m.unit());
        assertEquals(105, m.score(), 1e-9);
        assertEquals(8, m.error(), 1e-9);
    }

    @Test
    void refusesToCombineUnitsOfDifferentKinds() throws IOException {
        Path a = new ResultsJson().add("X.y", "avgt", Map.of(), 100, 2, "us/op", 0).write(dir.resolve("a.json"));
        Path b = new ResultsJson().add("X.y", "avgt", Map.of(), 100, 2, "B/op", 0).write(dir.resolve("b.json"));

        List<BenchmarkResult> all = readAll(a, b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JmhResults.combine(all));

        assertTrue(e.getMessage().contains("X.y [-] avgt is in us/op in one run and in B/op in another"),
                e.getMessage());
    }

    @Test
    void combinedRunsHaveSettledOnlyWhenEveryRunHas() throws IOException {
        Path settledRun = new ResultsJson().avgt("X.y", Map.of(), 100, 2, 0)
                .allocIterations(new double[] {50_000, 6}).write(dir.resolve("a.json"));
        Path allocatingRun = new ResultsJson().avgt("X.y", Map.of(), 100, 2, 0)
                .allocIterations(new double[] {900, 800}).write(dir.resolve("b.json"));

        List<BenchmarkResult> all = new java.util.ArrayList<>(JmhResults.read(settledRun));
        all.addAll(JmhResults.read(allocatingRun));
        Metric alloc = JmhResults.combine(all).values().iterator().next().allocation().orElseThrow();

        assertEquals(800, alloc.settled(), 1e-9);
        assertEquals((25_003 + 850) / 2.0, alloc.score(), 1e-9);
    }

    private static List<BenchmarkResult> readAll(Path... files) throws IOException {
        List<BenchmarkResult> all = new java.util.ArrayList<>();
        for (Path f : files) {
            all.addAll(JmhResults.read(f));
        }
        return all;
    }
}
