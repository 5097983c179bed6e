package dev.nnj.bench.gate;

/** The sense of JMH's benchmark modes: which direction of a score is an improvement. */
final class Modes {

    private Modes() {
    }

    /**
     * True for throughput (operations per time: more is better), false for the time modes (average,
     * sample and single-shot time per operation: less is better).
     *
     * @throws IllegalArgumentException for a mode this tool does not know, rather than guessing its sense
     */
    static boolean higherIsBetter(String mode) {
        return switch (mode) {
            case "thrpt" -> true;
            case "avgt", "sample", "ss" -> false;
            default -> throw new IllegalArgumentException("unknown JMH mode '" + mode
                    + "': expected thrpt, avgt, sample or ss");
        };
    }
}
