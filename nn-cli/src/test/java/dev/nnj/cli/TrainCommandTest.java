package dev.nnj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.Parameter;
import dev.nnj.core.activation.LeakyRelu;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.layer.Dense;
import dev.nnj.core.train.LearningRateSchedule;
import dev.nnj.io.ModelFile;
import dev.nnj.io.SavedModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainCommandTest {

    @TempDir
    Path dir;

    @Test
    void trainsTheBuiltInDigitsToOver95PercentTestAccuracy() {
        Cli.Run run = Cli.run("train");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.number("test accuracy") > 0.95, run::toString);
        assertEquals(Preset.DIGITS.epochs(), run.out().lines().filter(l -> l.startsWith("epoch ")).count(), run::toString);
        assertTrue(run.out().contains("(359 samples)"), "20 % of 1797 held out:\n" + run);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--epochs 0                       | epochs must be >= 1, got 0",
        "--batch -3                       | batch size must be >= 1, got -3",
        "--optimizer adamax               | unknown optimizer 'adamax'",
        "--lr -0.1                        | learning rate must be > 0",
        "--lr-schedule linear             | linear",
        "--val-split 1.5                  | '1.5' is outside [0, 1)",
        "--val-split ten                  | 'ten' is not a fraction",
        "--dropout 1                      | --dropout must be in [0, 1), got 1.0",
        "--layers 64,0                    | --layers widths must be >= 1",
        "--layers 0 --dropout 0.2         | --dropout 0.2 applies after hidden layers, and --layers 0 has none",
        "--activation swish               | swish",
        "--early-stopping 3               | --early-stopping needs validation data",
        "--plot curves.gif                | must end in .png or .svg",
        "--momentum 0.5 --optimizer adam  | --momentum applies to sgd",
        "--preprocess whiten              | --preprocess must be none, scale or standardize",
        "--delimiter ab                   | --delimiter must be one character",
        "--kernels fast                   | Invalid value for option '--kernels'",
        "--threads 0                      | --threads must be >= 1, got 0",
        "--epoch 3                        | Unknown options: '--epoch', '3'",
        "--init m.safetensors --layers 8  | cannot be combined with --init or --resume",
        "--init m.safetensors --preprocess none | --preprocess cannot be combined with --init or --resume",
        "--layers ,                       | --layers must be comma-separated widths such as 256,128 (or 0 for no hidden layer), got ','",
        "--layers 64,,32                  | --layers must be comma-separated widths such as 256,128 (or 0 for no hidden layer), got '64,,32'",
        "--layers 128,64 --layers 32      | option '--layers' (N[,N...]) should be specified only once",
        "--label species                  | --label species names a CSV column, but --data digits is the built-in digits",
        "--labels y.idx                   | --labels y.idx is for an IDX images file, but --data digits is the built-in digits",
        "--test-labels y.idx              | --test-labels needs --test",
        "--test digits                    | --test digits is the --data itself: a test on the training samples says nothing about new data; leave out --test to hold out --test-split of it",
        "--test-split 0.1 --test digits   | --test-split holds out part of --data for the test, but --test digits is the test data; give one of them",
        "--data fashion-mnist --test-split 0.1 | --test-split: fashion-mnist has a test part of its own (the t10k files), which train tests on; leave out --test-split",
        "--test digits --test-labels y.idx | --test-labels y.idx is for an IDX images file, but --test digits is the built-in digits",
        "--kernels scalar --threads 2     | --threads 2 applies to the SIMD kernels; --kernels scalar always runs on one thread",
        "--activation leaky_relu:NaN      | Invalid value for option '--activation': 'leaky_relu:NaN': leaky ReLU slope must be a finite number, got NaN",
        "--activation leaky_relu:1e-2x    | Invalid value for option '--activation': 'leaky_relu:1e-2x': the leaky_relu slope must be a number, got '1e-2x'",
    })
    void badFlagsAreUsageErrorsOnOneLine(String args, String message) {
        Cli.Run run = Cli.run(("train " + args.trim()).split(" +"));
        assertEquals(2, run.exit(), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertTrue(run.err().startsWith("nnj train: "), run::toString);
        assertTrue(run.err().contains(message), run::toString);
        assertEquals("", run.out(), run::toString);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"leaky_relu:1e-2, 0.01", "leaky_relu:-0.25, -0.25"})
    void theLeakyReluSlopeGivenIsTrainedAndSaved(String activation, float slope) throws IOException {
        Path model = dir.resolve("leaky.safetensors");
        Cli.Run run = Cli.run("train", "--epochs", "1", "-q", "--activation", activation, "--out", model.toString());
        assertEquals(0, run.exit(), run::toString);
        Dense hidden = (Dense) ModelFile.load(model, Kernels.scalar()).network().layers().get(0);
        assertEquals(slope, ((LeakyRelu) hidden.activation()).slope());
    }

    @Test
    void thePresetsCosineScheduleSpansTheEpochsTrained() throws IOException {
        Path csv = dir.resolve("m.csv");
        Cli.Run run = Cli.run("train", "--epochs", "4", "-q", "--metrics", csv.toString());
        assertEquals(0, run.exit(), run::toString);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(5, lines.size(), lines::toString);
        for (int epoch = 0; epoch < 4; epoch++) {
            // torch's CosineAnnealingLR over the 4 epochs from the digits preset's rate, 0.002, to 0.
            double expected = 0.002 * (1 + Math.cos(Math.PI * epoch / 4)) / 2;
            double rate = Double.parseDouble(lines.get(epoch + 1).split(",")[5]);
            assertEquals(expected, rate, expected * 1e-5, "epoch " + (epoch + 1) + ": " + lines);
        }
    }

    @Test
    void thePresetSchedulesDecreaseOverRunsLongerThanTheirDefault() {
        for (Preset preset : List.of(Preset.DIGITS, Preset.FASHION_MNIST)) {
            LearningRateSchedule schedule = preset.schedule(40);
            for (int epoch = 1; epoch < 40; epoch++) {
                assertTrue(schedule.rate(1f, epoch) < schedule.rate(1f, epoch - 1), "epoch " + epoch);
                assertTrue(schedule.rate(1f, epoch) > 0f, "epoch " + epoch);
            }
        }
    }

    @Test
    void aMissingDataFileIsAFailureNamingTheFile() {
        Path missing = dir.resolve("missing.csv");
        Cli.Run run = Cli.run("train", "--data", missing.toString());
        assertEquals(1, run.exit(), run::toString);
        assertEquals("nnj train: " + missing + ": not found\n", run.err(), run::toString);
    }

    @Test
    void aCompressedCsvIsRefusedWithTheRemedy() {
        Cli.Run run = Cli.run("train", "--data", "table.csv.gz");
        assertEquals(1, run.exit(), run::toString);
        assertTrue(run.err().contains("decompress it first (e.g. gunzip -k table.csv.gz)"), run::toString);
    }

    @Test
    void aDirectoryWithoutIdxFilesIsAFailureNamingTheExpectedFile() {
        Cli.Run run = Cli.run("train", "--data", dir.toString());
        assertEquals(1, run.exit(), run::toString);
        assertTrue(run.err().contains(dir.resolve("train-images-idx3-ubyte").toString()), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
    }

    @Test
    void anIdxImagesFileNeedsItsLabels() throws IOException {
        Path images = TestData.idxImages(dir.resolve("images.idx"), 4, 2, 2, 0);
        Cli.Run run = Cli.run("train", "--data", images.toString());
        assertEquals(1, run.exit(), run::toString);
        assertTrue(run.err().contains("--labels FILE"), run::toString);
    }

    @Test
    void aCsvWithATextFeatureIsRefusedWithLineAndColumn() throws IOException {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "a,b,label\n1,2,x\n3,oops,y\n", StandardCharsets.UTF_8);
        Cli.Run run = Cli.run("train", "--data", csv.toString());
        assertEquals(1, run.exit(), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertTrue(run.err().contains(csv + ", line 3, column 2"), run::toString);
        assertTrue(run.err().contains("'oops' is not a number"), run::toString);
    }

    /** A regression target would otherwise become one class per distinct value. */
    @Test
    void aLabelColumnOfFractionalNumbersIsRefused() throws IOException {
        StringBuilder s = new StringBuilder("x,price\n");
        for (int i = 0; i < 40; i++) {
            s.append(i).append(',').append(10 + i * 0.5).append('\n');
        }
        Path csv = Files.writeString(dir.resolve("prices.csv"), s.toString());
        Cli.Run run = Cli.run("train", "--data", csv.toString(), "--epochs", "1");
        assertEquals(2, run.exit(), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertTrue(run.err().contains("the label (the last column) holds numbers such as 10.5, 40 distinct values"),
                run::toString);
        assertTrue(run.err().contains("name the column of class labels with --label"), run::toString);
        assertEquals("", run.out(), run::toString);
    }

    @Test
    void dataOfASingleClassIsRefused() throws IOException {
        Path csv = Files.writeString(dir.resolve("one.csv"), "a,constant,label\n1,7,0\n2,7,1\n3,7,0\n4,7,1\n5,7,0\n");
        Cli.Run run = Cli.run("train", "--data", csv.toString(), "--label", "constant", "--epochs", "1");
        assertEquals(2, run.exit(), run::toString);
        assertEquals("nnj train: --data " + csv + ": every sample has the label '7', but a classifier needs at least two"
                + " classes; name the label column with --label (see 'nnj train --help')\n", run.err());
    }

    /** Ratings in half stars are classes: few distinct values, each seen often. */
    @Test
    void aFewFractionalLabelsStayClasses() throws IOException {
        StringBuilder s = new StringBuilder("x,stars\n");
        for (int i = 0; i < 60; i++) {
            s.append(i).append(',').append(new String[] {"3.5", "4", "4.5"}[i % 3]).append('\n');
        }
        Path csv = Files.writeString(dir.resolve("ratings.csv"), s.toString());
        Cli.Run run = Cli.run("train", "--data", csv.toString(), "--epochs", "1");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("(12 samples)"), run::toString);
    }

    /** Class numbers written as floats, as pandas writes an integer column that had a missing value. */
    @Test
    void wholeNumbersWrittenWithAFractionStayClasses() throws IOException {
        StringBuilder s = new StringBuilder("x,label\n");
        for (int i = 0; i < 40; i++) {
            s.append(i).append(',').append(i < 20 ? "0.0" : "1.0").append('\n');
        }
        Path csv = Files.writeString(dir.resolve("floats.csv"), s.toString());
        Cli.Run run = Cli.run("train", "--data", csv.toString(), "--epochs", "1");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("(8 samples)"), run::toString);
    }

    @Test
    void aTruncatedIdxFileIsRefusedWithItsPosition() throws IOException {
        Path images = TestData.idxImages(dir.resolve("train-images-idx3-ubyte"), 10, 3, 3, 0);
        TestData.idxLabels(dir.resolve("train-labels-idx1-ubyte"), new int[10]);
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        Cli.Run run = Cli.run("train", "--data", dir.toString());
        assertEquals(1, run.exit(), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertTrue(run.err().contains(images.toString()), run::toString);
        assertTrue(run.err().contains("byte"), run::toString);
    }

    @Test
    void trainsOnAnIdxDirectoryAndTestsOnItsTestPart() throws IOException {
        TestData.separableIdx(dir, "train", 200, 1);
        TestData.separableIdx(dir, "t10k", 50, 2);
        Cli.Run run = Cli.run("train", "--data", dir.toString(), "--epochs", "20", "--layers", "8", "--quiet");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("(50 samples)"), run::toString);
        assertTrue(run.number("test accuracy") > 0.9, run::toString);
        assertFalse(run.out().contains("epoch "), "--quiet prints the summary only:\n" + run);
    }

    @Test
    void testsOnSeparateIdxFilesGivenWithTest() throws IOException {
        Path train = Files.createDirectory(dir.resolve("train"));
        Path test = Files.createDirectory(dir.resolve("test"));
        TestData.separableIdx(train, "train", 200, 1);
        TestData.separableIdx(test, "t10k", 30, 2);
        Cli.Run run = Cli.run("train", "--data", train.toString(), "--epochs", "20", "--layers", "8", "-q",
                "--test", test.resolve("t10k-images-idx3-ubyte").toString(),
                "--test-labels", test.resolve("t10k-labels-idx1-ubyte").toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("(30 samples)"), run::toString);
        assertTrue(run.number("test accuracy") > 0.9, run::toString);
    }

    @Test
    void trainsOnACsvWithANamedTextLabel() throws IOException {
        Path csv = TestData.separableCsv(dir.resolve("points.csv"), 300);
        Cli.Run run = Cli.run("train", "--data", csv.toString(), "--label", "kind", "--epochs", "10", "--val-split", "10%");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("val_acc"), run::toString);
        assertTrue(run.number("test accuracy") > 0.9, run::toString);
    }

    /** A .tsv file is split at tabs unless --delimiter says otherwise, in train as in predict. */
    @Test
    void aTestFileThatIsTheDataFileIsRefused() throws IOException {
        Path csv = TestData.separableCsv(dir.resolve("points.csv"), 50);
        Cli.Run run = Cli.run("train", "--data", csv.toString(), "--test", dir.resolve(".").resolve("points.csv").toString());
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("is the --data itself"), run::toString);
    }

    @Test
    void aTsvFileIsReadWithTabsByDefault() throws IOException {
        Path csv = TestData.separableCsv(dir.resolve("points.csv"), 300);
        Path tsv = Files.writeString(dir.resolve("points.tsv"), Files.readString(csv).replace(',', '\t'));
        Path model = dir.resolve("m.safetensors");
        Cli.Run run = Cli.run("train", "--data", tsv.toString(), "--label", "kind", "--epochs", "10", "--out",
                model.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.number("test accuracy") > 0.9, run::toString);
        Cli.Run predict = Cli.run("predict", "--model", model.toString(), "--data", tsv.toString(), "--label", "kind");
        assertEquals(0, predict.exit(), predict::toString);
        assertEquals(301, predict.out().lines().count(), predict::toString);
        Cli.Run commas = Cli.run("train", "--data", tsv.toString(), "--delimiter", ",", "--epochs", "1");
        assertEquals(1, commas.exit(), commas::toString);
        assertTrue(commas.err().contains("header has 1 column when split at ','"), commas::toString);
    }

    @Test
    void writesMetricsAsCsvAndJsonAndPlotsAsPngAndSvg() throws IOException {
        Path csv = dir.resolve("m.csv");
        Path png = dir.resolve("curves.png");
        Cli.Run run = Cli.run("train", "--epochs", "3", "--val-split", "0.1", "--metrics", csv.toString(),
                "--plot", png.toString(), "-q");
        assertEquals(0, run.exit(), run::toString);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("epoch,train_loss,train_accuracy,val_loss,val_accuracy,learning_rate,seconds", lines.get(0));
        assertEquals(4, lines.size());
        assertTrue(lines.get(3).startsWith("3,"), lines::toString);
        byte[] image = Files.readAllBytes(png);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(image, 4));

        Path json = dir.resolve("m.json");
        Path svg = dir.resolve("curves.svg");
        run = Cli.run("train", "--epochs", "2", "--metrics", json.toString(), "--plot", svg.toString(), "-q");
        assertEquals(0, run.exit(), run::toString);
        String text = Files.readString(json);
        assertTrue(text.startsWith("{\"epochs\": ["), text);
        assertTrue(text.contains("\"epoch\": 2, "), text);
        assertTrue(text.contains("\"val_loss\": null"), "no validation set:\n" + text);
        assertTrue(Files.readString(svg).contains("<svg"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(4, files.count(), "no temporary files are left behind");
        }
    }

    @Test
    void resumingACheckpointGivesTheWeightsOfAnUninterruptedRun() throws IOException {
        Path whole = dir.resolve("whole.safetensors");
        Path resumed = dir.resolve("resumed.safetensors");
        Path checkpoints = dir.resolve("ckpt");
        String[] common = {"train", "--layers", "16", "--dropout", "0.1", "--epochs", "4", "--val-split", "0.1", "-q",
            "--optimizer", "momentum", "--lr", "0.03", "--batch", "64", "--lr-schedule", "step:1:0.7"};
        Cli.Run first = Cli.run(concat(common, "--out", whole.toString(), "--checkpoint-dir", checkpoints.toString(),
                "--keep-checkpoints", "4"));
        assertEquals(0, first.exit(), first::toString);
        Path second = checkpoints.resolve("checkpoint-e000002-b000000.safetensors");
        assertTrue(Files.exists(second), () -> "checkpoints: " + list(checkpoints));

        // The optimizer, epochs, batch size, schedule, seed and the validation split come from the checkpoint:
        // resumed with no split, the run would train on the rows it held out.
        String[] resume = {"train", "-q", "--resume", second.toString(), "--out", resumed.toString()};
        Cli.Run run = Cli.run(resume);
        assertEquals(0, run.exit(), run::toString);
        assertEquals(first.number("test accuracy"), run.number("test accuracy"), run::toString);
        assertSameWeights(whole, resumed);
    }

    @Test
    void initStartsFromASavedModelsWeights() throws IOException {
        Path model = dir.resolve("m.safetensors");
        assertEquals(0, Cli.run("train", "--epochs", "8", "-q", "--out", model.toString()).exit());
        Cli.Run run = Cli.run("train", "--epochs", "1", "--lr", "1e-5", "--init", model.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.number("acc") > 0.9, "the first epoch already starts trained:\n" + run);
    }

    @Test
    void inspectingACheckpointSaysToGiveItsDataAgainToResume() throws IOException {
        Path csv = TestData.separableCsv(dir.resolve("points.csv"), 100);
        Path checkpoints = dir.resolve("ckpt");
        assertEquals(0, Cli.run("train", "--data", csv.toString(), "--label", "kind", "--epochs", "1", "-q",
                "--checkpoint-dir", checkpoints.toString()).exit());
        Path checkpoint = checkpoints.resolve("checkpoint-e000001-b000000.safetensors");
        Cli.Run run = Cli.run("inspect", checkpoint.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("; continue with nnj train --resume " + checkpoint + " and the run's --data (with"
                + " --label and --delimiter for a CSV file)\n"), run::toString);
        assertTrue(run.out().contains("data splits: --test-split 0.2, --val-split 0.0\n"), run::toString);
    }

    /** --data defaults to the digits, which a model of other classes was not trained on: say to give its data. */
    @Test
    void continuingAModelOfOtherClassesWithoutDataAsksForIt() throws IOException {
        Path csv = TestData.separableCsv(dir.resolve("points.csv"), 100);
        Path model = dir.resolve("m.safetensors");
        assertEquals(0, Cli.run("train", "--data", csv.toString(), "--label", "kind", "--epochs", "1", "-q", "--out",
                model.toString()).exit());
        Cli.Run run = Cli.run("train", "--epochs", "1", "--init", model.toString());
        assertEquals(2, run.exit(), run::toString);
        assertEquals("nnj train: --init " + model + " was trained on the classes [down, up], not on the built-in"
                + " digits (--data digits, the default): give the data it was trained on with --data (see 'nnj train"
                + " --help')\n", run.err());
    }

    private static void assertSameWeights(Path a, Path b) throws IOException {
        SavedModel x = ModelFile.load(a, Kernels.scalar());
        SavedModel y = ModelFile.load(b, Kernels.scalar());
        List<Parameter> px = x.network().parameters();
        List<Parameter> py = y.network().parameters();
        assertEquals(px.size(), py.size());
        for (int i = 0; i < px.size(); i++) {
            assertArrayEquals(px.get(i).value(), py.get(i).value(), "parameter " + i);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
