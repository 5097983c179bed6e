package dev.nnj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void unreadableResultsAreAnInputErrorNotARegression() throws IOException {
        Path a = results("a.json", 100.0);
        Path missing = dir.resolve("missing.json");
        Path notJson = Files.writeString(dir.resolve("broken.json"), "[{\"benchmark\": ");
        Path notJmh = Files.writeString(dir.resolve("other.json"), "[{\"name\": \"x\"}]");

        for (Path bad : List.of(missing, notJson, notJmh, dir)) {
            Cli.Run run = Cli.run("bench", "compare", a.toString(), bad.toString());
            assertEquals(2, run.exit(), run::toString);
            assertEquals(1, run.err().lines().count(), run::toString);
            assertTrue(run.err().contains(bad.toString()), run::toString);
        }
    }

    @Test
    void unitsThatDoNotConvertAreAnInputError() throws IOException {
        Path a = results("a.json", 100.0);
        Path b = Files.writeString(dir.resolve("b.json"), Files.readString(a).replace("ops/s", "us/op"));

        Cli.Run run = Cli.run("bench", "compare", a.toString(), b.toString());

        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("GemmBenchmark.sgemm [kernels=simd shape=64] thrpt is in ops/s in the baseline"
                + " and in us/op in the current results"), run::toString);
    }

    @Test
    void reportOnlyStillFailsOnAllocationWithinTheGate() throws IOException {
        Path a = results("a.json", 100.0);
        Path allocates = results("b.json", 100.0, 4096);

        Cli.Run gated = Cli.run("bench", "compare", a.toString(), allocates.toString(), "--report-only");
        assertEquals(1, gated.exit(), gated::toString);
        assertTrue(gated.out().contains("MORE ALLOCATION  <- FAIL"), gated::toString);

        Cli.Run outside = Cli.run("bench", "compare", a.toString(), allocates.toString(), "--report-only",
                "--alloc-gate", "TrainingStep");
        assertEquals(0, outside.exit(), outside::toString);
        Cli.Run inside = Cli.run("bench", "compare", a.toString(), allocates.toString(), "--report-only",
                "--alloc-gate", "Gemm");
        assertEquals(1, inside.exit(), inside::toString);
    }

    @Test
    void helpSaysWhenReportOnlyStillFails() {
        Cli.Run help = Cli.run("bench", "compare", "--help");

        String text = help.out().replaceAll("\\s+", " ");
        assertTrue(text.contains("--report-only Report slowdowns without failing on them; allocation (see --alloc-gate)"
                + " and files with nothing in common still fail."), help::toString);
        assertFalse(text.contains("always exit 0"), help::toString);
    }

    @Test
    void badAllocGateIsAUsageError() throws IOException {
        Path a = results("a.json", 100.0);

        Cli.Run run = Cli.run("bench", "compare", a.toString(), a.toString(), "--alloc-gate", "(");

        assertEquals(2, run.exit(), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertTrue(run.err().contains("'(' is not a regular expression"), run::toString);
    }

    @Test
    void combinesCommaSeparatedRuns() throws IOException {
        Path base = results("a.json", 100.0);
        String current = results("b1.json", 100.0) + "," + results("b2.json", 60.0);

        Cli.Run run = Cli.run("bench", "compare", base.toString(), current);

        // mean 80 ops/s; error: the largest single-run error, 1, plus half the spread of 40
        assertTrue(run.out().contains("80.00 ± 21.00"), run::toString);
        assertEquals(0, run.exit(), "25% slower, but within the combined error bars: " + run);
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
        return results(name, score, 0);
    }

    /** The same, allocating {@code bytes} per operation. */
    private Path results(String name, double score, double bytes) throws IOException {
        String json = String.format(Locale.ROOT, """
                [{"benchmark": "dev.nnj.bench.GemmBenchmark.sgemm", "mode": "thrpt", "measurementTime": "1 s",
                  "params": {"kernels": "simd", "shape": "64"},
                  "primaryMetric": {"score": %s, "scoreError": 1.0, "scoreUnit": "ops/s"},
                  "secondaryMetrics": {"gc.alloc.rate.norm": {"score": %s, "scoreError": 0.0, "scoreUnit": "B/op"}}}]
                """, score, bytes);
        return Files.writeString(dir.resolve(name), json);
    }
}
