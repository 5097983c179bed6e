package dev.nnj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nnj.core.Network;
import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.io.ModelFile;
import dev.nnj.io.Preprocessing;
import dev.nnj.io.SavedModel;
import dev.nnj.io.TrainingSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data that do not fit the model or the training data: one line naming both, never an internal file. */
class ModelDataMismatchTest {

    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    @TempDir
    Path dir;

    @Test
    void aRegressionModelCannotStartClassificationTraining() throws IOException {
        Path model = model("reg.safetensors", 64, List.of());
        Cli.Run run = Cli.run("train", "--init", model.toString(), "-q");
        assertFailure(run, "nnj train: --init " + model + " is a regression model (no classes), but nnj train reads"
                + " labelled classes (--data digits); start from a classification model\n");
    }

    @Test
    void theBuiltInDigitsOutsideTheModelsClassesNameNoTemporaryFile() throws IOException {
        Path model = model("abc.safetensors", 64, List.of("a", "b", "c"));
        Cli.Run run = Cli.run("evaluate", "--model", model.toString(), "--data", "digits", "-q");
        assertFailure(run, "nnj evaluate: the built-in digits are labelled 0 to 9, and not all of these are among the"
                + " expected classes [a, b, c]\n");
        // train's --data defaults to the digits: a model of other classes asks for its data.
        Cli.Run train = Cli.run("train", "--init", model.toString(), "-q");
        assertEquals(2, train.exit(), train::toString);
        assertEquals("nnj train: --init " + model + " was trained on the classes [a, b, c], not on the built-in digits"
                + " (--data digits, the default): give the data it was trained on with --data (see 'nnj train --help')\n",
                train.err());
    }

    @Test
    void dataOfAnotherWidthNameTheDataAndTheModel() throws IOException {
        Path model = model("m.safetensors", 64, DIGITS);
        Path csv = Files.writeString(dir.resolve("three.csv"), "a,b,c,digit\n0.1,0.2,0.3,0\n0.4,0.5,0.6,1\n");
        assertFailure(Cli.run("evaluate", "--model", model.toString(), "--data", csv.toString()),
                "nnj evaluate: " + csv + " has 3 features per sample, but " + model + " expects 64\n");
        assertFailure(Cli.run("train", "--init", model.toString(), "--data", csv.toString(), "-q"),
                "nnj train: --data " + csv + " has 3 features per sample, but --init " + model + " expects 64\n");
        assertFailure(Cli.run("train", "--init", model.toString(), "--test", csv.toString(), "-q"),
                "nnj train: --test " + csv + " has 3 features per sample, but --init " + model + " expects 64\n");
        assertFailure(Cli.run("train", "--test", csv.toString(), "-q"),
                "nnj train: --test " + csv + " has 3 features per sample, but the training data (--data digits) has 64\n");

        Path checkpoints = dir.resolve("ckpt");
        Cli.Run first = Cli.run("train", "--epochs", "1", "--checkpoint-dir", checkpoints.toString(), "-q");
        assertEquals(0, first.exit(), first::toString);
        Path checkpoint = checkpoints.resolve("checkpoint-e000001-b000000.safetensors");
        assertFailure(Cli.run("train", "--resume", checkpoint.toString(), "--epochs", "2", "--data", csv.toString(), "-q"),
                "nnj train: --data " + csv + " has 3 features per sample, but --resume " + checkpoint + " expects 64\n");
    }

    @Test
    void testLabelsOutsideTheTrainingClassesNameTheTrainingData() throws IOException {
        Path train = Files.writeString(dir.resolve("train.csv"), "a,b,kind\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n9,9,x\n");
        Path test = Files.writeString(dir.resolve("test.csv"), "a,b,kind\n1,2,0\n3,4,x\n5,6,1\n");
        Cli.Run run = Cli.run("train", "--data", train.toString(), "--test", test.toString(), "-q");
        assertFailure(run, "nnj train: --test " + test + " has labels [0, 1] that are not among the training data's"
                + " classes [x, y] (--data " + train + ")\n");
    }

    /** A model file with one dense layer from {@code inputs}: softmax over the classes, or one linear output. */
    private Path model(String name, int inputs, List<String> classes) throws IOException {
        boolean regression = classes.isEmpty();
        Network network = Network.builder(inputs)
                .dense(regression ? 1 : classes.size(), regression ? Activation.IDENTITY : Activation.SOFTMAX)
                .kernels(Kernels.scalar()).build();
        Path file = dir.resolve(name);
        ModelFile.save(file, new SavedModel(network, Preprocessing.none(inputs), classes, TrainingSummary.untrained(1)));
        return file;
    }

    private static void assertFailure(Cli.Run run, String expected) {
        assertEquals(1, run.exit(), run::toString);
        assertEquals(expected, run.err(), run::toString);
        assertFalse(run.err().contains("nnj-digits-"), run::toString);
    }
}
