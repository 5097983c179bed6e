package dev.nnj.bench.gate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.openjdk.jmh.runner.RunnerException;

/**
 * The regression gate's entry points: {@code run} measures a fixed selection, {@code compare} judges two
 * result files. The static methods are the API the {@code nnj bench} command wraps; {@link #main} is a
 * plain command line for scripts that only have the benchmark jar.
 */
public final class BenchMain {

    static final String USAGE = """
            usage:
              run [--quick] [--jvm JAVA] --out FILE
                  run the fixed selection (--quick: under 3 minutes on 2 cores) with -prof gc; write JMH JSON
              compare [--threshold 10%] [--normalize] [--report-only] [--alloc-gate REGEX] BASELINE CURRENT
                  BASELINE and CURRENT are JMH JSON files, or comma-separated lists of files (A B A B runs);
                  exits 1 when a benchmark is slower beyond the threshold and the error bars (unless
                  --report-only), when one the allocation gate covers allocates more or has no allocation data,
                  or when no benchmark but the calibration is in both; 2 when a file cannot be read as JMH JSON
                  or a benchmark's units cannot be converted into each other
              report FILE...
                  GFLOP/s of sgemm and samples/s of training and inference as Markdown tables; several
                  files of repeated runs give the best run and the median""";

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Parses {@code args} and runs the command; returns the exit code (2 for usage errors). */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        try {
            List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
            return switch (args[0]) {
                case "run" -> runCommand(rest, out);
                case "compare" -> compareCommand(rest, out);
                case "report" -> reportCommand(rest, out);
                default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'");
            };
        } catch (IllegalArgumentException | IOException e) {
            err.println("error: " + e.getMessage());
            if (e instanceof IllegalArgumentException) {
                err.println(USAGE);
            }
            return 2;
        } catch (RunnerException e) {
            err.println("error: the benchmark run failed: " + e.getMessage());
            return 1;
        }
    }

    /** Runs the quick or full selection and writes JMH JSON to {@code out}. */
    public static int run(boolean quick, Path outFile, Optional<String> jvm, PrintStream out)
            throws RunnerException, IOException {
        BenchSelection selection = quick ? BenchSelection.quick() : BenchSelection.full();
        BenchRunner.run(selection, outFile, jvm);
        out.println("Wrote the " + selection.name() + " selection's results to " + outFile);
        return 0;
    }

    /** Compares two result files with default options and the given threshold; returns the exit code. */
    public static int compare(Path baseline, Path current, double threshold, PrintStream out) throws IOException {
        return compare(List.of(baseline), List.of(current), CompareOptions.defaults().withThreshold(threshold), out);
    }

    /**
     * Compares results, printing the table to {@code out}. Several files per side are combined (see
     * {@link JmhResults#combine}). Returns 0 when the gate passes, 1 when it fails.
     *
     * @throws IOException when a file cannot be read as JMH JSON, or the files cannot be compared (a
     *                     benchmark's units that do not convert, no calibration to normalise by)
     */
    public static int compare(List<Path> baseline, List<Path> current, CompareOptions options, PrintStream out)
            throws IOException {
        ComparisonReport report;
        try {
            report = Comparison.compare(load(baseline), load(current), options);
        } catch (IllegalArgumentException e) {
            // The files are at fault, not the command line: an input error, reported without the usage text.
            throw new IOException(e.getMessage(), e);
        }
        out.print(ComparisonTable.render(report));
        return report.exitCode();
    }

    private static Map<BenchmarkKey, BenchmarkResult> load(List<Path> files) throws IOException {
        List<BenchmarkResult> all = new ArrayList<>();
        for (Path f : files) {
            all.addAll(JmhResults.read(f));
        }
        return JmhResults.combine(all);
    }

    private static int runCommand(List<String> args, PrintStream out) throws RunnerException, IOException {
        boolean quick = args.remove("--quick");
        Optional<String> jvm = Optional.ofNullable(option(args, "--jvm"));
        String file = option(args, "--out");
        if (file == null) {
            throw new IllegalArgumentException("run needs --out FILE");
        }
        noMore(args);
        return run(quick, Path.of(file), jvm, out);
    }

    private static int compareCommand(List<String> args, PrintStream out) throws IOException {
        CompareOptions options = CompareOptions.defaults()
                .withNormalize(args.remove("--normalize"))
                .withReportOnly(args.remove("--report-only"));
        String threshold = option(args, "--threshold");
        if (threshold != null) {
            options = options.withThreshold(CompareOptions.parseThreshold(threshold));
        }
        String gate = option(args, "--alloc-gate");
        if (gate != null) {
            try {
                options = options.withAllocGate(Pattern.compile(gate));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("--alloc-gate is not a regular expression: " + e.getDescription());
            }
        }
        if (args.size() != 2 || args.get(0).startsWith("--") || args.get(1).startsWith("--")) {
            throw new IllegalArgumentException("compare needs BASELINE and CURRENT, got " + args);
        }
        return compare(paths(args.get(0)), paths(args.get(1)), options, out);
    }

    private static int reportCommand(List<String> args, PrintStream out) throws IOException {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("report needs at least one results file");
        }
        return report(args.stream().map(Path::of).toList(), out);
    }

    /** Prints the Markdown rate tables of one or more results files (see {@link PerformanceReport}); returns 0. */
    public static int report(List<Path> results, PrintStream out) throws IOException {
        List<BenchmarkResult> all = new ArrayList<>();
        for (Path file : results) {
            all.addAll(JmhResults.read(file));
        }
        out.print(PerformanceReport.render(all));
        return 0;
    }

    private static List<Path> paths(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(Path::of).toList();
    }

    /** Removes {@code name VALUE} from args and returns VALUE, or null when absent. */
    private static String option(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0) {
            return null;
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        String value = args.remove(i + 1);
        args.remove(i);
        return value;
    }

    private static void noMore(List<String> args) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("unexpected arguments " + args);
        }
    }
}
