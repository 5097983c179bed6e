package dev.nnj.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --verbose} and {@code --quiet}, accepted by every command. Both act on the root {@link Nnj}
 * object, so that the error handler and the progress display see them wherever they were given, and on
 * Logback's root level, which nn-cli alone configures.
 */
public final class LoggingOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-v", "--verbose"}, description = "Log debug details, and print the stack trace of an error.")
    void verbose(boolean verbose) {
        root().verbose(verbose);
        if (verbose) {
            setLevel(Level.DEBUG);
        }
    }

    @Option(names = {"-q", "--quiet"}, description = "Print results and errors only: no progress, no log lines.")
    void quiet(boolean quiet) {
        root().quiet(quiet);
        if (quiet) {
            setLevel(Level.WARN);
        }
    }

    private Nnj root() {
        return (Nnj) mixee.root().userObject();
    }

    /** Back to INFO, for a new command line in the same JVM (tests run many). */
    static void reset() {
        setLevel(Level.INFO);
    }

    private static void setLevel(Level level) {
        org.slf4j.Logger root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof Logger) {
            ((Logger) root).setLevel(level);
        }
    }
}
