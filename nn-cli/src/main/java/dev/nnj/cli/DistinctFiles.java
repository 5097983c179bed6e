package dev.nnj.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Refuses an output file that is also an input of the command, or another of its outputs. Outputs are
 * replaced without asking, so {@code --out data.csv} after {@code --data data.csv} would destroy the data,
 * and {@code --out x --metrics x} would keep only whichever was written last.
 */
final class DistinctFiles {

    /** A file named on the command line, with the option that named it; null when the option was not given. */
    record Named(String option, Path file) {
    }

    private DistinctFiles() {
    }

    static Named named(String option, Path file) {
        return new Named(option, file);
    }

    /** The file of a {@code --data} or {@code --test} value, or null for the built-in data sets, which are names. */
    static Path dataFile(String source) {
        return source == null || DataSource.BUILT_IN.contains(source) ? null : Path.of(source);
    }

    /**
     * Checks that each output differs from every input and from the other outputs.
     *
     * @throws IllegalArgumentException naming both options and the file
     */
    static void check(List<Named> inputs, List<Named> outputs) throws IOException {
        List<Named> out = outputs.stream().filter(n -> n.file() != null).toList();
        for (int i = 0; i < out.size(); i++) {
            Named output = out.get(i);
            for (Named input : inputs) {
                if (input.file() != null && same(output.file(), input.file())) {
                    throw new IllegalArgumentException(output.option() + " " + output.file() + " is the same file as "
                            + input.option() + " " + input.file() + " and would overwrite it; choose another "
                            + output.option() + " file");
                }
            }
            for (Named other : out.subList(0, i)) {
                if (same(output.file(), other.file())) {
                    throw new IllegalArgumentException(other.option() + " " + other.file() + " and " + output.option()
                            + " " + output.file() + " are the same file; give each its own file");
                }
            }
        }
    }

    /**
     * Whether {@code a} and {@code b} are one file: by the file system when both exist (links included),
     * else by their real directories, since an output usually does not exist yet.
     */
    static boolean same(Path a, Path b) throws IOException {
        if (Files.exists(a) && Files.exists(b)) {
            return Files.isSameFile(a, b);
        }
        return Objects.equals(real(a), real(b));
    }

    /** The real path of the file's directory, with the file's name: {@code link/x}, {@code d/../x} and {@code x} alike. */
    private static Path real(Path file) {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null) {
            return absolute;
        }
        try {
            return dir.toRealPath().resolve(absolute.getFileName());
        } catch (IOException e) {
            return absolute.normalize(); // the directory does not exist yet, so no link leads into it
        }
    }
}
