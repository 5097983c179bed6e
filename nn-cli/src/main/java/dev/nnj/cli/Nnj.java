package dev.nnj.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code nnj} command: the entry point of the launcher script, and the root of the subcommands.
 * Exit codes: 0 success, 1 failure, 2 usage error (and 130 after Ctrl-C).
 */
@Command(name = "nnj",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Train, evaluate and use feed-forward neural networks.",
        subcommands = {
            TrainCommand.class,
            EvaluateCommand.class,
            PredictCommand.class,
            InspectCommand.class,
            BenchCommand.class,
            HelpCommand.class
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  nnj train                              train on the built-in digits data set",
            "  nnj train --data fashion-mnist --out fashion.safetensors",
            "  nnj evaluate --model fashion.safetensors --data fashion-mnist",
            "  nnj predict --model fashion.safetensors --data images-idx3-ubyte.gz --out predictions.csv",
            "  nnj inspect fashion.safetensors",
            "  nnj help train                         all options of train"
        })
public final class Nnj implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    private boolean verbose;
    private boolean quiet;

    /** Set through {@link LoggingOptions} by whichever command the flag was given to. */
    void verbose(boolean verbose) {
        this.verbose = verbose;
    }

    boolean verbose() {
        return verbose;
    }

    /** Set through {@link LoggingOptions}: no progress display and no per-epoch lines. */
    void quiet(boolean quiet) {
        this.quiet = quiet;
    }

    boolean quiet() {
        return quiet;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: train, evaluate, predict, inspect or bench");
    }

    public static void main(String[] args) {
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** The configured command line, writing results to {@code out} and diagnostics to {@code err}. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        LoggingOptions.reset();
        Nnj root = new Nnj();
        CommandLine cmd = new CommandLine(root);
        ErrorHandler errors = new ErrorHandler(root);
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionStrategy(errors::execute);
        cmd.setExecutionExceptionHandler(errors);
        cmd.setParameterExceptionHandler(errors);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setUsageHelpLongOptionsMaxWidth(30);
        cmd.setUsageHelpWidth(100);
        return cmd;
    }
}
