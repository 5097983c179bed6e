package dev.nnj.cli;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on the files a command reads, made before reading them. */
final class InputFiles {

    private InputFiles() {
    }

    /**
     * {@code file}, unless it is a directory: reading a directory fails with a bare "Is a directory" that
     * names no path.
     *
     * @param expected what the file should be, for the message: "a model file (.safetensors)"
     */
    static Path notDirectory(Path file, String expected) throws FileSystemException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory; expected " + expected);
        }
        return file;
    }
}
