package dev.nnj.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void replacesContentAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("sub/out.bin");
        AtomicFiles.write(file, out -> out.write(new byte[] {1, 2, 3}));
        AtomicFiles.write(file, out -> out.write(new byte[] {4, 5}));
        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(file));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aFailedWriteKeepsTheOldFile() throws IOException {
        Path file = dir.resolve("out.bin");
        AtomicFiles.write(file, out -> out.write(new byte[] {7}));
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[1 << 20]);
            throw new IllegalStateException("writer crashed");
        }));
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    /** The result gets the permissions of any new file (umask), not a temporary file's private 0600. */
    @Test
    void resultHasOrdinaryPermissions() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.write(dir.resolve("plain.bin"), new byte[1]);
        Path atomic = dir.resolve("atomic.bin");
        AtomicFiles.write(atomic, out -> out.write(1));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(atomic));
    }
}
