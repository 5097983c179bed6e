package dev.nnj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A split that would leave a part empty is a usage error naming the option, the number of samples and the
 * fractions that work. The built-in digits have 1797 samples; 0.2 of them, 359, are held out for the test.
 */
class SplitErrorsTest {

    @TempDir
    Path dir;

    @Test
    void aTestSplitOfNoSamplesIsRefused() throws IOException {
        // round(2 × 0.2) = 0 test samples; only 1 of 2, a fraction of 0.5, leaves both parts non-empty.
        Path csv = Files.writeString(dir.resolve("tiny.csv"), "a,b,label\n1,2,x\n3,4,y\n");
        Cli.Run run = Cli.run("train", "--data", csv.toString(), "-q");
        assertUsageError(run, "nnj train: --test-split 0.2 of 2 samples holds out 0 test samples; give --test-split 0.5,"
                + " or --test-split 0 to train without a test (see 'nnj train --help')\n");
    }

    @Test
    void aTestSplitOfAllSamplesIsRefusedNamingTestSplit() {
        // round(1797 × 0.9999) = 1797; 1/1797 = 0.000556… and 1796/1797 = 0.99944… bound what works.
        Cli.Run run = Cli.run("train", "--test-split", "0.9999", "-q");
        assertUsageError(run, "nnj train: --test-split 0.9999 of 1797 samples leaves 0 training samples; give --test-split"
                + " between 0.00056 and 0.99, or --test-split 0 to train without a test (see 'nnj train --help')\n");
    }

    @Test
    void aValidationSplitOfNoSamplesIsRefusedRatherThanTurningEarlyStoppingOff() {
        // 1797 − 359 = 1438 training samples; round(1438 × 0.0003) = 0, and 1/1438 = 0.000695…
        Cli.Run run = Cli.run("train", "--val-split", "0.0003", "--early-stopping", "1", "-q");
        assertUsageError(run, "nnj train: --val-split 0.0003 of 1438 training samples holds out 0 validation samples;"
                + " give --val-split between 0.0007 and 0.99 (see 'nnj train --help')\n");

        Cli.Run suggested = Cli.run("train", "--val-split", "0.0007", "--early-stopping", "1", "--epochs", "1");
        assertEquals(0, suggested.exit(), suggested::toString);
        assertTrue(suggested.out().contains("val_loss"), "the smallest fraction suggested validates:\n" + suggested);
    }

    @Test
    void aSingleSampleCannotBeSplit() throws IOException {
        Path csv = Files.writeString(dir.resolve("one.csv"), "a,b,label\n1,2,x\n");
        Cli.Run run = Cli.run("train", "--data", csv.toString(), "-q");
        assertUsageError(run, "nnj train: --test-split 0.2 of 1 sample cannot be split into training and test samples;"
                + " give more data, or --test-split 0 to train without a test (see 'nnj train --help')\n");
    }

    private static void assertUsageError(Cli.Run run, String expected) {
        assertEquals(2, run.exit(), run::toString);
        assertEquals(expected, run.err(), run::toString);
        assertEquals("", run.out(), run::toString);
    }
}
