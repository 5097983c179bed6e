package dev.nnj.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
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

    @Test
    void aDirectoryOrAFileInThePathIsReportedBeforeAnythingIsWritten() throws IOException {
        Path directory = Files.createDirectories(dir.resolve("model.safetensors"));
        Path file = Files.write(dir.resolve("plain.bin"), new byte[1]);
        AtomicFiles.Content mustNotRun = out -> {
            throw new AssertionError("content written although the target cannot be");
        };

        IOException isDirectory = assertThrows(IOException.class, () -> AtomicFiles.write(directory, mustNotRun));
        assertEquals(directory + ": is a directory; expected a file name", isDirectory.getMessage());
        Path underFile = file.resolve("sub/out.bin");
        IOException underAFile = assertThrows(IOException.class, () -> AtomicFiles.write(underFile, mustNotRun));
        assertEquals(underFile + ": " + file + " is a file, not a directory", underAFile.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "nothing created");
        }
    }

    /** A name near the 255-byte limit is valid for the target; its temporary name must be too. */
    @Test
    void aLongValidNameIsWritten() throws IOException {
        for (String name : List.of("m".repeat(250), "é".repeat(127))) {
            Path file = dir.resolve(name);
            AtomicFiles.write(file, out -> out.write(9));
            assertArrayEquals(new byte[] {9}, Files.readAllBytes(file));
        }
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left");
        }
    }

    @Test
    void temporaryNamesStayWithinTheLimitAndKeepWholeCharacters() {
        String name = AtomicFiles.temporaryName("é".repeat(200));
        int bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertTrue(bytes <= 255 && bytes >= 253, "length " + bytes);
        assertTrue(name.startsWith(".éé") && name.endsWith(".tmp"), name);
        assertEquals(-1, name.indexOf('\uFFFD'));
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
