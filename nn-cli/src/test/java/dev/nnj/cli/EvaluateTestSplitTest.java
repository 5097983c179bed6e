package dev.nnj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate --test-split scores the samples that train held out, as train's own test report did. */
class EvaluateTestSplitTest {

    private static final Pattern TEST = Pattern.compile("test accuracy ([0-9.]+), loss ([0-9.]+) \\((\\d+) samples\\)");
    private static final Pattern EVALUATED = Pattern.compile("(?s).*: (\\d+) samples\nloss ([0-9.]+), accuracy ([0-9.]+)\n.*");

    @TempDir
    Path dir;

    @Test
    void aCsvModelIsScoredOnTheSamplesItsRunHeldOut() throws IOException {
        Path csv = TestData.separableCsv(dir.resolve("points.csv"), 300);
        Path model = dir.resolve("m.safetensors");
        // A few epochs and another seed, so that the held-out samples and the score are the run's own.
        Cli.Run train = Cli.run("train", "--data", csv.toString(), "--label", "kind", "--epochs", "2", "--seed", "5",
                "--test-split", "0.3", "--out", model.toString(), "-q");
        assertEquals(0, train.exit(), train::toString);
        Matcher trained = TEST.matcher(train.out());
        assertTrue(trained.find(), train::toString);
        assertEquals("90", trained.group(3), "30 % of 300");

        Cli.Run run = Cli.run("evaluate", "--model", model.toString(), "--data", csv.toString(), "--label", "kind",
                "--test-split", "30%", "-q");
        assertEquals(0, run.exit(), run::toString);
        Matcher evaluated = EVALUATED.matcher(run.out());
        assertTrue(evaluated.matches(), run::toString);
        assertEquals("90", evaluated.group(1), run::toString);
        assertEquals(trained.group(2), evaluated.group(2), run::toString);
        assertEquals(trained.group(1), evaluated.group(3), run::toString);
        assertTrue(run.out().contains("(the --test-split 0.3 held out with seed 5)"), run::toString);

        Cli.Run whole = Cli.run("evaluate", "--model", model.toString(), "--data", csv.toString(), "--label", "kind", "-q");
        assertTrue(whole.out().contains(": 300 samples\n"), whole::toString);
    }

    @Test
    void dataWithATestPartOfItsOwnRefusesIt() throws IOException {
        TestData.separableIdx(dir, "train", 60, 1);
        TestData.separableIdx(dir, "t10k", 20, 2);
        Path model = dir.resolve("m.safetensors");
        assertEquals(0, Cli.run("train", "--data", dir.toString(), "--epochs", "1", "--out", model.toString(), "-q").exit());
        Cli.Run run = Cli.run("evaluate", "--model", model.toString(), "--data", dir.toString(), "--test-split", "0.2");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("has a test part of its own, which evaluate reads; leave out --test-split"),
                run::toString);
    }
}
