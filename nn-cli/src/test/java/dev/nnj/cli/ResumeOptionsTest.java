package dev.nnj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.io.SafetensorsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What --resume accepts besides the checkpoint: --data and --epochs, not what the checkpoint fixes. */
class ResumeOptionsTest {

    @TempDir
    static Path dir;
    static Path checkpoint;

    @BeforeAll
    static void train() {
        Path checkpoints = dir.resolve("ckpt");
        Cli.Run run = Cli.run("train", "--epochs", "2", "--layers", "16", "-q", "--checkpoint-dir", checkpoints.toString());
        assertEquals(0, run.exit(), run::toString);
        checkpoint = checkpoints.resolve("checkpoint-e000002-b000000.safetensors");
        assertTrue(Files.exists(checkpoint), run::toString);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--optimizer sgd                  | --optimizer cannot be combined with --resume",
        "--lr 5                           | --lr cannot be combined with --resume",
        "--momentum 0.5                   | --momentum cannot be combined with --resume",
        "--weight-decay 0.1               | --weight-decay cannot be combined with --resume",
        "--lr-schedule constant           | --lr-schedule cannot be combined with --resume",
        "--batch 7                        | --batch cannot be combined with --resume",
        "--seed 9                         | --seed cannot be combined with --resume",
        "--seed 42                        | --seed cannot be combined with --resume",
        "--no-shuffle                     | --no-shuffle cannot be combined with --resume",
        "--early-stopping 2 --val-split 0.1 | --early-stopping, --val-split cannot be combined with --resume",
        "--clip-norm 1                    | --clip-norm cannot be combined with --resume",
        "--val-split 0.1                  | --val-split cannot be combined with --resume",
        "--test-split 0.3                 | --test-split cannot be combined with --resume",
        "--batch 7 --lr 5 --optimizer sgd | --optimizer, --lr, --batch cannot be combined with --resume",
        "--preprocess none                | --preprocess cannot be combined with --init or --resume",
    })
    void optionsTheCheckpointFixesAreUsageErrors(String args, String message) {
        Cli.Run run = Cli.run(concat(new String[] {"train", "--resume", checkpoint.toString()}, args.trim().split(" +")));
        assertEquals(2, run.exit(), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertTrue(run.err().startsWith("nnj train: " + message), run::toString);
        assertEquals("", run.out(), run::toString);
    }

    @Test
    void aCheckpointRecordsItsDataSplitsAndADamagedRecordIsNamed() throws Exception {
        SafetensorsFile st = SafetensorsFile.read(checkpoint);
        assertEquals("{\"test_split\":\"0.2\",\"val_split\":\"0.0\"}", st.metadata().get("notes"));

        Map<String, String> metadata = new LinkedHashMap<>(st.metadata());
        metadata.put("notes", "{\"test_split\":\"0.2\",\"val_split\":\"1.5\"}");
        Path damaged = dir.resolve("damaged.safetensors");
        new SafetensorsFile(st.tensors(), metadata).write(damaged);
        Cli.Run run = Cli.run("train", "--resume", damaged.toString(), "--epochs", "3", "-q");
        assertEquals(1, run.exit(), run::toString);
        assertEquals("nnj train: " + damaged + ": metadata 'notes' val_split is '1.5', expected a fraction in [0, 1)\n",
                run.err());
    }

    @Test
    void epochsExtendTheRun() {
        Cli.Run run = Cli.run("train", "--resume", checkpoint.toString(), "--epochs", "3");
        assertEquals(0, run.exit(), run::toString);
        assertEquals(1, run.out().lines().filter(l -> l.startsWith("epoch 3/3 ")).count(), run::toString);
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
