package dev.nnj.cli;

import dev.nnj.bench.gate.BenchMain;
import dev.nnj.bench.gate.CompareOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code nnj bench compare}: the regression gate, {@code BenchMain compare} with picocli's options; exit
 * code 1 when the gate fails, 2 when a file cannot be read or compared.
 */
@Command(name = "compare", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Compare two benchmark result files: the regression gate.",
            "Prints a table of the changes. Exits with 1 when a benchmark is slower than BASELINE by more than the"
                    + " threshold and beyond the error bars (unless --report-only), when a benchmark that"
                    + " --alloc-gate covers allocates more per operation or has no allocation figures where"
                    + " BASELINE has, or when the files have no benchmark but the calibration in common;"
                    + " with 2 when a file is missing or not JMH JSON, or a benchmark's units cannot be"
                    + " converted; 0 otherwise."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  nnj bench compare baseline.json current.json",
            "  nnj bench compare baseline.json current.json --threshold 5%% --normalize",
            "  nnj bench compare a1.json,a2.json b1.json,b2.json      two runs of each side, combined"})
public final class BenchCompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "1", paramLabel = "BASELINE", split = ",",
            description = "Results to compare against (JMH JSON); several comma-separated files are combined.")
    List<Path> baseline;

    @Parameters(index = "1", arity = "1", paramLabel = "CURRENT", split = ",",
            description = "New results (JMH JSON); several comma-separated files are combined.")
    List<Path> current;

    @Option(names = "--threshold", paramLabel = "PERCENT", converter = Converters.Threshold.class, defaultValue = "10%",
            description = "Allowed slowdown, e.g. 10%% (the default) or 0.05.")
    double threshold;

    @Option(names = "--normalize", description = "Divide by each run's calibration benchmark first (different machines).")
    boolean normalize;

    @Option(names = "--report-only",
            description = "Report slowdowns without failing on them; allocation (see --alloc-gate) and files with"
                    + " nothing in common still fail.")
    boolean reportOnly;

    @Option(names = "--alloc-gate", paramLabel = "REGEX", converter = Regex.class,
            description = "Only benchmarks whose name matches fail on allocation (default: all); others report it.")
    Pattern allocGate;

    @Mixin
    LoggingOptions logging;

    /** A regular expression, or a usage error in one line (PatternSyntaxException's message spans three). */
    static final class Regex implements ITypeConverter<Pattern> {
        @Override
        public Pattern convert(String value) {
            try {
                return Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new TypeConversionException("'" + value + "' is not a regular expression: " + e.getDescription());
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        CompareOptions options = CompareOptions.defaults().withThreshold(threshold).withNormalize(normalize)
                .withReportOnly(reportOnly);
        if (allocGate != null) {
            options = options.withAllocGate(allocGate);
        }
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        int code;
        try {
            for (List<Path> side : List.of(baseline, current)) {
                for (Path file : side) {
                    InputFiles.notDirectory(file, "a JMH result file (.json)");
                }
            }
            code = BenchMain.compare(baseline, current, options, new PrintStream(table, true, StandardCharsets.UTF_8));
        } catch (IOException e) {
            // A file that is missing or not comparable is an input error (2), which a script must be able to
            // tell from a regression (1).
            UsageException usage = new UsageException(ErrorHandler.describe(e));
            usage.initCause(e);
            throw usage;
        }
        spec.commandLine().getOut().print(table.toString(StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        return code;
    }
}
