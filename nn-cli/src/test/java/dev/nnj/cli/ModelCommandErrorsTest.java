package dev.nnj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate, predict and inspect with missing or broken inputs: one line, the right exit code. */
class ModelCommandErrorsTest {

    @TempDir
    Path dir;

    @Test
    void modelIsRequired() {
        for (String command : new String[] {"evaluate", "predict"}) {
            Cli.Run run = Cli.run(command, "--data", "digits");
            assertEquals(2, run.exit(), run::toString);
            assertTrue(run.err().contains("Missing required option: '--model=MODEL'"), run::toString);
            assertEquals(1, run.err().lines().count(), run::toString);
        }
        Cli.Run run = Cli.run("inspect");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("Missing required parameter: 'MODEL'"), run::toString);
    }

    @Test
    void dataIsRequired() throws IOException {
        Path model = Files.write(dir.resolve("m.safetensors"), new byte[16]);
        Cli.Run run = Cli.run("evaluate", "--model", model.toString());
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("--data is required"), run::toString);
    }

    @Test
    void aMissingModelFileIsAFailure() {
        Path missing = dir.resolve("none.safetensors");
        for (String[] args : new String[][] {
                {"evaluate", "--model", missing.toString(), "--data", "digits"},
                {"predict", "--model", missing.toString(), "--data", "digits"},
                {"inspect", missing.toString()}}) {
            Cli.Run run = Cli.run(args);
            assertEquals(1, run.exit(), run::toString);
            assertEquals(1, run.err().lines().count(), run::toString);
            assertTrue(run.err().startsWith("nnj " + args[0] + ": " + missing + ": "), run::toString);
            assertTrue(run.err().contains("not found"), run::toString);
        }
    }

    @Test
    void aFileThatIsNotAModelIsRefusedWithItsPosition() throws IOException {
        Path notModel = Files.writeString(dir.resolve("notes.safetensors"), "these are not tensors, just some text");
        for (String[] args : new String[][] {
                {"evaluate", "--model", notModel.toString(), "--data", "digits"},
                {"inspect", notModel.toString()}}) {
            Cli.Run run = Cli.run(args);
            assertEquals(1, run.exit(), run::toString);
            assertEquals(1, run.err().lines().count(), run::toString);
            assertTrue(run.err().startsWith("nnj " + args[0] + ": " + notModel + ", byte "), run::toString);
        }
    }
}
