package dev.nnj.bench.gate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Renders a {@link ComparisonReport} as an aligned plain-text table followed by a summary. */
public final class ComparisonTable {

    private static final String[] HEADER =
            {"Benchmark", "Params", "Mode", "Baseline", "Current", "Unit", "Change", "Alloc B/op", "Verdict"};
    /** Columns holding numbers, aligned to the right so that digits line up. */
    private static final boolean[] RIGHT = {false, false, false, true, true, false, true, true, false};

    private ComparisonTable() {
    }

    public static String render(ComparisonReport report) {
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADER);
        for (ComparisonRow row : report.rows()) {
            lines.add(new String[] {
                row.key().shortName(),
                row.key().paramsText(),
                row.key().mode(),
                withError(row.baseline()),
                withError(row.current()),
                row.current().unit(),
                String.format(Locale.ROOT, "%+.1f%%", row.changePercent()),
                allocation(row.baselineAlloc(), row.currentAlloc()),
                verdict(row),
            });
        }
        StringBuilder out = new StringBuilder();
        appendAligned(out, lines);
        out.append('\n');
        appendUnmatched(out, report);
        for (String note : report.notes()) {
            out.append(note).append('\n');
        }
        out.append(summary(report)).append('\n');
        return out.toString();
    }

    private static String verdict(ComparisonRow row) {
        String text = row.verdict().label();
        if (row.key().benchmark().equals(Comparison.CALIBRATION)) {
            text += " (the machine, not nnj)";
        }
        if (row.allocationGrew()) {
            text += ", MORE ALLOCATION";
        }
        if (row.allocationUnknown()) {
            text += ", NO ALLOCATION DATA";
        }
        return row.fails() ? text + "  <- FAIL" : text;
    }

    private static String withError(Metric m) {
        String score = number(m.score());
        return Double.isFinite(m.error()) ? score + " ± " + error(m.error(), m.score()) : score;
    }

    private static String allocation(Optional<Metric> before, Optional<Metric> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return "-";
        }
        return number(before.get().settled()) + " -> " + number(after.get().settled());
    }

    /** About four significant digits, without exponents for the ranges benchmarks produce. */
    static String number(double v) {
        return fixed(v, decimals(v));
    }

    /** An error bar with as many decimals as the score it belongs to, so that the two read together. */
    static String error(double error, double score) {
        return fixed(error, decimals(score));
    }

    private static int decimals(double v) {
        double a = Math.abs(v);
        if (a >= 1000 || a == 0 || !Double.isFinite(a)) {
            return 0;
        }
        // digits before the point: 3 for [100, 1000), 1 for [1, 10), ≤ 0 below 1
        int magnitude = (int) Math.floor(Math.log10(a)) + 1;
        return Math.max(4 - magnitude, 1);
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** 0.1 → "10%", 0.025 → "2.5%": the threshold as the user typed it, without float noise. */
    static String percent(double fraction) {
        return BigDecimal.valueOf(Math.round(fraction * 1e6) / 1e4).stripTrailingZeros().toPlainString() + "%";
    }

    private static void appendAligned(StringBuilder out, List<String[]> lines) {
        int[] width = new int[HEADER.length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                String pad = " ".repeat(width[i] - line[i].length());
                text.append(RIGHT[i] ? pad + line[i] : line[i] + pad).append("  ");
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
    }

    private static void appendUnmatched(StringBuilder out, ComparisonReport report) {
        if (!report.missing().isEmpty()) {
            out.append(report.missing().size()).append(" in the baseline but not in the current results "
                    + "(removed, renamed, failed, or not in this selection), not compared:\n");
            report.missing().forEach(k -> out.append("  ").append(k).append('\n'));
        }
        if (!report.added().isEmpty()) {
            out.append(report.added().size()).append(" new in the current results, no baseline to compare with "
                    + "(regenerate the baseline to gate them):\n");
            report.added().forEach(k -> out.append("  ").append(k).append('\n'));
        }
    }

    private static String summary(ComparisonReport report) {
        CompareOptions o = report.options();
        if (!report.comparedAny()) {
            return "FAIL: no benchmark " + (report.rows().isEmpty() ? "" : "other than the calibration ")
                    + "appears in both files, so nothing was compared; "
                    + "were they produced by the same selection (run --quick vs run)?";
        }
        String counts = String.format(Locale.ROOT,
                "Compared %d: %d slower, %d slower within noise, %d same, %d faster; %d allocate more. "
                        + "Threshold %s%s.",
                report.rows().size(), report.count(Verdict.SLOWER), report.count(Verdict.NOISY),
                report.count(Verdict.SAME), report.count(Verdict.FASTER), report.allocationIncreases(),
                percent(o.threshold()),
                o.reportOnly() ? ", timing reported only" : "");
        if (report.passed()) {
            return counts + "\nPASS";
        }
        return counts + "\nFAIL: " + report.failures() + " benchmark(s) marked FAIL above";
    }
}
