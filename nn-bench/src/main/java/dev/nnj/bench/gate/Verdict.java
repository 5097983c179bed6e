package dev.nnj.bench.gate;

/** How the time of one benchmark moved between the baseline and the current run. */
public enum Verdict {
    /** Faster by more than the threshold and beyond the error bars. */
    FASTER("faster"),
    /** Within the threshold. */
    SAME("same"),
    /** Slower by more than the threshold, but within the error bars: too noisy to call. */
    NOISY("slower?"),
    /** Slower by more than the threshold and beyond the combined error bars: a regression. */
    SLOWER("SLOWER");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The word printed in the verdict column; upper case marks a regression. */
    public String label() {
        return label;
    }
}
