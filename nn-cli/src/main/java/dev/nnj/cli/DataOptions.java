package dev.nnj.cli;

import java.nio.file.Path;
import java.util.Locale;
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

    /** Null when not given: the default depends on the file name, see {@link #delimiter(String, String)}. */
    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "CSV field separator; 'tab' for a tab. Default: ',', or a tab for a .tsv file.")
    String delimiter;

    /** The source; {@code fallback} when --data was not given (train's default is the built-in digits). */
    DataSource toSource(String fallback) {
        if (source == null && fallback == null) {
            throw new IllegalArgumentException("--data is required: a CSV file, an IDX directory or file, digits or fashion-mnist");
        }
        DataSource data = new DataSource(source != null ? source : fallback, labels, labelColumn, delimiter(delimiter, source));
        if (labels != null) {
            checkLabelsFile(data, "--labels", "--data");
        }
        if (labelColumn != null && data.kind() != DataSource.Kind.CSV) {
            throw new IllegalArgumentException("--label " + labelColumn + " names a CSV column, but --data " + data.source()
                    + " is " + describe(data.kind()));
        }
        return data;
    }

    /** A labels file belongs to an IDX images file; any other source would ignore it. */
    static void checkLabelsFile(DataSource data, String labelsOption, String dataOption) {
        if (data.kind() != DataSource.Kind.IDX_FILES) {
            throw new IllegalArgumentException(labelsOption + " " + data.labels() + " is for an IDX images file, but "
                    + dataOption + " " + data.source() + " is " + describe(data.kind()));
        }
    }

    private static String describe(DataSource.Kind kind) {
        switch (kind) {
            case DIGITS:
                return "the built-in digits, which have their labels";
            case IDX_DIRECTORY:
                return "a data set directory, whose labels files are found by name";
            case IDX_FILES:
                return "an IDX images file, whose labels file is given with --labels";
            default:
                return "a CSV file, whose label column is chosen with --label";
        }
    }

    /**
     * The {@code --delimiter} for {@code source}: as given, else a tab for a {@code .tsv} file (its name says
     * so, and reading it with commas would find a single column), else a comma.
     */
    static char delimiter(String text, String source) {
        if (text == null) {
            return source != null && source.toLowerCase(Locale.ROOT).endsWith(".tsv") ? '\t' : ',';
        }
        if ("tab".equalsIgnoreCase(text) || "\\t".equals(text)) {
            return '\t';
        }
        if (text.length() != 1) {
            throw new IllegalArgumentException("--delimiter must be one character (or 'tab'), got '" + text + "'");
        }
        return text.charAt(0);
    }
}
