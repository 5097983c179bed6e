package dev.nnj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --resume} with no epochs left to train: refused with the count, unless early stopping ended the run. */
class ResumeEpochsTest {

    @TempDir
    Path dir;

    @Test
    void aCheckpointThatCompletedTheEpochsAskedForIsRefused() {
        Path checkpoints = dir.resolve("ckpt");
        Cli.Run first = Cli.run("train", "--epochs", "2", "--checkpoint-dir", checkpoints.toString(), "-q");
        assertEquals(0, first.exit(), first::toString);
        String one = checkpoints.resolve("checkpoint-e000001-b000000.safetensors").toString();
        String two = checkpoints.resolve("checkpoint-e000002-b000000.safetensors").toString();

        for (String[] epochs : new String[][] {{"--epochs", "2"}, {"--epochs", "1"}, {}}) {
            Cli.Run run = Cli.run(concat(new String[] {"train", "--resume", two, "-q"}, epochs));
            assertEquals(2, run.exit(), run::toString);
            assertEquals("nnj train: " + two + " has already completed 2 epochs; give --epochs greater than 2 to train"
                    + " further (see 'nnj train --help')\n", run.err(), run::toString);
        }
        Cli.Run run = Cli.run("train", "--resume", one, "--epochs", "1", "-q");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains(one + " has already completed 1 epoch; give --epochs greater than 1"), run::toString);

        Cli.Run further = Cli.run("train", "--resume", two, "--epochs", "3");
        assertEquals(0, further.exit(), further::toString);
        assertEquals(List.of("epoch 3/3"), further.out().lines().filter(l -> l.startsWith("epoch "))
                .map(l -> l.substring(0, 9)).toList(), further::toString);
    }

    /**
     * The digits preset anneals over --epochs with cosine:4 here, which is 0 at epoch 5; extended to 6
     * epochs it continues as cosine:6, η·(1 + cos(π·e/6))/2 with η = 0.002 for epochs e = 2..5 (from 0).
     */
    @Test
    void extendingARunStretchesTheCosineThatSpannedIt() {
        Path checkpoints = dir.resolve("ckpt");
        Cli.Run first = Cli.run("train", "--epochs", "4", "--checkpoint-dir", checkpoints.toString(), "-q");
        assertEquals(0, first.exit(), first::toString);
        String two = checkpoints.resolve("checkpoint-e000002-b000000.safetensors").toString();
        Cli.Run run = Cli.run("train", "--resume", two, "--epochs", "6");
        assertEquals(0, run.exit(), run::toString);
        List<String> rates = run.out().lines().filter(l -> l.startsWith("epoch "))
                .map(l -> l.replaceAll(".*  lr (\\S+)  .*", "$1")).toList();
        assertEquals(List.of("0.00150", "0.00100", "0.000500", "0.000134"), rates, run::toString);
    }

    @Test
    void aRunThatEarlyStoppingEndedIsKeptAndSaysSo() throws IOException {
        Path checkpoints = dir.resolve("ckpt");
        // A high learning rate and a patience of 1 stop the run within a few epochs.
        Cli.Run first = Cli.run("train", "--val-split", "0.1", "--early-stopping", "1", "--lr", "0.05", "--epochs", "30",
                "--checkpoint-dir", checkpoints.toString(), "-q");
        assertEquals(0, first.exit(), first::toString);
        assertTrue(first.out().contains("stopped early"), first::toString);
        Path last;
        try (Stream<Path> files = Files.list(checkpoints)) {
            last = files.max(Path::compareTo).orElseThrow();
        }

        PrintStream stderr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Cli.Run run;
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            run = Cli.run("train", "--resume", last.toString(), "--epochs", "40", "-q");
        } finally {
            System.setErr(stderr);
        }
        assertEquals(0, run.exit(), run::toString);
        assertEquals(first.out(), run.out().replaceAll("in [0-9.]+ s", "in " + seconds(first.out()) + " s"),
                "the same weights are evaluated again");
        assertTrue(log.toString(StandardCharsets.UTF_8).contains(last + ": early stopping ended this run after "),
                log::toString);
    }

    private static String seconds(String summary) {
        return summary.replaceAll("(?s).* in ([0-9.]+) s.*", "$1");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
