package dev.nnj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train → save → evaluate → predict → inspect, on one model trained on the built-in digits. */
class ModelRoundTripTest {

    @TempDir
    static Path dir;
    static Path model;
    static Cli.Run training;

    @BeforeAll
    static void train() {
        model = dir.resolve("digits.safetensors");
        training = Cli.run("train", "--epochs", "15", "--out", model.toString());
        assertEquals(0, training.exit(), training::toString);
    }

    @Test
    void evaluateReportsAccuracyPerClassScoresAndTheConfusionMatrix() {
        Cli.Run run = Cli.run("evaluate", "--model", model.toString(), "--data", "digits");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains(": 1797 samples"), run::toString);
        assertTrue(run.number("accuracy") > 0.95, run::toString);
        assertTrue(run.out().contains("true\\predicted"), run::toString);
        assertTrue(run.out().contains("precision     recall         f1    support"), run::toString);
        assertEquals(10, run.out().lines().filter(l -> l.matches("\\d .*")).count(), "one row per class:\n" + run);
    }

    @Test
    void evaluateJsonAgreesWithPredict() throws IOException {
        Cli.Run json = Cli.run("evaluate", "--model", model.toString(), "--data", "digits", "--json");
        assertEquals(0, json.exit(), json::toString);
        double accuracy = field(json.out(), "accuracy");
        assertEquals(1797, (int) field(json.out(), "samples"));
        assertTrue(json.out().contains("\"confusion_matrix\": ["), json::toString);

        Path csv = dir.resolve("predictions.csv");
        Cli.Run predict = Cli.run("predict", "--model", model.toString(), "--data", "digits", "--out", csv.toString());
        assertEquals(0, predict.exit(), predict::toString);
        assertEquals("", predict.out(), "the CSV went to the file");
        List<String> lines = Files.readAllLines(csv);
        assertEquals("row,predicted,label,p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p_9", lines.get(0));
        assertEquals(1798, lines.size());
        long correct = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double sum = 0;
            for (int k = 3; k < f.length; k++) {
                sum += Double.parseDouble(f[k]);
            }
            assertEquals(1.0, sum, 1e-4, "probabilities sum to 1: " + line);
            correct += f[1].equals(f[2]) ? 1 : 0;
        }
        assertEquals(accuracy, correct / 1797.0, 1e-6);
    }

    @Test
    void predictWritesCsvToStdoutByDefault() {
        Cli.Run run = Cli.run("predict", "--model", model.toString(), "--data", "digits");
        assertEquals(0, run.exit(), run::toString);
        assertEquals(1798, run.out().lines().count());
        assertTrue(run.out().lines().skip(1).allMatch(l -> l.matches("\\d+,\\d,\\d(,[01]\\.\\d{6}){10}")), run::toString);
    }

    @Test
    void inspectShowsArchitectureParametersAndTraining() {
        Cli.Run run = Cli.run("inspect", model.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("nnj model, format version 1"), run::toString);
        assertTrue(run.out().matches("(?s).*0 +dense +128×64 +8,320\n.*"), run::toString);
        assertTrue(run.out().matches("(?s).*total +9,610\n.*"), run::toString);
        assertTrue(run.out().contains("classes (10): 0, 1, 2"), run::toString);
        assertTrue(run.out().contains("preprocessing: standardize, 64 features"), run::toString);
        assertTrue(run.out().contains("training: 15 epochs with adam, seed 42"), run::toString);
    }

    @Test
    void predictRefusesDataWithTheWrongNumberOfFeatures() throws IOException {
        Path csv = Files.writeString(dir.resolve("three.csv"), "a,b,c,label\n1,2,3,7\n");
        Cli.Run run = Cli.run("predict", "--model", model.toString(), "--data", csv.toString());
        assertEquals(1, run.exit(), run::toString);
        assertEquals("nnj predict: " + csv + " has 4 columns, but " + model + " takes 64 features: expected 64 feature"
                + " columns, or 65 with a label column\n", run.err());
    }

    @Test
    void evaluateRefusesLabelsTheModelDoesNotKnow() throws IOException {
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < 64; j++) {
            s.append('f').append(j).append(',');
        }
        s.append("label\n").append("1,".repeat(64)).append("cat\n");
        Path csv = Files.writeString(dir.resolve("cats.csv"), s.toString());
        Cli.Run run = Cli.run("evaluate", "--model", model.toString(), "--data", csv.toString());
        assertEquals(1, run.exit(), run::toString);
        assertTrue(run.err().contains(csv + ", line 2, column 65"), run::toString);
        assertTrue(run.err().contains("'cat' is not one of the model's classes"), run::toString);
    }

    private static double field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\": ([0-9.eE+-]+)").matcher(json);
        assertTrue(m.find(), () -> "no " + name + " in " + json);
        return Double.parseDouble(m.group(1));
    }
}
