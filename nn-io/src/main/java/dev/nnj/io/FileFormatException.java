package dev.nnj.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that nnj refuses to read because its content is broken, hostile or unsupported. The message
 * always starts with the file and the position (byte offset, or line and column for text files) so that
 * a user can find the problem without a debugger; {@link #file()}, {@link #offset()}, {@link #line()}
 * and {@link #column()} give the same information to programs. Positions that do not apply are -1.
 */
public class FileFormatException extends IOException {

    private final Path file;
    private final long offset;
    private final long line;
    private final int column;

    protected FileFormatException(Path file, long offset, long line, int column, String message, Throwable cause) {
        super(describe(file, offset, line, column) + message, cause);
        this.file = file;
        this.offset = offset;
        this.line = line;
        this.column = column;
    }

    private static String describe(Path file, long offset, long line, int column) {
        StringBuilder where = new StringBuilder(String.valueOf(file));
        if (offset >= 0) {
            where.append(", byte ").append(offset);
        }
        if (line >= 0) {
            where.append(", line ").append(line);
        }
        if (column >= 0) {
            where.append(", column ").append(column);
        }
        return where.append(": ").toString();
    }

    /** The file that was being read. */
    public Path file() {
        return file;
    }

    /** Byte offset of the problem from the start of the (decompressed) file, or -1. */
    public long offset() {
        return offset;
    }

    /** 1-based line of the problem in a text file, or -1. */
    public long line() {
        return line;
    }

    /** 1-based column (field number) of the problem in a text file, or -1. */
    public int column() {
        return column;
    }
}
