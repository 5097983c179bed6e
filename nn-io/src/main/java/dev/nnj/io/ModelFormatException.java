package dev.nnj.io;

import java.nio.file.Path;

/** A model or checkpoint file that cannot be loaded; the message names the file, the byte offset or header field, and the fix. */
public final class ModelFormatException extends FileFormatException {

    /** A problem at byte {@code offset} of {@code file} (-1 when it concerns the file as a whole). */
    public ModelFormatException(Path file, long offset, String message) {
        super(file, offset, -1, -1, message, null);
    }

    public ModelFormatException(Path file, long offset, String message, Throwable cause) {
        super(file, offset, -1, -1, message, cause);
    }
}
