package dev.nnj.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a file so that readers only ever see the old complete content or the new complete content:
 * the bytes go to a temporary file in the same directory (a rename is only atomic within one file
 * system), are forced to the device, and the temporary file is then renamed over the target. The
 * directory is forced too, so that the rename itself survives a power cut. A failure at any point
 * leaves the previous file untouched and removes the temporary file.
 */
public final class AtomicFiles {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Bytes per file name on the usual Linux and macOS file systems (ext4, XFS, Btrfs, APFS). */
    private static final int MAX_NAME_BYTES = 255;

    /** Writes the content of a file to a (buffered) stream; it must not close the stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Fails, naming the path and the reason, when {@code target} cannot be written: it is a directory,
     * one of its ancestors is a file, or its directory exists but is read-only. Call it before long work
     * whose result goes to {@code target}, so that a bad path is reported before the work, not after.
     */
    public static void checkWritable(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new IOException(target + ": is a directory; expected a file name");
        }
        Path existing = absolute.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new NoSuchFileException(target.toString(), null, "no existing directory above it");
        }
        if (!Files.isDirectory(existing)) {
            throw new IOException(target + ": " + existing + " is a file, not a directory");
        }
        if (!Files.isWritable(existing)) {
            throw new AccessDeniedException(target.toString(), null, "cannot write in directory " + existing);
        }
    }

    /** Atomically replaces (or creates) {@code target} with what {@code content} writes. */
    public static void write(Path target, Content content) throws IOException {
        checkWritable(target);
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: it makes the file private (0600), and the rename would carry that
        // over to the result. Opening with CREATE_NEW gives the usual permissions of a new file.
        Path temp = dir.resolve(temporaryName(absolute.getFileName().toString()));
        FileChannel channel;
        try {
            channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileSystemException e) {
            throw new IOException("cannot write " + target + ": " + reason(e), e);
        }
        boolean done = false;
        try {
            try (channel) {
                // Not closed here: closing the stream would close the channel before force().
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            move(temp, absolute);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
        syncDirectory(dir);
    }

    /**
     * {@code .<name>.<random>.tmp}, with the name cut short where the whole would pass the usual limit of
     * 255 bytes per file name, so that every name valid as a target also works for its temporary file.
     */
    static String temporaryName(String targetName) {
        String suffix = "." + Long.toHexString(RANDOM.nextLong()) + ".tmp";
        String name = targetName;
        while (1 + utf8Length(name) + suffix.length() > MAX_NAME_BYTES) {
            name = name.substring(0, name.offsetByCodePoints(name.length(), -1));
        }
        return "." + name + suffix;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + target + " atomically: the file system does not support"
                    + " atomic rename; write to a local disk instead", e);
        } catch (FileSystemException e) {
            throw new IOException("cannot write " + target + ": " + reason(e), e);
        }
    }

    /** Why a file operation failed, without the temporary file's name, which the caller never heard of. */
    private static String reason(FileSystemException e) {
        if (e.getReason() != null) {
            return e.getReason();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getClass().getSimpleName();
    }

    /**
     * Forces the directory entry of the rename to disk. Linux allows opening a directory for reading and
     * forcing it; other systems (Windows) refuse, and there the rename is as durable as the OS makes it.
     */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot force directory {} to disk: {}", dir, e.toString());
        }
    }
}
