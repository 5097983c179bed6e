package dev.nnj.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nnj bench}: the JMH suite and the performance-regression gate of nn-bench. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run the benchmark suite, or compare two result files as the CI regression gate does.",
        subcommands = {BenchRunCommand.class, BenchCompareCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  nnj bench run --quick --out current.json",
            "  nnj bench compare baseline.json current.json --threshold 10%%"})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a bench command is required: run or compare");
    }
}
