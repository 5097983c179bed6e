package dev.nnj.bench.gate;

import java.util.Map;
import java.util.Optional;

/**
 * One benchmark's entry in a JMH JSON result file, reduced to what the comparison needs.
 *
 * @param key                   benchmark, mode and parameters
 * @param primary               the score JMH ranks by, in the benchmark's mode
 * @param secondary             secondary metrics by name: profiler outputs such as {@code gc.alloc.rate.norm}
 *                              and auxiliary counters such as {@code gflop}
 * @param operationsPerIteration how many benchmark calls one measurement iteration made, estimated from the
 *                              score and the iteration time; NaN when unknown
 */
public record BenchmarkResult(BenchmarkKey key, Metric primary, Map<String, Metric> secondary,
                              double operationsPerIteration) {

    /** JMH's GC profiler metric: bytes allocated per benchmark call, averaged over the run. */
    public static final String ALLOCATION = "gc.alloc.rate.norm";

    public BenchmarkResult {
        secondary = Map.copyOf(secondary);
    }

    /** Bytes allocated per operation, when the run used {@code -prof gc}. */
    public Optional<Metric> allocation() {
        return Optional.ofNullable(secondary.get(ALLOCATION));
    }

    /** Whether a higher primary score is better (throughput) rather than a lower one (time per operation). */
    public boolean higherIsBetter() {
        return Modes.higherIsBetter(key.mode());
    }
}
