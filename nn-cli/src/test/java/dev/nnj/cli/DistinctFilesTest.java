package dev.nnj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output that is an input, or another output, is refused before anything is read or written. */
class DistinctFilesTest {

    @TempDir
    static Path shared;
    static Path model;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        model = shared.resolve("digits.safetensors");
        Cli.Run run = Cli.run("train", "--epochs", "1", "--layers", "8", "-q", "--out", model.toString());
        assertEquals(0, run.exit(), run::toString);
    }

    @Test
    void trainRefusesToWriteItsModelOverItsData() throws IOException {
        Path csv = TestData.separableCsv(dir.resolve("points.csv"), 50);
        byte[] before = Files.readAllBytes(csv);
        Cli.Run run = Cli.run("train", "--data", csv.toString(), "--label", "kind", "--epochs", "1", "--out",
                csv.toString());
        assertUsageError(run, "nnj train: --out " + csv + " is the same file as --data " + csv
                + " and would overwrite it; choose another --out file");
        assertArrayEquals(before, Files.readAllBytes(csv));
    }

    @Test
    void pathsAreComparedAsFilesNotAsText() throws IOException {
        Path csv = TestData.separableCsv(dir.resolve("points.csv"), 50);
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir);
        Path hardLink = Files.createLink(dir.resolve("hard.csv"), csv);
        for (Path same : new Path[] {sub.resolve("../points.csv"), link.resolve("points.csv"), hardLink}) {
            Cli.Run run = Cli.run("train", "--data", csv.toString(), "--label", "kind", "--epochs", "1", "--metrics",
                    same.toString());
            assertUsageError(run, "nnj train: --metrics " + same + " is the same file as --data " + csv);
        }
    }

    @Test
    void trainRefusesToWriteOverItsStartingModel() throws IOException {
        Path copy = Files.copy(model, dir.resolve("start.safetensors"));
        byte[] before = Files.readAllBytes(copy);
        Cli.Run run = Cli.run("train", "--init", copy.toString(), "--epochs", "1", "--out", copy.toString());
        assertUsageError(run, "nnj train: --out " + copy + " is the same file as --init " + copy);
        assertArrayEquals(before, Files.readAllBytes(copy));
    }

    @Test
    void twoOutputsCannotBeOneFile() {
        Path file = dir.resolve("results");
        Cli.Run run = Cli.run("train", "--out", file.toString(), "--metrics", dir.resolve("./results").toString());
        assertUsageError(run, "nnj train: --out " + file + " and --metrics " + dir.resolve("./results")
                + " are the same file; give each its own file");
        assertFalse(Files.exists(file), "nothing is written");
    }

    @Test
    void predictRefusesToWriteOverItsModel() throws IOException {
        Path copy = Files.copy(model, dir.resolve("m.safetensors"));
        byte[] before = Files.readAllBytes(copy);
        Cli.Run run = Cli.run("predict", "-m", copy.toString(), "--data", "digits", "--out", copy.toString());
        assertUsageError(run, "nnj predict: --out " + copy + " is the same file as --model " + copy);
        assertArrayEquals(before, Files.readAllBytes(copy));
    }

    @Test
    void predictRefusesToWriteOverItsData() throws IOException {
        Path images = TestData.idxImages(dir.resolve("images.idx"), 3, 8, 8, 5);
        byte[] before = Files.readAllBytes(images);
        Cli.Run run = Cli.run("predict", "-m", model.toString(), "--data", images.toString(), "-o", images.toString());
        assertUsageError(run, "nnj predict: --out " + images + " is the same file as --data " + images);
        assertArrayEquals(before, Files.readAllBytes(images));
    }

    private static void assertUsageError(Cli.Run run, String start) {
        assertEquals(2, run.exit(), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertTrue(run.err().startsWith(start), run::toString);
        assertEquals("", run.out(), run::toString);
    }
}
