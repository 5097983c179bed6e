package dev.nnj.bench.gate;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What makes two results comparable: the same benchmark method, mode and parameter values.
 *
 * @param benchmark the fully qualified method name JMH reports, e.g. {@code dev.nnj.bench.GemmBenchmark.sgemm}
 * @param mode      JMH's short mode name: {@code thrpt}, {@code avgt}, {@code sample} or {@code ss}
 * @param params    the {@code @Param} values, sorted by name
 */
public record BenchmarkKey(String benchmark, String mode, SortedMap<String, String> params)
        implements Comparable<BenchmarkKey> {

    private static final String PACKAGE = "dev.nnj.bench.";

    public BenchmarkKey {
        params = new TreeMap<>(params);
    }

    public static BenchmarkKey of(String benchmark, String mode, Map<String, String> params) {
        return new BenchmarkKey(benchmark, mode, new TreeMap<>(params));
    }

    /** The benchmark name without nnj's package, which every name would otherwise repeat. */
    public String shortName() {
        return benchmark.startsWith(PACKAGE) ? benchmark.substring(PACKAGE.length()) : benchmark;
    }

    /** {@code name=value} pairs separated by spaces, or "-" when there are none. */
    public String paramsText() {
        if (params.isEmpty()) {
            return "-";
        }
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    @Override
    public int compareTo(BenchmarkKey other) {
        int c = benchmark.compareTo(other.benchmark);
        if (c == 0) {
            c = paramsText().compareTo(other.paramsText());
        }
        return c != 0 ? c : mode.compareTo(other.mode);
    }

    @Override
    public String toString() {
        return shortName() + " [" + paramsText() + "] " + mode;
    }
}
