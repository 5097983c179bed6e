package dev.nnj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** predict on CSV files, with and without a label column, for a model of two features (x, y) and classes down, up. */
class PredictCommandTest {

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void train() throws IOException {
        Path csv = TestData.separableCsv(dir.resolve("points.csv"), 300);
        model = dir.resolve("points.safetensors");
        Cli.Run run = Cli.run("train", "--data", csv.toString(), "--label", "kind", "--epochs", "10", "-q",
                "--out", model.toString());
        assertEquals(0, run.exit(), run::toString);
    }

    @Test
    void readsACsvOfFeaturesOnly() throws IOException {
        // A byte order mark, a quoted header name and an empty line, as CsvReader accepts them.
        Path features = Files.writeString(dir.resolve("new.csv"), "\uFEFF\"x\",y\n1,9\n\n9,1\n2.5,7\n");
        Cli.Run run = Cli.run("predict", "-m", model.toString(), "--data", features.toString());
        assertEquals(0, run.exit(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertEquals("row,predicted,p_down,p_up", lines.get(0));
        // Above the diagonal (y > x) is "up", below "down", as in the training data.
        assertEquals(List.of("up", "down", "up"), lines.stream().skip(1).map(l -> l.split(",")[1]).toList(), run::toString);

        // The same points with their label in the middle column: the same probabilities, and the label.
        Path labelled = Files.writeString(dir.resolve("labelled.csv"), "x,kind,y\n1,up,9\n9,down,1\n2.5,up,7\n");
        Cli.Run withLabels = Cli.run("predict", "-m", model.toString(), "--data", labelled.toString(), "--label", "kind");
        assertEquals(0, withLabels.exit(), withLabels::toString);
        String withoutLabelColumn = withLabels.out().lines().map(l -> l.replaceFirst("^([^,]*,[^,]*),[^,]*", "$1"))
                .collect(Collectors.joining("\n", "", "\n"));
        assertEquals(run.out(), withoutLabelColumn);
    }

    /** An identity output gives scores, which may be negative: not named as probabilities. */
    @Test
    void outputsThatAreNoProbabilitiesAreNamedScores() throws IOException {
        Path csv = TestData.separableCsv(dir.resolve("points.csv"), 300);
        Path linear = dir.resolve("linear.safetensors");
        Cli.Run train = Cli.run("train", "--data", csv.toString(), "--label", "kind", "--epochs", "2", "-q",
                "--output-activation", "identity", "--loss", "mse", "--out", linear.toString());
        assertEquals(0, train.exit(), train::toString);
        Cli.Run run = Cli.run("predict", "-m", linear.toString(), "--data", csv.toString(), "--label", "kind");
        assertEquals(0, run.exit(), run::toString);
        assertEquals("row,predicted,label,score_down,score_up", run.out().lines().findFirst().orElseThrow());

        Cli.Run softmax = Cli.run("predict", "-m", model.toString(), "--data", csv.toString(), "--label", "kind");
        assertEquals("row,predicted,label,p_down,p_up", softmax.out().lines().findFirst().orElseThrow());
    }

    @Test
    void theModelKeepsItsFeatureNamesAndRefusesColumnsInAnotherOrderOrOfOtherNames() throws IOException {
        Cli.Run inspect = Cli.run("inspect", model.toString());
        assertTrue(inspect.out().contains("features: 2: x, y\n"), inspect::toString);

        Path swapped = Files.writeString(dir.resolve("swapped.csv"), "y,x\n9,1\n");
        Cli.Run run = Cli.run("predict", "-m", model.toString(), "--data", swapped.toString());
        assertEquals(1, run.exit(), run::toString);
        assertEquals("nnj predict: " + swapped + ": feature column 1 is 'y', where 'x' was trained on; the columns are"
                + " the trained ones in another order: put them in the order [x, y]\n", run.err());

        Path renamed = Files.writeString(dir.resolve("renamed.csv"), "x,kind,z\n1,up,9\n");
        run = Cli.run("predict", "-m", model.toString(), "--data", renamed.toString(), "--label", "kind");
        assertEquals(1, run.exit(), run::toString);
        assertEquals("nnj predict: " + renamed + ": feature column 2 is 'z', where 'y' was trained on; expected the"
                + " columns [x, y]\n", run.err());
        run = Cli.run("evaluate", "-m", model.toString(), "--data", renamed.toString(), "--label", "kind");
        assertEquals(1, run.exit(), run::toString);
        assertTrue(run.err().contains(renamed + ": feature column 2 is 'z', where 'y' was trained on"), run::toString);
    }

    @Test
    void aCsvOfAnotherWidthIsRefusedNamingBothWidths() throws IOException {
        Path csv = Files.writeString(dir.resolve("wide.csv"), "a,b,c,d\n1,2,3,4\n");
        Cli.Run run = Cli.run("predict", "-m", model.toString(), "--data", csv.toString());
        assertEquals(1, run.exit(), run::toString);
        assertEquals("nnj predict: " + csv + " has 4 columns, but " + model + " takes 2 features: expected 2 feature"
                + " columns, or 3 with a label column\n", run.err());
    }

    @Test
    void aLabelColumnCannotBeNamedInACsvOfFeaturesOnly() throws IOException {
        Path csv = Files.writeString(dir.resolve("two.csv"), "x,y\n1,9\n");
        Cli.Run run = Cli.run("predict", "-m", model.toString(), "--data", csv.toString(), "--label", "y");
        assertEquals(1, run.exit(), run::toString);
        assertEquals("nnj predict: --label y: " + csv + " has 2 columns, one per input of " + model
                + ", so none is a label; leave out --label\n", run.err());
    }

    @Test
    void aBadValueIsRefusedWithItsLineAndColumn() throws IOException {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "x,y\n1,9\n3,oops\n");
        Cli.Run run = Cli.run("predict", "-m", model.toString(), "--data", csv.toString());
        assertEquals(1, run.exit(), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertTrue(run.err().contains(csv + ", line 3, column 2"), run::toString);
        assertTrue(run.err().contains("column 'y': 'oops' is not a number"), run::toString);

        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "x,y\n1,9\n3\n");
        run = Cli.run("predict", "-m", model.toString(), "--data", ragged.toString());
        assertEquals(1, run.exit(), run::toString);
        assertTrue(run.err().contains(ragged + ", line 3, column 2"), run::toString);
        assertTrue(run.err().contains("line has 1 fields, expected 2 as in the header"), run::toString);
    }
}
