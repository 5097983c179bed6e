package dev.nnj.bench.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Matches two sets of JMH results by benchmark, mode and parameters, and judges each pair.
 *
 * <p>Timing: a benchmark is a regression when it is slower by more than the threshold <em>and</em> the
 * scores differ by more than the sum of both error bars, so that a noisy machine does not cry wolf.
 * Throughput and time modes are read with their own sense; every change is expressed as a ratio of
 * time per operation, so "+100%" means twice as slow in either mode. Scores are compared in the
 * baseline's unit, so that the same speed reported in us/op and in ms/op is no change.
 *
 * <p>Allocation: {@code gc.alloc.rate.norm} counts bytes, not time, and barely moves between runs, so
 * any growth of its settled value (each JVM's least-allocating iteration, see {@link Metric}) beyond a
 * small slack fails. The slack covers what JMH itself allocates per iteration (measured: about 6 KB;
 * counted as 8192 B), which is spread over fewer operations, and so shows as more bytes per operation,
 * when a benchmark merely gets slower.
 */
public final class Comparison {

    /** The benchmark whose score measures the machine rather than nnj; see {@code CalibrationBenchmark}. */
    public static final String CALIBRATION = "dev.nnj.bench.CalibrationBenchmark.multiplyAddChain";

    /** Growth below this is rounding of the per-operation average; the smallest Java object is 16 bytes. */
    static final double ALLOC_ABSOLUTE_SLACK = 8;
    /** Relative slack for benchmarks that allocate by design (model I/O), whose buffers may vary slightly. */
    static final double ALLOC_RELATIVE_SLACK = 0.01;
    /** Upper bound of what the harness and the GC profiler allocate per iteration, outside the benchmark. */
    static final double HARNESS_BYTES_PER_ITERATION = 8192;

    private Comparison() {
    }

    public static ComparisonReport compare(Map<BenchmarkKey, BenchmarkResult> baseline,
                                           Map<BenchmarkKey, BenchmarkResult> current, CompareOptions options) {
        List<String> notes = new ArrayList<>();
        Normalisation normalisation = Normalisation.NONE;
        if (options.normalize()) {
            normalisation = normalisation(baseline, current);
            notes.add(String.format(Locale.ROOT,
                    "Normalised by %s: the current machine ran it %.3fx as fast as the baseline's; "
                            + "changes are corrected for that, and its error bars (%.1f%% and %.1f%%) are added "
                            + "to every score's; scores are shown as measured.",
                    shortName(CALIBRATION), normalisation.speedup(),
                    100 * normalisation.baselineError(), 100 * normalisation.currentError()));
        }
        List<ComparisonRow> rows = new ArrayList<>();
        List<BenchmarkKey> missing = new ArrayList<>();
        List<BenchmarkKey> added = new ArrayList<>();
        TreeSet<BenchmarkKey> keys = new TreeSet<>(baseline.keySet());
        keys.addAll(current.keySet());
        for (BenchmarkKey key : keys) {
            BenchmarkResult b = baseline.get(key);
            BenchmarkResult c = current.get(key);
            if (c == null) {
                missing.add(key);
            } else if (b == null) {
                added.add(key);
            } else if (!(options.normalize() && key.benchmark().equals(CALIBRATION))) {
                rows.add(judge(b, c, normalisation, options, notes));
            }
        }
        return new ComparisonReport(rows, missing, added, notes, options);
    }

    /**
     * How a current score is made comparable with the baseline's when normalising: multiplied (time) or
     * divided (throughput) by {@code speedup}. The calibration's scores are estimates like any other, and
     * a normalised score is the ratio of two of them, whose relative error is the sum of theirs: so each
     * side's relative error grows by its own calibration's, {@code baselineError} and {@code currentError}.
     * Without that, a calibration that merely moved within its noise would mark every benchmark slower.
     */
    private record Normalisation(double speedup, double baselineError, double currentError) {
        static final Normalisation NONE = new Normalisation(1, 0, 0);
    }

    private static ComparisonRow judge(BenchmarkResult b, BenchmarkResult c, Normalisation normalisation,
                                       CompareOptions options, List<String> notes) {
        boolean higherIsBetter = b.higherIsBetter();
        Metric base = b.primary();
        // Runs can report the same benchmark in different units (us/op and ms/op): compare in the baseline's.
        Metric measured = inBaselineUnit(b, c);
        // Express the current score as if measured on the baseline's machine.
        double speedup = normalisation.speedup();
        Metric cur = measured.scaled(higherIsBetter ? 1 / speedup : speedup);
        double ratio = higherIsBetter ? base.score() / cur.score() : cur.score() / base.score();
        double baseError = base.errorOrZero() + Math.abs(base.score()) * normalisation.baselineError();
        double curError = cur.errorOrZero() + Math.abs(cur.score()) * normalisation.currentError();
        boolean beyondErrors = Math.abs(cur.score() - base.score()) > baseError + curError;
        Verdict verdict;
        if (ratio > 1 + options.threshold()) {
            verdict = beyondErrors ? Verdict.SLOWER : Verdict.NOISY;
        } else if (ratio < 1 / (1 + options.threshold()) && beyondErrors) {
            verdict = Verdict.FASTER;
        } else {
            verdict = Verdict.SAME;
        }
        Optional<Metric> baseAlloc = b.allocation();
        Optional<Metric> curAlloc = c.allocation();
        boolean grew = baseAlloc.isPresent() && curAlloc.isPresent() && allocationGrew(b, c);
        // The calibration measures the machine, not nnj: it informs the reader but never fails the gate.
        boolean gated = !b.key().benchmark().equals(CALIBRATION);
        boolean allocationGated = gated && options.allocGate().matcher(b.key().benchmark()).find();
        // A run without -prof gc has no allocation figures: the gate cannot tell whether it allocates more,
        // and a gated benchmark must not pass unchecked.
        boolean allocationUnknown = baseAlloc.isPresent() && curAlloc.isEmpty();
        if (allocationUnknown) {
            notes.add(c.key() + ": no allocation data in the current run" + (allocationGated
                    ? ", which the allocation gate needs: run it with -prof gc (the run command always does)"
                    : " (was it run with -prof gc?)"));
        }
        curAlloc.filter(a -> a.score() - a.settled() > slack(a.settled(), c.operationsPerIteration()))
                .ifPresent(a -> notes.add(String.format(Locale.ROOT, "%s: %s B/op on average, %s once settled "
                        + "(most likely the JIT still compiling during part of the measurement)",
                        c.key(), ComparisonTable.number(a.score()), ComparisonTable.number(a.settled()))));
        boolean fails = gated && ((verdict == Verdict.SLOWER && !options.reportOnly())
                || (allocationGated && (grew || allocationUnknown)));
        return new ComparisonRow(b.key(), base, measured, ratio, verdict, baseAlloc, curAlloc, grew, fails);
    }

    private static Metric inBaselineUnit(BenchmarkResult b, BenchmarkResult c) {
        return c.primary().in(b.primary().unit(), b.key() + " is in " + b.primary().unit() + " in the baseline and in "
                + c.primary().unit() + " in the current results");
    }

    /** Whether the settled allocation (see {@link Metric}) grew beyond the slack. */
    private static boolean allocationGrew(BenchmarkResult b, BenchmarkResult c) {
        double before = b.allocation().orElseThrow().settled();
        double after = c.allocation().orElseThrow().settled();
        double ops = Math.min(b.operationsPerIteration(), c.operationsPerIteration());
        return after - before > slack(before, ops);
    }

    /** How far a figure of {@code bytes} per operation may move without the benchmark allocating more. */
    private static double slack(double bytes, double operationsPerIteration) {
        // Unknown iteration size: assume one operation per iteration, the most tolerant reading.
        double ops = Double.isNaN(operationsPerIteration) ? 1 : Math.max(operationsPerIteration, 1);
        return Math.max(ALLOC_ABSOLUTE_SLACK, ALLOC_RELATIVE_SLACK * bytes) + HARNESS_BYTES_PER_ITERATION / ops;
    }

    /** How many times faster the current machine ran the calibration benchmark, and each run's relative error of it. */
    private static Normalisation normalisation(Map<BenchmarkKey, BenchmarkResult> baseline,
                                               Map<BenchmarkKey, BenchmarkResult> current) {
        BenchmarkResult b = calibration(baseline, "baseline");
        BenchmarkResult c = calibration(current, "current");
        if (!b.key().mode().equals(c.key().mode())) {
            throw new IllegalArgumentException("the calibration benchmark ran in mode " + b.key().mode()
                    + " in the baseline but " + c.key().mode() + " now; rerun one of them");
        }
        Metric base = b.primary();
        Metric cur = inBaselineUnit(b, c);
        double ratio = cur.score() / base.score();
        return new Normalisation(b.higherIsBetter() ? ratio : 1 / ratio,
                base.errorOrZero() / base.score(), cur.errorOrZero() / cur.score());
    }

    private static BenchmarkResult calibration(Map<BenchmarkKey, BenchmarkResult> results, String which) {
        return results.values().stream()
                .filter(r -> r.key().benchmark().equals(CALIBRATION))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("normalising needs " + shortName(CALIBRATION)
                        + " in both result files, but the " + which + " has none; run it with the rest "
                        + "(the run command always includes it) or compare without normalising"));
    }

    private static String shortName(String benchmark) {
        return BenchmarkKey.of(benchmark, "avgt", Map.of()).shortName();
    }
}
