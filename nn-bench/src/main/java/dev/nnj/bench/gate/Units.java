package dev.nnj.bench.gate;

/** Reads JMH's unit strings ({@code ops/ms}, {@code us/op}, {@code 500 ms}) well enough for estimates. */
final class Units {

    private Units() {
    }

    /**
     * How many operations one measurement iteration performed: throughput × iteration time, or iteration
     * time ÷ time per operation. NaN when either unit is not recognised.
     */
    static double operationsPerIteration(Metric primary, String iterationTime) {
        double iterationSeconds = durationSeconds(iterationTime);
        String unit = primary.unit();
        int slash = unit.indexOf('/');
        if (Double.isNaN(iterationSeconds) || slash < 0 || primary.score() <= 0) {
            return Double.NaN;
        }
        String top = unit.substring(0, slash);
        String bottom = unit.substring(slash + 1);
        if (top.equals("ops")) {
            return primary.score() / seconds(bottom) * iterationSeconds;
        }
        if (bottom.equals("op")) {
            return iterationSeconds / (primary.score() * seconds(top));
        }
        return Double.NaN;
    }

    /**
     * The factor that turns a figure in unit {@code from} into the same figure in unit {@code to}: 1000
     * from {@code ms/op} to {@code us/op}, 0.001 from {@code ops/s} to {@code ops/ms}, 1 for equal units.
     * NaN when the two do not measure the same kind of quantity (time per operation against operations
     * per time, bytes against time) or a time unit is not recognised.
     */
    static double conversion(String from, String to) {
        if (from.equals(to)) {
            return 1;
        }
        String[] f = from.split("/", -1);
        String[] t = to.split("/", -1);
        if (f.length != 2 || t.length != 2) {
            return Double.NaN;
        }
        if (f[1].equals("op") && t[1].equals("op")) {
            return seconds(f[0]) / seconds(t[0]);
        }
        if (f[0].equals("ops") && t[0].equals("ops")) {
            return seconds(t[1]) / seconds(f[1]);
        }
        return Double.NaN;
    }

    /** "1 s", "500 ms" → seconds; NaN if unparseable. */
    static double durationSeconds(String text) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 2) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(parts[0]) * seconds(parts[1]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Length of one time unit in seconds, NaN for an unknown unit. */
    static double seconds(String unit) {
        return switch (unit) {
            case "ns" -> 1e-9;
            case "us", "µs" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            case "min" -> 60;
            case "hr" -> 3600;
            default -> Double.NaN;
        };
    }
}
