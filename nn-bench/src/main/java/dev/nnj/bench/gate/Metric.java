package dev.nnj.bench.gate;

/**
 * One measured quantity of a JMH result: its score, the half-width of its 99.9% confidence interval
 * ({@code scoreError}, NaN when a run had too few iterations to compute one) and its unit.
 */
public record Metric(double score, double error, String unit) {

    /** The error bar, or 0 when JMH could not compute one, so that it neither widens nor poisons sums. */
    public double errorOrZero() {
        return Double.isFinite(error) ? error : 0;
    }

    /** This metric with score and error multiplied by {@code factor}. */
    Metric scaled(double factor) {
        return new Metric(score * factor, error * factor, unit);
    }
}
