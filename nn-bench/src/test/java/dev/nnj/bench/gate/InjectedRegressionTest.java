package dev.nnj.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate on a file JMH really wrote (the quick selection's committed baseline), against copies of it
 * with a slowdown or an allocation injected into one benchmark.
 */
class InjectedRegressionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STEP = "dev.nnj.bench.TrainingStepBenchmark.step";

    @TempDir
    Path dir;

    private String output = "";

    /** Surefire runs in the module directory, where the committed baseline lives. */
    private static JsonNode baseline() throws IOException {
        return JSON.readTree(Path.of("baseline", "quick.json").toFile());
    }

    /** The baseline with {@code change} applied to every entry of the SIMD training step. */
    private Path injected(String name, Consumer<ObjectNode> change) throws IOException {
        return injected(name, e -> e.get("benchmark").asText().equals(STEP)
                && e.get("params").get("kernels").asText().equals("simd"), change);
    }

    private Path injected(String name, Predicate<JsonNode> which, Consumer<ObjectNode> change) throws IOException {
        JsonNode results = baseline();
        for (JsonNode entry : results) {
            if (which.test(entry)) {
                change.accept((ObjectNode) entry);
            }
        }
        Path file = dir.resolve(name);
        JSON.writeValue(file.toFile(), results);
        return file;
    }

    private int compare(Path current, String... options) throws IOException {
        Path base = dir.resolve("baseline.json");
        JSON.writeValue(base.toFile(), baseline());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = new String[options.length + 3];
        args[0] = "compare";
        System.arraycopy(options, 0, args, 1, options.length);
        args[args.length - 2] = base.toString();
        args[args.length - 1] = current.toString();
        int exit = BenchMain.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        output = out.toString(StandardCharsets.UTF_8);
        return exit;
    }

    /** Every benchmark {@code factor} times slower: time scores multiplied, throughputs divided. */
    private static void slowDown(ObjectNode entry, double factor) {
        boolean throughput = entry.get("mode").asText().equals("thrpt");
        scale((ObjectNode) entry.get("primaryMetric"), throughput ? 1 / factor : factor);
    }

    private static void scale(ObjectNode metric, double factor) {
        metric.put("score", metric.get("score").asDouble() * factor);
        if (metric.get("scoreError").isNumber()) {
            metric.put("scoreError", metric.get("scoreError").asDouble() * factor);
        }
    }

    @Test
    void baselineAgainstItselfPasses() throws IOException {
        assertEquals(0, compare(injected("same.json", e -> { })));
        assertTrue(JmhResults.read(dir.resolve("same.json")).size() >= 20, "the baseline holds the quick selection");
    }

    @Test
    void twiceAsSlowFails() throws IOException {
        // Everywhere, so that the test does not hang on the error bars of one benchmark in the baseline.
        Path slow = injected("slow.json", e -> true, e -> slowDown(e, 2));

        assertEquals(1, compare(slow));
        assertTrue(output.contains("SLOWER  <- FAIL"), output);
        assertEquals(0, compare(slow, "--report-only"), "CI reports timing without failing on it");
    }

    @Test
    void twiceAsFastPasses() throws IOException {
        assertEquals(0, compare(injected("fast.json", e -> true, e -> slowDown(e, 0.5))));
        assertTrue(output.contains("faster"), output);
    }

    @Test
    void allocationInTheTrainingStepFailsEvenInReportOnlyMode() throws IOException {
        // An activation buffer of the hidden layer, allocated in every step of every iteration.
        Path allocating = injected("alloc.json", e -> addAllocation(e, 128 * 256 * 4, 0));

        assertEquals(1, compare(allocating, "--report-only", "--alloc-gate", "TrainingStepBenchmark"));
        assertTrue(output.contains("MORE ALLOCATION  <- FAIL"), output);
    }

    @Test
    void allocationInTheFirstMeasuredIterationOnlyPasses() throws IOException {
        // A JVM still compiling when the measurement began: 184 KB per step on average in one CI run.
        Path compiling = injected("compiling.json", e -> addAllocation(e, 920_000, 1));

        assertEquals(0, compare(compiling, "--report-only", "--alloc-gate", "TrainingStepBenchmark"));
        assertTrue(output.contains("once settled (most likely the JIT still compiling"), output);
    }

    /**
     * Adds {@code bytes} per operation to the allocation figure of the first {@code iterations} measured
     * iterations of every fork, or of all of them when {@code iterations} is 0, and to the mean.
     */
    private static void addAllocation(ObjectNode entry, double bytes, int iterations) {
        ObjectNode alloc = (ObjectNode) entry.get("secondaryMetrics").get(BenchmarkResult.ALLOCATION);
        double added = 0;
        int count = 0;
        for (JsonNode fork : alloc.get("rawData")) {
            ArrayNode values = (ArrayNode) fork;
            for (int i = 0; i < values.size(); i++, count++) {
                if (iterations == 0 || i < iterations) {
                    values.set(i, values.get(i).asDouble() + bytes);
                    added += bytes;
                }
            }
        }
        alloc.put("score", alloc.get("score").asDouble() + added / count);
    }

    @Test
    void benchmarksDroppedFromTheRunAreReportedNotFailed() throws IOException {
        ArrayNode results = (ArrayNode) baseline();
        String dropped = results.remove(0).get("benchmark").asText();
        Path fewer = dir.resolve("fewer.json");
        JSON.writeValue(fewer.toFile(), results);

        assertEquals(0, compare(fewer));
        assertTrue(output.contains("1 in the baseline but not in the current results"), output);
        assertTrue(output.contains("  " + dropped.substring("dev.nnj.bench.".length())), output);
    }
}
