package dev.nnj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evaluate on a regression model y = 2a − b + 1. On the four rows below it errs by −0.5, 0, 0 and 1: RMSE
 * √(1.25/4) = 0.559017, MAE 1.5/4 = 0.375; the targets 1.5, 3, 0, 3 have mean 1.875 and SST 6.1875, so
 * R² = 1 − 1.25/6.1875 = 0.797980.
 */
class RegressionEvaluateTest {

    @TempDir
    Path dir;
    Path model;

    @BeforeEach
    void linearModel() throws IOException {
        Network network = Network.builder(2).dense(1, Activation.IDENTITY).kernels(Kernels.scalar()).build();
        System.arraycopy(new float[] {2, -1}, 0, network.parameters().get(0).value(), 0, 2);
        network.parameters().get(1).value()[0] = 1;
        model = dir.resolve("linear.safetensors");
        ModelFile.save(model, new SavedModel(network, Preprocessing.none(2), List.of(), TrainingSummary.untrained(1)));
    }

    @Test
    void scoresTheLastColumnAsTheTarget() throws IOException {
        Path csv = Files.writeString(dir.resolve("data.csv"), "a,b,y\n0,0,1.5\n1,0,3\n0,1,0\n2,1,3\n");
        Cli.Run run = Cli.run("evaluate", "--model", model.toString(), "--data", csv.toString(), "-q");
        assertEquals(0, run.exit(), run::toString);
        assertEquals("model " + model + " on " + csv + ": 4 samples\ny: RMSE 0.5590, MAE 0.3750, R² 0.7980\n", run.out());

        Cli.Run json = Cli.run("evaluate", "--model", model.toString(), "--data", csv.toString(), "--json", "-q");
        assertEquals(0, json.exit(), json::toString);
        assertTrue(json.out().contains("\"samples\": 4,"), json::toString);
        assertTrue(json.out().contains("{\"name\": \"y\", \"rmse\": 0.559017, \"mae\": 0.375000, \"r2\": 0.797980}"),
                json::toString);
    }

    @Test
    void labelNamesTheTargetColumn() throws IOException {
        Path csv = Files.writeString(dir.resolve("first.csv"), "y,a,b\n1.5,0,0\n3,1,0\n0,0,1\n3,2,1\n");
        Cli.Run run = Cli.run("evaluate", "--model", model.toString(), "--data", csv.toString(), "--label", "y", "-q");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().endsWith("y: RMSE 0.5590, MAE 0.3750, R² 0.7980\n"), run::toString);
    }

    @Test
    void aFileWithoutTheTargetColumnIsRefused() throws IOException {
        Path csv = Files.writeString(dir.resolve("features.csv"), "a,b\n0,0\n");
        Cli.Run run = Cli.run("evaluate", "--model", model.toString(), "--data", csv.toString());
        assertEquals(1, run.exit(), run::toString);
        assertEquals("nnj evaluate: " + csv + " has 2 columns, but the regression model takes 2 features and gives 1"
                + " output: expected 3 columns, the features and then the targets\n", run.err());
    }
}
