package dev.nnj.cli;

import dev.nnj.io.CsvFormat;
import dev.nnj.io.CsvReader;
import dev.nnj.io.IdxData;
import dev.nnj.io.LabeledData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where samples come from, as named by {@code --data}: a built-in data set ({@code digits},
 * {@code fashion-mnist}), a directory in the MNIST layout, an IDX images file with its labels file, or a
 * CSV file. Reading is nn-io's; this class only decides which reader gets which files.
 *
 * @param source      the {@code --data} value
 * @param labels      the IDX labels file when {@code source} is an IDX images file, else null
 * @param labelColumn the CSV label column, by header name or 0-based index; null for the last column
 * @param delimiter   the CSV field separator
 */
record DataSource(String source, Path labels, String labelColumn, char delimiter) {

    static final String DIGITS = "digits";
    static final String FASHION_MNIST = "fashion-mnist";
    /** The data sets given by name rather than by path. */
    static final List<String> BUILT_IN = List.of(DIGITS, FASHION_MNIST);
    /** Where the Debian package {@code dataset-fashion-mnist} installs the data set. */
    static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    static final List<String> DIGIT_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** A data set's training samples and, when the source provides them, its separate test samples. */
    record Parts(LabeledData train, LabeledData test, String description) {
    }

    /** The kinds of source, decided from the name before anything is read. */
    enum Kind { DIGITS, IDX_DIRECTORY, IDX_FILES, CSV }

    Kind kind() {
        if (DIGITS.equals(source)) {
            return Kind.DIGITS;
        }
        if (FASHION_MNIST.equals(source) || Files.isDirectory(Path.of(source))) {
            return Kind.IDX_DIRECTORY;
        }
        String name = source.toLowerCase(Locale.ROOT);
        if (name.matches(".*\\.(csv|tsv|txt)\\.(gz|zip|bz2|xz)")) {
            throw new IllegalArgumentException("--data " + source + ": compressed CSV files are not read directly;"
                    + " decompress it first (e.g. gunzip -k " + source + ")");
        }
        return name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt") ? Kind.CSV : Kind.IDX_FILES;
    }

    /**
     * Reads the source.
     *
     * @param classNames the class names a model was trained with (labels are then mapped to their
     *                   indices), or null to take them from the data
     */
    Parts read(List<String> classNames) throws IOException {
        switch (kind()) {
            case DIGITS:
                // Checked here, or the reader's error would name the temporary file the digits are read from.
                if (classNames != null && !classNames.containsAll(DIGIT_CLASSES)) {
                    throw new IllegalArgumentException("the built-in digits are labelled 0 to 9, and not all of these"
                            + " are among the expected classes " + classNames);
                }
                return new Parts(BuiltInDigits.read(classNames), null, BuiltInDigits.DESCRIPTION);
            case IDX_DIRECTORY:
                return readIdxDirectory(classNames);
            case IDX_FILES:
                Path images = sourceFile();
                if (labels == null) {
                    throw new IllegalArgumentException("--data " + source + " looks like an IDX images file: give its"
                            + " labels file with --labels FILE (or name a .csv file, or a directory)");
                }
                return new Parts(IdxData.read(images, existing(labels), classNames), null, source);
            default:
                return new Parts(CsvReader.read(sourceFile(), csvFormat(), classNames), null, source);
        }
    }

    /** The source as a file; one that does not exist says so, with the built-in data set it may have meant. */
    private Path sourceFile() throws NoSuchFileException {
        Path file = Path.of(source);
        if (!Files.exists(file)) {
            for (String builtIn : BUILT_IN) {
                if (editDistance(source.toLowerCase(Locale.ROOT), builtIn) <= 2) {
                    throw new NoSuchFileException(source, null, "not found; did you mean the built-in " + builtIn + "?");
                }
            }
            throw new NoSuchFileException(source, null, "not found");
        }
        return existing(file);
    }

    /** Levenshtein distance: the fewest one-character insertions, deletions and replacements from a to b. */
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private CsvFormat csvFormat() {
        CsvFormat format;
        if (labelColumn == null) {
            format = CsvFormat.labelAt(-1);
        } else if (labelColumn.matches("-?\\d+")) {
            format = CsvFormat.labelAt(Integer.parseInt(labelColumn));
        } else {
            format = CsvFormat.labelNamed(labelColumn);
        }
        return format.withDelimiter(delimiter);
    }

    private Parts readIdxDirectory(List<String> classNames) throws IOException {
        boolean fashion = FASHION_MNIST.equals(source);
        Path dir = fashion ? FASHION_MNIST_DIR : Path.of(source);
        if (fashion && !Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "Fashion-MNIST is not installed; install the Debian"
                    + " package dataset-fashion-mnist or give its directory with --data DIR");
        }
        List<String> names = classNames != null ? classNames : fashion ? IdxData.FASHION_MNIST_CLASSES : null;
        LabeledData train = IdxData.read(idx(dir, "train-images-idx3-ubyte"), idx(dir, "train-labels-idx1-ubyte"), names);
        Path testImages = find(dir, "t10k-images-idx3-ubyte");
        LabeledData test = testImages == null ? null
                : IdxData.read(testImages, idx(dir, "t10k-labels-idx1-ubyte"), train.classNames());
        return new Parts(train, test, fashion ? "Fashion-MNIST (" + dir + ")" : dir.toString());
    }

    /** {@code dir/name} or {@code dir/name.gz}, whichever exists. */
    private static Path idx(Path dir, String name) throws NoSuchFileException {
        Path file = find(dir, name);
        if (file == null) {
            throw new NoSuchFileException(dir.resolve(name).toString(), null,
                    "not found (nor with .gz); a data directory needs the MNIST file names");
        }
        return file;
    }

    private static Path find(Path dir, String name) {
        for (Path candidate : List.of(dir.resolve(name), dir.resolve(name + ".gz"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static Path existing(Path file) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, Files.isDirectory(file) ? "is a directory" : "not found");
        }
        return file;
    }
}
