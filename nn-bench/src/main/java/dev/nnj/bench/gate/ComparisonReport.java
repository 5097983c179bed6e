package dev.nnj.bench.gate;

import java.util.List;

/**
 * The outcome of a comparison: one row per benchmark found in both runs, plus what could not be
 * compared and why.
 *
 * @param rows        compared benchmarks, sorted by name and parameters
 * @param missing     benchmarks only in the baseline
 * @param added       benchmarks only in the current run
 * @param notes       further lines for the reader (calibration factor, absent profiler data)
 * @param options     the options used
 */
public record ComparisonReport(List<ComparisonRow> rows, List<BenchmarkKey> missing, List<BenchmarkKey> added,
                               List<String> notes, CompareOptions options) {

    public ComparisonReport {
        rows = List.copyOf(rows);
        missing = List.copyOf(missing);
        added = List.copyOf(added);
        notes = List.copyOf(notes);
    }

    public long count(Verdict verdict) {
        return rows.stream().filter(r -> r.verdict() == verdict).count();
    }

    public long allocationIncreases() {
        return rows.stream().filter(ComparisonRow::allocationGrew).count();
    }

    public long failures() {
        return rows.stream().filter(ComparisonRow::fails).count();
    }

    /**
     * Whether a benchmark of nnj was compared: the calibration alone measures only the machines, so two
     * files with nothing else in common (another selection, a run that failed early) have not been compared.
     */
    public boolean comparedAny() {
        return rows.stream().anyMatch(r -> !r.key().benchmark().equals(Comparison.CALIBRATION));
    }

    /** The gate fails on any failing row, and when no benchmark of nnj could be compared. */
    public boolean passed() {
        return failures() == 0 && comparedAny();
    }

    /** Process exit code: 0 when the gate passes, 1 when it fails. */
    public int exitCode() {
        return passed() ? 0 : 1;
    }
}
