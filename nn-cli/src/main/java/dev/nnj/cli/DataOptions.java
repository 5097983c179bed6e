package dev.nnj.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which samples to read: {@code --data} and the options that say how to read it. */
public final class DataOptions {

    @Option(names = "--data", paramLabel = "SOURCE",
            description = "digits (built in), fashion-mnist (/usr/share/datasets/fashion-mnist), a directory of"
                    + " MNIST-style IDX files, an IDX images file (with --labels) or a CSV file.")
    String source;

    @Option(names = "--labels", paramLabel = "FILE", description = "The IDX labels file, when --data is an IDX images file.")
    Path labels;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "CSV label column: its header name or 0-based index (default: the last column).")
    String labelColumn;

    @Option(names = "--delimiter", paramLabel = "CHAR", defaultValue = ",",
            description = "CSV field separator; 'tab' for a tab. Default: '${DEFAULT-VALUE}'.")
    String delimiter = ",";

    /** The source; {@code fallback} when --data was not given (train's default is the built-in digits). */
    DataSource toSource(String fallback) {
        if (source == null && fallback == null) {
            throw new IllegalArgumentException("--data is required: a CSV file, an IDX directory or file, digits or fashion-mnist");
        }
        return new DataSource(source != null ? source : fallback, labels, labelColumn, delimiter(delimiter));
    }

    static char delimiter(String text) {
        if ("tab".equalsIgnoreCase(text) || "\\t".equals(text)) {
            return '\t';
        }
        if (text.length() != 1) {
            throw new IllegalArgumentException("--delimiter must be one character (or 'tab'), got '" + text + "'");
        }
        return text.charAt(0);
    }
}
