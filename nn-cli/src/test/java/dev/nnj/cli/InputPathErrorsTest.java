package dev.nnj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input paths that are directories or do not exist: the error names the path and says which. */
class InputPathErrorsTest {

    @TempDir
    Path dir;

    @Test
    void aDirectoryGivenForAFileIsNamed() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("adir"));
        assertFailure(Cli.run("evaluate", "--model", folder.toString(), "--data", "digits"),
                "nnj evaluate: " + folder + ": is a directory; expected a model file (.safetensors)\n");
        assertFailure(Cli.run("inspect", folder.toString()),
                "nnj inspect: " + folder + ": is a directory; expected a model or checkpoint file (.safetensors)\n");
        // bench compare exits 2 for any file it cannot compare, since its 1 means that the gate failed
        Cli.Run bench = Cli.run("bench", "compare", folder.toString(), folder.toString());
        assertEquals(2, bench.exit(), bench::toString);
        assertEquals("nnj bench compare: " + folder + ": is a directory; expected a JMH result file (.json)"
                + " (see 'nnj bench compare --help')\n", bench.err(), bench::toString);
        assertFailure(Cli.run("predict", "--model", folder.toString(), "--data", "digits"),
                "nnj predict: " + folder + ": is a directory; expected a model file (.safetensors)\n");
        assertFailure(Cli.run("train", "--init", folder.toString(), "-q"),
                "nnj train: " + folder + ": is a directory; expected a model file (.safetensors)\n");
    }

    @Test
    void aMissingDataPathWithoutAnExtensionIsNotFound() {
        Path missing = dir.resolve("nosuch");
        assertFailure(Cli.run("train", "--data", missing.toString(), "-q"), "nnj train: " + missing + ": not found\n");
        assertFailure(Cli.run("train", "--test", missing.toString(), "-q"), "nnj train: " + missing + ": not found\n");
    }

    @Test
    void aNearMissOfABuiltInDataSetSuggestsIt() {
        assertFailure(Cli.run("train", "--data", "Digits", "-q"),
                "nnj train: Digits: not found; did you mean the built-in digits?\n");
        assertFailure(Cli.run("train", "--data", "fashion_mnist", "-q"),
                "nnj train: fashion_mnist: not found; did you mean the built-in fashion-mnist?\n");
    }

    private static void assertFailure(Cli.Run run, String expected) {
        assertEquals(1, run.exit(), run::toString);
        assertEquals(expected, run.err(), run::toString);
    }
}
