package dev.nnj.io;

import java.nio.file.Path;

/**
 * A data-set file (IDX or CSV) that cannot be read; the message names the file and the byte offset
 * (binary files) or line and column (text files), and what was expected there.
 */
public final class DatasetFormatException extends FileFormatException {

    private DatasetFormatException(Path file, long offset, long line, int column, String message, Throwable cause) {
        super(file, offset, line, column, message, cause);
    }

    /** A problem at byte {@code offset} of a binary file (of the decompressed stream for {@code .gz}). */
    public static DatasetFormatException atByte(Path file, long offset, String message) {
        return new DatasetFormatException(file, offset, -1, -1, message, null);
    }

    public static DatasetFormatException atByte(Path file, long offset, String message, Throwable cause) {
        return new DatasetFormatException(file, offset, -1, -1, message, cause);
    }

    /** A problem at a 1-based line and column (-1 for the whole line) of a text file. */
    public static DatasetFormatException atLine(Path file, long line, int column, String message) {
        return new DatasetFormatException(file, -1, line, column, message, null);
    }

    public static DatasetFormatException atLine(Path file, long line, int column, String message, Throwable cause) {
        return new DatasetFormatException(file, -1, line, column, message, cause);
    }
}
