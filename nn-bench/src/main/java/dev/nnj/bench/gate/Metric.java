package dev.nnj.bench.gate;

/**
 * One measured quantity of a JMH result: its score, the half-width of its 99.9% confidence interval
 * ({@code scoreError}, NaN when a run had too few iterations to compute one), its unit, and its settled
 * value.
 *
 * <p>The settled value is what every JVM of the run reached once it had settled: each fork's lowest
 * measured iteration, and the highest of those over the forks. The allocation gate reads it rather than
 * the score because a JVM that is still compiling allocates for an iteration or two and then stops: code
 * the interpreter or C1 runs boxes every vector it creates, as does code just deoptimised by an uncommon
 * trap until C2 compiles it again. One CI run averaged 184 KB per training step that way; here, with a
 * busy loop on each core, four JVMs of six allocated 9.8 KB to 2 MB per step in their first one to three
 * measured iterations and 13-20 B in the rest (nn-bench/results/2026-12-07-settled-allocation). Code
 * whose compiled form allocates does so in every iteration, and one such fork is enough to fail.
 *
 * @param settled the settled value as above; the score when the file has no per-iteration data
 */
public record Metric(double score, double error, String unit, double settled) {

    /** A metric without per-iteration data, whose settled value is its score. */
    public Metric(double score, double error, String unit) {
        this(score, error, unit, score);
    }

    /** The error bar, or 0 when JMH could not compute one, so that it neither widens nor poisons sums. */
    public double errorOrZero() {
        return Double.isFinite(error) ? error : 0;
    }

    /**
     * This metric expressed in {@code target}, such as {@code us/op} for one measured in {@code ms/op}:
     * runs of the same benchmark can report different units (JMH's {@code -tu}), and their raw numbers
     * are then a thousand times apart.
     *
     * @param mismatch what to say when the units cannot be converted: the benchmark and where each unit is from
     * @throws IllegalArgumentException when the two units measure different things
     */
    Metric in(String target, String mismatch) {
        double factor = Units.conversion(unit, target);
        if (Double.isNaN(factor)) {
            throw new IllegalArgumentException(mismatch + "; these units cannot be converted into each other");
        }
        return new Metric(score * factor, error * factor, target, settled * factor);
    }

    /** This metric with score, error and settled value multiplied by {@code factor}. */
    Metric scaled(double factor) {
        return new Metric(score * factor, error * factor, unit, settled * factor);
    }
}
