package dev.nnj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A network too large for the heap or for an array: one line naming the sizes and the remedy. */
class NetworkSizeErrorsTest {

    @Test
    void runningOutOfMemoryIsOneLineWithTheRemedy() throws IOException, InterruptedException {
        // A child JVM with a 48 MiB heap: the first layer alone, 64 × 400 000 floats, needs 102 MB.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                Nnj.class.getName(), "train", "--layers", "400000", "--epochs", "1", "--kernels", "scalar", "-q")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, process.waitFor(), err);
        List<String> lines = err.lines().toList();
        assertEquals(1, lines.size(), err);
        assertTrue(lines.get(0).startsWith("nnj train: out of memory (Java heap space; the JVM may use at most "), err);
        assertTrue(lines.get(0).endsWith("give the JVM more with JAVA_OPTS=-Xmx2g, or use a smaller network or batch"), err);
    }

    @Test
    void aLayerWithMoreWeightsThanAnArrayHoldsIsAUsageErrorNamingLayersAndBothSizes() {
        // Layer 1 takes the 32 outputs of layer 0: 32 × 100 000 000 weights do not fit in an int.
        Cli.Run run = Cli.run("train", "--layers", "32,100000000", "-q");
        assertEquals(2, run.exit(), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertTrue(run.err().startsWith("nnj train: --layers 32,100000000: layer 1 (Dense 32→100000000): "), run::toString);
        assertTrue(run.err().contains("= 3200000000 weights"), run::toString);
        assertFalse(run.err().contains("integer overflow"), run::toString);
    }
}
