package dev.nnj.bench.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Markdown tables of the rates benchmarks count with JMH auxiliary counters (GFLOP/s of sgemm,
 * samples/s of training and inference), one row per parameter set and one column per {@code kernels}
 * value, reproducible from result files (the JMH tables of nn-bench/README.md).
 *
 * <p>Given one run, a cell is the score with its error bar. Given several runs of the same benchmarks,
 * a cell is the best run's score followed by the median: on a shared machine the best run is the one
 * least disturbed by other load, and the median shows how far that load pulls the figures down.
 */
public final class PerformanceReport {

    /** Auxiliary counters worth a table, with the unit their per-second rate is reported in. */
    private static final Map<String, String> RATES = Map.of("gflop", "GFLOP/s", "samples", "samples/s");
    private static final String COLUMN_PARAM = "kernels";

    private PerformanceReport() {
    }

    /** Tables for {@code results}, which may hold the same benchmarks from several runs. */
    public static String render(List<BenchmarkResult> results) {
        Map<String, List<BenchmarkResult>> byBenchmark = new LinkedHashMap<>();
        for (BenchmarkResult r : results) {
            if (rateOf(r) != null && r.key().params().containsKey(COLUMN_PARAM)) {
                byBenchmark.computeIfAbsent(r.key().shortName(), k -> new ArrayList<>()).add(r);
            }
        }
        if (byBenchmark.isEmpty()) {
            return "No benchmark in these results reports a rate (gflop or samples) per 'kernels' value.\n";
        }
        StringBuilder out = new StringBuilder();
        byBenchmark.forEach((name, rs) -> table(out, name, rs));
        return out.toString();
    }

    private static String rateOf(BenchmarkResult r) {
        return RATES.keySet().stream().filter(r.secondary()::containsKey).findFirst().orElse(null);
    }

    private static void table(StringBuilder out, String name, List<BenchmarkResult> results) {
        String rate = rateOf(results.get(0));
        Set<String> columns = new LinkedHashSet<>();
        Map<String, Map<String, List<Metric>>> rows = new LinkedHashMap<>();
        for (BenchmarkResult r : results) {
            String column = r.key().params().get(COLUMN_PARAM);
            columns.add(column);
            rows.computeIfAbsent(rowLabel(r), k -> new LinkedHashMap<>())
                    .computeIfAbsent(column, k -> new ArrayList<>())
                    .add(r.secondary().get(rate));
        }
        int runs = rows.values().stream().flatMap(c -> c.values().stream()).mapToInt(List::size).max().orElse(1);
        out.append("**").append(name).append("**, ").append(RATES.get(rate))
                .append(runs == 1 ? " (± 99.9% error)" : " (best of " + runs + " runs; median in parentheses)")
                .append("\n\n");
        out.append("| parameters | ").append(String.join(" | ", columns)).append(" |\n");
        out.append("|---|").append("---:|".repeat(columns.size())).append('\n');
        rows.forEach((label, cells) -> {
            out.append("| ").append(label).append(" |");
            for (String column : columns) {
                List<Metric> runsOfCell = cells.get(column);
                out.append(' ').append(runsOfCell == null ? "" : cell(runsOfCell)).append(" |");
            }
            out.append('\n');
        });
        out.append('\n');
    }

    private static String rowLabel(BenchmarkResult r) {
        return r.key().params().entrySet().stream()
                .filter(e -> !e.getKey().equals(COLUMN_PARAM))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    static String cell(List<Metric> runs) {
        if (runs.size() == 1) {
            Metric m = runs.get(0);
            String score = ComparisonTable.number(m.score());
            return Double.isFinite(m.error()) ? score + " ± " + ComparisonTable.error(m.error(), m.score()) : score;
        }
        double[] scores = runs.stream().mapToDouble(Metric::score).sorted().toArray();
        int n = scores.length;
        double median = n % 2 == 1 ? scores[n / 2] : (scores[n / 2 - 1] + scores[n / 2]) / 2;
        return ComparisonTable.number(scores[n - 1]) + " (" + ComparisonTable.number(median) + ")";
    }
}
