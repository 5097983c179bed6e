package dev.nnj.bench.gate;

import java.util.regex.Pattern;

/**
 * How {@link Comparison} judges a change.
 *
 * @param threshold  the relative slowdown tolerated, e.g. 0.10: a benchmark fails only when it is slower
 *                   by more than this and beyond the combined error bars
 * @param normalize  divide every score by the {@link Comparison#CALIBRATION} benchmark of the same run,
 *                   so that runs on machines of different speed can be compared
 * @param reportOnly print timing verdicts without failing on them (allocation growth still fails)
 * @param allocGate  only benchmarks whose name matches (find) fail on allocation growth; others report it
 */
public record CompareOptions(double threshold, boolean normalize, boolean reportOnly, Pattern allocGate) {

    public static final double DEFAULT_THRESHOLD = 0.10;

    public CompareOptions {
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a finite fraction >= 0, got " + threshold);
        }
    }

    /** 10%, raw scores, timing and allocation both gate, every benchmark. */
    public static CompareOptions defaults() {
        return new CompareOptions(DEFAULT_THRESHOLD, false, false, Pattern.compile(""));
    }

    /**
     * Parses "10%", "10" (per cent) or "0.1" (a fraction, when below 1).
     *
     * @throws IllegalArgumentException naming the text when it is not a non-negative number
     */
    public static double parseThreshold(String text) {
        String t = text.trim();
        boolean percent = t.endsWith("%");
        try {
            double v = Double.parseDouble(percent ? t.substring(0, t.length() - 1) : t);
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return percent || v >= 1 ? v / 100 : v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("threshold must be a percentage such as 10% or a fraction such as 0.1, got '" + text + "'");
        }
    }

    public CompareOptions withThreshold(double t) {
        return new CompareOptions(t, normalize, reportOnly, allocGate);
    }

    public CompareOptions withNormalize(boolean n) {
        return new CompareOptions(threshold, n, reportOnly, allocGate);
    }

    public CompareOptions withReportOnly(boolean r) {
        return new CompareOptions(threshold, normalize, r, allocGate);
    }

    public CompareOptions withAllocGate(Pattern p) {
        return new CompareOptions(threshold, normalize, reportOnly, p);
    }
}
