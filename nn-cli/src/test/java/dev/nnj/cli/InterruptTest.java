package dev.nnj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signal during training (SIGTERM here, which takes the same shutdown path as Ctrl-C's SIGINT) saves a
 * checkpoint before the JVM exits, and the run continues from it. Needs a JVM of its own to signal.
 */
class InterruptTest {

    @TempDir
    Path dir;

    @Test
    void aSignalSavesACheckpointAndPrintsTheCommandThatResumesFromIt() throws Exception {
        Path checkpoints = dir.resolve("ckpt");
        Path csv = TestData.separableCsv(dir.resolve("points.csv"), 300);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Nnj.class.getName(), "train", "--data", csv.toString(), "--label", "kind", "--epochs", "100000",
                "--lr-schedule", "constant", "--layers", "8", "--checkpoint-dir", checkpoints.toString())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
                if (line.startsWith("epoch ") && lines.size() == 3) {
                    p.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of stdout
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM exits after saving");
        assertEquals(143, p.exitValue(), () -> "128 + SIGTERM\n" + lines);
        String last = lines.get(lines.size() - 1);
        // The data options come back; --lr-schedule and --layers, which the checkpoint holds, do not.
        Matcher m = Pattern.compile("interrupted: checkpoint saved to (\\S+); continue with: nnj train --data "
                + Pattern.quote(csv.toString()) + " --label kind --epochs 100000 --checkpoint-dir "
                + Pattern.quote(checkpoints.toString()) + " --resume \\1").matcher(last);
        assertTrue(m.matches(), () -> String.join("\n", lines) + "\nstderr:\n" + read(dir.resolve("stderr.txt")));
        Path saved = Path.of(m.group(1));
        assertTrue(Files.isRegularFile(saved), saved::toString);

        String command = last.substring(last.indexOf("nnj train ") + "nnj ".length()).replace("100000", "6");
        Cli.Run resumed = Cli.run((command + " -q").split(" "));
        assertEquals(0, resumed.exit(), resumed::toString);
        assertTrue(resumed.out().contains("6 epochs in"), resumed::toString);
    }

    @Test
    void theResumeCommandKeepsTheDataAndOutputOptionsInEitherSpelling() {
        picocli.CommandLine cli = Nnj.commandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()));
        picocli.CommandLine.ParseResult parsed = cli.parseArgs("train", "--data=my data.csv", "--label", "kind", "-o",
                "m.safetensors", "--no-shuffle", "--lr", "0.1", "--layers", "8", "-q", "--val-split=10%");
        ResumeCommand command = ResumeCommand.of(parsed.subcommand(), List.of("--lr", "--no-shuffle"));
        assertEquals("nnj train --data 'my data.csv' --label kind --out m.safetensors --quiet --val-split 10% --resume"
                + " ckpt/c.safetensors", command.with(Path.of("ckpt/c.safetensors")));
    }

    @Test
    void theResumeCommandQuotesWhatAShellWouldSplitOrExpand() {
        assertEquals("ckpt/run-1.safetensors", ResumeCommand.quote("ckpt/run-1.safetensors"));
        assertEquals("'my data.csv'", ResumeCommand.quote("my data.csv"));
        assertEquals("'it'\\''s$x.csv'", ResumeCommand.quote("it's$x.csv"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
