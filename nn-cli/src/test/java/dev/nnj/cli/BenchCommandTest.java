package dev.nnj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nnj bench compare} on small JMH result files; {@code bench run} is exercised by nn-bench. */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void equalResultsPass() throws IOException {
        Path a = results("a.json", 100.0);
        Path b = results("b.json", 101.0);
        Cli.Run run = Cli.run("bench", "compare", a.toString(), b.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("GemmBenchmark.sgemm"), run::toString);
    }

    @Test
    void aSlowdownBeyondTheThresholdFails() throws IOException {
        Path a = results("a.json", 100.0);
        Path b = results("b.json", 50.0);
        Cli.Run run = Cli.run("bench", "compare", a.toString(), b.toString(), "--threshold", "10%");
        assertEquals(1, run.exit(), run::toString);
        Cli.Run reportOnly = Cli.run("bench", "compare", a.toString(), b.toString(), "--report-only");
        assertEquals(0, reportOnly.exit(), reportOnly::toString);
    }

    @Test
    void badThresholdIsAUsageError() throws IOException {
        Path a = results("a.json", 100.0);
        Cli.Run run = Cli.run("bench", "compare", a.toString(), a.toString(), "--threshold", "lots");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("threshold must be a percentage"), run::toString);
    }

    @Test
    void missingResultsFileIsAFailure() throws IOException {
        Path a = results("a.json", 100.0);
        Path missing = dir.resolve("missing.json");
        Cli.Run run = Cli.run("bench", "compare", a.toString(), missing.toString());
        assertEquals(1, run.exit(), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertTrue(run.err().contains(missing.toString()), run::toString);
    }

    @Test
    void runNeedsAnOutputFile() {
        Cli.Run run = Cli.run("bench", "run", "--quick");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("Missing required option: '--out=FILE'"), run::toString);
    }

    @Test
    void benchWithoutASubcommandIsAUsageError() {
        Cli.Run run = Cli.run("bench");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("run or compare"), run::toString);
    }

    /** One throughput benchmark (ops/s, higher is better) in JMH's JSON layout. */
    private Path results(String name, double score) throws IOException {
        String json = String.format(Locale.ROOT, """
                [{"benchmark": "dev.nnj.bench.GemmBenchmark.sgemm", "mode": "thrpt", "measurementTime": "1 s",
                  "params": {"kernels": "simd", "shape": "64"},
                  "primaryMetric": {"score": %s, "scoreError": 1.0, "scoreUnit": "ops/s"},
                  "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 0.0, "scoreError": 0.0, "scoreUnit": "B/op"}}}]
                """, score);
        return Files.writeString(dir.resolve(name), json);
    }
}
