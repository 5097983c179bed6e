package dev.nnj.cli;

import dev.nnj.io.FileFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every error into one line on stderr, {@code nnj <command>: <what went wrong>}, and an exit code:
 * 2 for a usage error (bad flag or value), 1 for a failure while running. The stack trace follows only
 * with {@code --verbose}: the line itself must be enough to fix the problem.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    static final int FAILURE = 1;
    static final int USAGE = 2;

    private final Nnj root;

    ErrorHandler(Nnj root) {
        this.root = root;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": " + ex.getMessage() + " (see '" + name + " --help')");
        if (root.verbose()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + describe(ex).strip().replaceAll("\\s*\\R\\s*", " "));
        if (root.verbose()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return FAILURE;
    }

    /** One line saying what failed; file-system errors in words, since their messages are bare paths. */
    static String describe(Throwable ex) {
        if (ex instanceof UncheckedIOException && ex.getCause() != null) {
            ex = ex.getCause();
        }
        if (ex instanceof FileFormatException) {
            return ex.getMessage();
        }
        if (ex instanceof FileSystemException) {
            return describeFileSystem((FileSystemException) ex);
        }
        if (ex instanceof IOException) {
            return ex.getMessage() != null ? ex.getMessage() : "I/O error (" + ex.getClass().getSimpleName() + ")";
        }
        // Library exceptions carry complete sentences; only a bare exception needs its type named.
        return ex.getMessage() != null && !ex.getMessage().isBlank() ? ex.getMessage() : ex.toString();
    }

    private static String describeFileSystem(FileSystemException ex) {
        String file = ex.getFile();
        String what;
        if (ex.getReason() != null) {
            what = ex.getReason();
        } else if (ex instanceof NoSuchFileException) {
            what = "no such file or directory";
        } else if (ex instanceof AccessDeniedException) {
            what = "permission denied";
        } else if (ex instanceof FileAlreadyExistsException) {
            what = "already exists";
        } else if (ex instanceof NotDirectoryException) {
            what = "not a directory";
        } else if (ex instanceof DirectoryNotEmptyException) {
            what = "directory not empty";
        } else {
            what = ex.getClass().getSimpleName();
        }
        return file + ": " + what;
    }
}
