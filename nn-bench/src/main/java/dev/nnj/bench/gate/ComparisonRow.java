package dev.nnj.bench.gate;

import java.util.Optional;

/**
 * One benchmark present in both runs, judged.
 *
 * @param key            benchmark, mode and parameters
 * @param baseline       the baseline's primary metric, as measured
 * @param current        the current primary metric, as measured but in the baseline's unit
 * @param timeRatio      current time per operation ÷ baseline time per operation, whatever the mode
 *                       (after calibration when normalising): 2.0 is twice as slow, 0.5 twice as fast
 * @param verdict        how the time moved
 * @param baselineAlloc  bytes per operation in the baseline, when it was profiled with {@code -prof gc}
 * @param currentAlloc   bytes per operation now
 * @param allocationGrew the settled allocation (see {@link Metric}) grew beyond the slack
 * @param fails          this row makes the comparison fail under the options used
 */
public record ComparisonRow(BenchmarkKey key, Metric baseline, Metric current, double timeRatio, Verdict verdict,
                            Optional<Metric> baselineAlloc, Optional<Metric> currentAlloc,
                            boolean allocationGrew, boolean fails) {

    /** The baseline has allocation figures and the current run none: it was run without {@code -prof gc}. */
    public boolean allocationUnknown() {
        return baselineAlloc.isPresent() && currentAlloc.isEmpty();
    }

    /** Change of time per operation in per cent: positive is slower. */
    public double changePercent() {
        return (timeRatio - 1) * 100;
    }
}
