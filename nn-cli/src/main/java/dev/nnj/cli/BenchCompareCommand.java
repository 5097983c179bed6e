package dev.nnj.cli;

import dev.nnj.bench.gate.BenchMain;
import dev.nnj.bench.gate.CompareOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nnj bench compare}: the regression gate; exit code 1 when a benchmark got slower than allowed. */
@Command(name = "compare", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Compare two benchmark result files: the regression gate.",
            "Prints a table of the changes and exits with 1 when a benchmark is slower than BASELINE by more than"
                    + " the threshold (beyond the error bars) or allocates more per operation, 0 otherwise."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  nnj bench compare baseline.json current.json",
            "  nnj bench compare baseline.json current.json --threshold 5%% --normalize"})
public final class BenchCompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE", description = "Results to compare against (JMH JSON).")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CURRENT", description = "New results (JMH JSON).")
    Path current;

    @Option(names = "--threshold", paramLabel = "PERCENT", converter = Converters.Threshold.class, defaultValue = "10%",
            description = "Allowed slowdown, e.g. 10%% (the default) or 0.05.")
    double threshold;

    @Option(names = "--normalize", description = "Divide by each run's calibration benchmark first (different machines).")
    boolean normalize;

    @Option(names = "--report-only", description = "Print the table but always exit 0.")
    boolean reportOnly;

    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() throws Exception {
        InputFiles.notDirectory(baseline, "a JMH result file (.json)");
        InputFiles.notDirectory(current, "a JMH result file (.json)");
        CompareOptions options = CompareOptions.defaults().withThreshold(threshold).withNormalize(normalize)
                .withReportOnly(reportOnly);
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        int code = BenchMain.compare(List.of(baseline), List.of(current), options,
                new PrintStream(table, true, StandardCharsets.UTF_8));
        spec.commandLine().getOut().print(table.toString(StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        return code;
    }
}
