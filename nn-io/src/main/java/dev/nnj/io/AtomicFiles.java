package dev.nnj.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
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

    /** Writes the content of a file to a (buffered) stream; it must not close the stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Atomically replaces (or creates) {@code target} with what {@code content} writes. */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: it makes the file private (0600), and the rename would carry that
        // over to the result. Opening with CREATE_NEW gives the usual permissions of a new file.
        Path temp = dir.resolve("." + absolute.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
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

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + target + " atomically: the file system does not support"
                    + " atomic rename; write to a local disk instead", e);
        }
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
