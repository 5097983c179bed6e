package dev.nnj.bench.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON JMH writes with {@code -rf json}: an array with one object per benchmark and parameter set. */
public final class JmhResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JmhResults() {
    }

    /**
     * The results in {@code file}, in file order.
     *
     * @throws IOException naming the file and the entry when it is missing, not JSON, or not JMH's layout
     */
    public static List<BenchmarkResult> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isArray()) {
            throw new IOException(file + ": expected a JSON array of JMH results (written by -rf json), found "
                    + (root == null ? "an empty file" : root.getNodeType().toString().toLowerCase()));
        }
        List<BenchmarkResult> results = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            try {
                results.add(parse(root.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": entry " + i + ": " + e.getMessage(), e);
            }
        }
        return results;
    }

    /**
     * The results of several runs of the same selection, one per key. A key measured in more than one
     * run (the A B A B recipe) gets the mean score, and an error bar that is the largest single-run
     * error plus half the spread between runs, so that drift between runs widens the bars instead of
     * passing for a change. Runs that report a benchmark in different units (us/op and ms/op) are
     * combined in the first run's unit.
     *
     * @throws IllegalArgumentException when runs report a benchmark in units that cannot be converted
     */
    public static Map<BenchmarkKey, BenchmarkResult> combine(List<BenchmarkResult> results) {
        Map<BenchmarkKey, List<BenchmarkResult>> byKey = new LinkedHashMap<>();
        for (BenchmarkResult r : results) {
            byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
        }
        Map<BenchmarkKey, BenchmarkResult> combined = new LinkedHashMap<>();
        byKey.forEach((key, runs) -> combined.put(key, runs.size() == 1 ? runs.get(0) : combine(key, runs)));
        return combined;
    }

    private static BenchmarkResult combine(BenchmarkKey key, List<BenchmarkResult> runs) {
        Metric primary = combineMetrics(runs.stream().map(BenchmarkResult::primary).toList(), key.toString());
        Map<String, Metric> secondary = new LinkedHashMap<>();
        for (String name : runs.get(0).secondary().keySet()) {
            List<Metric> metrics = runs.stream().map(r -> r.secondary().get(name)).toList();
            if (!metrics.contains(null)) {
                secondary.put(name, combineMetrics(metrics, key + " " + name));
            }
        }
        double ops = runs.stream().mapToDouble(BenchmarkResult::operationsPerIteration).min().orElse(Double.NaN);
        return new BenchmarkResult(key, primary, secondary, ops);
    }

    private static Metric combineMetrics(List<Metric> runs, String what) {
        String unit = runs.get(0).unit();
        List<Metric> metrics = runs.stream()
                .map(m -> m.in(unit, what + " is in " + unit + " in one run and in " + m.unit() + " in another"))
                .toList();
        double mean = metrics.stream().mapToDouble(Metric::score).average().orElseThrow();
        double min = metrics.stream().mapToDouble(Metric::score).min().orElseThrow();
        double max = metrics.stream().mapToDouble(Metric::score).max().orElseThrow();
        double error = metrics.stream().mapToDouble(Metric::errorOrZero).max().orElseThrow() + (max - min) / 2;
        // Every run's JVMs must have settled, as every fork of one run must.
        double settled = metrics.stream().mapToDouble(Metric::settled).max().orElseThrow();
        return new Metric(mean, error, unit, settled);
    }

    private static BenchmarkResult parse(JsonNode entry) {
        String benchmark = text(entry, "benchmark");
        String mode = text(entry, "mode");
        Modes.higherIsBetter(mode);
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> p : entry.path("params").properties()) {
            params.put(p.getKey(), p.getValue().asText());
        }
        JsonNode primaryNode = entry.get("primaryMetric");
        if (primaryNode == null || !primaryNode.isObject()) {
            throw new IllegalArgumentException(benchmark + " has no primaryMetric object");
        }
        Metric primary = metric(benchmark, "primaryMetric", primaryNode);
        Map<String, Metric> secondary = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> s : entry.path("secondaryMetrics").properties()) {
            secondary.put(profilerMetricName(s.getKey()), metric(benchmark, s.getKey(), s.getValue()));
        }
        BenchmarkKey key = BenchmarkKey.of(benchmark, mode, params);
        double opsPerIteration = Units.operationsPerIteration(primary, entry.path("measurementTime").asText(""));
        return new BenchmarkResult(key, primary, secondary, opsPerIteration);
    }

    /**
     * A secondary metric's name as JMH 1.37 writes it: JMH 1.36 and earlier put a '·' before the names of
     * profiler metrics ({@code ·gc.alloc.rate.norm}), and results of either must gate the same way.
     */
    static String profilerMetricName(String name) {
        return name.startsWith("\u00b7") ? name.substring(1) : name;
    }

    private static Metric metric(String benchmark, String name, JsonNode node) {
        double score = number(node.get("score"));
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException(benchmark + ": metric " + name + " has no numeric score");
        }
        double settled = settled(node.get("rawData"));
        return new Metric(score, number(node.get("scoreError")), node.path("scoreUnit").asText(""),
                Double.isNaN(settled) ? score : settled);
    }

    /**
     * The highest over forks of each fork's lowest iteration, from JMH's {@code rawData} (one array of
     * iteration values per fork); NaN when absent. See {@link Metric} for why.
     */
    private static double settled(JsonNode rawData) {
        double settled = Double.NaN;
        if (rawData == null || !rawData.isArray()) {
            return settled;
        }
        for (JsonNode fork : rawData) {
            double least = Double.NaN;
            for (JsonNode iteration : fork) {
                double value = number(iteration);
                if (Double.isNaN(value)) {
                    continue;
                }
                least = Double.isNaN(least) ? value : Math.min(least, value);
            }
            if (!Double.isNaN(least)) {
                settled = Double.isNaN(settled) ? least : Math.max(settled, least);
            }
        }
        return settled;
    }

    /** JMH writes NaN and infinities as strings ("NaN"), since JSON numbers cannot express them. */
    private static double number(JsonNode node) {
        if (node == null || node.isNull()) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        try {
            return Double.parseDouble(node.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String text(JsonNode entry, String field) {
        JsonNode node = entry.get(field);
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw new IllegalArgumentException("missing the text field '" + field + "'");
        }
        return node.asText();
    }
}
