package dev.nnj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.activation.Activation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The defaults that {@code nnj help train} states are the ones a run without the option gets. */
class TrainDefaultsTest {

    @ParameterizedTest(name = "--data {0}")
    @CsvSource({
        "digits,        128,     0.0, 32,  0.002",
        "fashion-mnist, 512 256, 0.1, 128, 0.001",
        "points.csv,    128,     0.0, 32,  0.001",
    })
    void aRunWithoutOptionsGetsTheStatedDefaults(String data, String layers, float dropout, int batch, float lr) {
        TrainConfig config = config("--data", data);
        assertEquals(Arrays.stream(layers.split(" ")).map(Integer::valueOf).toList(), config.layers());
        assertEquals(Activation.RELU.id(), config.activation().id());
        assertEquals(dropout, config.dropout());
        assertEquals("adam", config.optimizer());
        assertEquals(20, config.training().epochs());
        assertEquals(batch, config.training().batchSize());
        assertEquals(lr, config.learningRate());
    }

    @Test
    void anotherOptimizerStartsFromItsOwnLearningRate() {
        assertEquals(1e-3f, config("--optimizer", "adam").learningRate(), "digits with adam named");
        assertEquals(1e-3f, config("--optimizer", "sgd").learningRate());
        assertEquals(0.01f, config("--optimizer", "rmsprop").learningRate());
        assertEquals(0.01f, config("--optimizer", "adagrad").learningRate());
    }

    @Test
    void theHelpStatesEachDefault() {
        String help = Cli.run("train", "--help").out().replaceAll("\\s+", " ");
        for (String stated : List.of(
                "--layers=N[,N...] Hidden layer widths, e.g. 256,128; 0 for none (logistic regression). Default: 128"
                        + " (512,256 for fashion-mnist).",
                "Default: relu.",
                "in [0, 1). Default: 0 (0.1 for fashion-mnist).",
                "adagrad. Default: adam.",
                "--lr=RATE Learning rate. Default: 1e-3 (2e-3 for digits); with --optimizer, that optimizer's own:"
                        + " 1e-3, or 0.01 for rmsprop and adagrad.",
                "--epochs=N Passes over the training data. Default: 20.",
                "--batch=N Samples per minibatch. Default: 32 (128 for fashion-mnist).")) {
            assertTrue(help.contains(stated), () -> "'" + stated + "' is not in:\n" + help);
        }
    }

    private static TrainConfig config(String... args) {
        StringWriter sink = new StringWriter();
        CommandLine cli = Nnj.commandLine(new PrintWriter(sink), new PrintWriter(sink));
        String[] all = new String[args.length + 1];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        CommandLine.ParseResult parsed = cli.parseArgs(all);
        TrainCommand train = (TrainCommand) parsed.subcommand().commandSpec().userObject();
        return train.config();
    }
}
