package dev.nnj.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code nnj} in-process, capturing what it writes to stdout and stderr, as a user would see it. */
final class Cli {

    /** Exit code, stdout and stderr of one run. */
    record Run(int exit, String out, String err) {

        /** The number after {@code label} in stdout, e.g. {@code number("test accuracy")}. */
        double number(String label) {
            Matcher m = Pattern.compile(Pattern.quote(label) + " ([0-9.]+)").matcher(out);
            if (!m.find()) {
                throw new AssertionError("no '" + label + " <number>' in the output:\n" + out + "\nstderr:\n" + err);
            }
            return Double.parseDouble(m.group(1));
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Nnj.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
