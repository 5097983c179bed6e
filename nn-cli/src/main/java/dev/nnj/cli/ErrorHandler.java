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
import java.util.List;
import java.util.Locale;
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
        return usageError(ex.getCommandLine(), ex.getMessage(), ex);
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        if (ex instanceof UsageException) {
            return usageError(cmd, ex.getMessage(), ex);
        }
        return report(cmd, describe(ex).strip().replaceAll("\\s*\\R\\s*", " "), ex, FAILURE);
    }

    /**
     * Runs the command picocli would run, and reports running out of memory: picocli handles exceptions
     * only, and an {@link OutOfMemoryError} would otherwise end the JVM with a stack trace.
     */
    int execute(ParseResult parseResult) {
        try {
            return new CommandLine.RunLast().execute(parseResult);
        } catch (OutOfMemoryError e) {
            List<CommandLine> commands = parseResult.asCommandLineList();
            return report(commands.get(commands.size() - 1), outOfMemory(e), e, FAILURE);
        }
    }

    /** What ran out, the heap limit, and the two ways out. */
    private static String outOfMemory(OutOfMemoryError e) {
        long max = Runtime.getRuntime().maxMemory();
        double gib = max / (1024.0 * 1024 * 1024);
        String limit = gib >= 1 ? String.format(Locale.ROOT, "%.1f GiB", gib) : max / (1024 * 1024) + " MiB";
        // Twice the current limit, in whole GiB, so that the suggestion always raises it.
        long suggested = Math.max(2, (long) Math.ceil(2 * gib));
        String what = e.getMessage() == null || e.getMessage().isBlank() ? "" : e.getMessage() + "; ";
        return "out of memory (" + what + "the JVM may use at most " + limit + "); give the JVM more with JAVA_OPTS=-Xmx"
                + suggested + "g, or use a smaller network or batch";
    }

    private int usageError(CommandLine cmd, String message, Throwable ex) {
        String name = cmd.getCommandSpec().qualifiedName();
        return report(cmd, message + " (see '" + name + " --help')", ex, USAGE);
    }

    private int report(CommandLine cmd, String message, Throwable ex, int exitCode) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + message);
        if (root.verbose()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return exitCode;
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
