package dev.nnj.cli;

import static dev.nnj.cli.DistinctFiles.named;

import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.optim.Optimizers;
import dev.nnj.core.train.LearningRateSchedule;
import dev.nnj.core.train.TrainingOptions;
import dev.nnj.io.AtomicFiles;
import dev.nnj.io.CheckpointDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code nnj train}: options → {@link TrainConfig} → {@link TrainingRun}. */
@Command(name = "train", sortOptions = false, mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = {"Train a network on a data set and report its test accuracy.",
            "Without options: a 64-128-10 network on the built-in digits, in a few seconds."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  nnj train",
            "  nnj train --data fashion-mnist --out fashion.safetensors --plot curves.png",
            "  nnj train --data iris.csv --label species --val-split 0.2 --early-stopping 5",
            "  nnj train --data fashion-mnist --layers 512,256 --optimizer adamw --lr 2e-3 \\",
            "            --lr-schedule step:5:0.5 --epochs 30 --checkpoint-dir ckpt --metrics metrics.csv",
            "  nnj train --data fashion-mnist --resume ckpt/checkpoint-e000012-b000000.safetensors",
            "",
            "Data without a test part (CSV, digits) holds out --test-split of its samples for the test.",
            "Ctrl-C with --checkpoint-dir saves a checkpoint before exiting."})
public final class TrainCommand implements Callable<Integer> {

    /**
     * Options a checkpoint fixes (TrainingSetup takes them from it): given with --resume they would be
     * silently replaced. --epochs stays allowed, to extend the run.
     */
    private static final List<String> FIXED_BY_CHECKPOINT = List.of("--optimizer", "--lr", "--momentum",
            "--weight-decay", "--lr-schedule", "--batch", "--seed", "--no-shuffle", "--early-stopping", "--clip-norm",
            "--test-split", "--val-split");

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--test", paramLabel = "SOURCE",
            description = "Test data, read like --data (default: the source's test part, else --test-split).")
    String test;

    @Option(names = "--test-labels", paramLabel = "FILE", description = "The IDX labels file of --test.")
    Path testLabels;

    @Option(names = "--test-split", paramLabel = "FRACTION", converter = Converters.Fraction.class,
            description = "Held-out test fraction when there is no test data (default 0.2; 0 for none).")
    Double testSplit;

    @Option(names = "--val-split", paramLabel = "FRACTION", converter = Converters.Fraction.class, defaultValue = "0",
            description = "Fraction of the training samples kept for validation after each epoch, e.g. 0.1 or 10%%.")
    double validationSplit;

    @Option(names = "--preprocess", paramLabel = "KIND",
            description = "none, scale (to 0..1) or standardize (default: the preset's, else scale for images and"
                    + " standardize otherwise).")
    String preprocessing;

    @Mixin
    NetworkOptions network;

    @Mixin
    OptimizerOptions optimizer;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training data. Default: 20.")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", description = "Samples per minibatch. Default: 32 (128 for fashion-mnist).")
    Integer batch;

    @Option(names = "--early-stopping", paramLabel = "N", defaultValue = "0",
            description = "Stop after N epochs without a lower validation loss, keeping the best weights (needs --val-split).")
    int earlyStopping;

    @Option(names = "--clip-norm", paramLabel = "MAX", defaultValue = "0",
            description = "Scale gradients down to this global L2 norm; 0 (default) disables clipping.")
    float clipNorm;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of every random choice; the same seed gives the same weights. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--no-shuffle", description = "Keep the sample order instead of shuffling every epoch.")
    boolean noShuffle;

    @Mixin
    KernelOptions kernels;

    @Option(names = "--init", paramLabel = "MODEL", description = "Start from the weights of a saved model (same architecture).")
    Path init;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Save a checkpoint after every epoch, and on Ctrl-C, into DIR.")
    Path checkpointDir;

    @Option(names = "--keep-checkpoints", paramLabel = "N", defaultValue = "3",
            description = "Checkpoints kept in --checkpoint-dir, newest first. Default: ${DEFAULT-VALUE}.")
    int keepCheckpoints;

    @Option(names = "--resume", paramLabel = "CHECKPOINT",
            description = "Continue the run saved in CHECKPOINT with its optimizer, training options and data"
                    + " splits, which cannot be given again (--epochs may extend the run); give its --data again"
                    + " (with --label and --delimiter for a CSV file).")
    Path resume;

    @Option(names = {"-o", "--out"}, paramLabel = "MODEL", description = "Save the trained model (.safetensors).")
    Path out;

    @Option(names = "--metrics", paramLabel = "FILE", description = "Write per-epoch metrics as CSV, or JSON if FILE ends in .json.")
    Path metrics;

    @Option(names = "--plot", paramLabel = "FILE", description = "Plot the training curves to a .png or .svg file.")
    Path plot;

    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() throws Exception {
        TrainConfig config = config();
        Nnj root = (Nnj) spec.root().userObject();
        try (KernelOptions.Handle handle = kernels.create()) {
            Kernels k = handle.kernels();
            ResumeCommand resumeCommand = ResumeCommand.of(spec.commandLine().getParseResult(), FIXED_BY_CHECKPOINT);
            new TrainingRun(config, k, spec.commandLine().getOut(), ProgressDisplay.detect(root.quiet()), resumeCommand)
                    .run();
        }
        return 0;
    }

    /** The options with the preset filled in, checked as far as possible before any data is read. */
    TrainConfig config() {
        try {
            DataSource source = data.toSource(DataSource.DIGITS);
            Preset preset = Preset.forSource(source.source());
            if ((init != null || resume != null) && network.anyGiven()) {
                throw new IllegalArgumentException("--layers, --activation, --dropout, --output-activation and --loss cannot"
                        + " be combined with --init or --resume: the architecture comes from the model");
            }
            if (init != null && resume != null) {
                throw new IllegalArgumentException("--init and --resume exclude each other: --resume continues a run,"
                        + " --init starts a new one from a model's weights");
            }
            if ((init != null || resume != null) && preprocessing != null) {
                throw new IllegalArgumentException("--preprocess cannot be combined with --init or --resume: the"
                        + " preprocessing comes from the model");
            }
            if (resume != null) {
                rejectOptionsFixedByCheckpoint();
            }
            String optimizerId = or(optimizer.optimizer, preset.optimizer());
            // The preset's learning rate is tuned for its optimizer; another optimizer starts from its own default.
            float lr = optimizer.learningRate != null ? optimizer.learningRate
                    : optimizer.optimizer == null ? preset.learningRate() : Optimizers.defaultLearningRate(optimizerId);
            List<Integer> layers = network.layers != null ? layers(network.layers) : preset.layers();
            float dropout = or(network.dropout, preset.dropout());
            if (!(dropout >= 0f && dropout < 1f)) {
                throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
            }
            // Dropout follows each hidden layer: without one it would be dropped silently.
            if (layers.isEmpty() && network.dropout != null && dropout > 0) {
                throw new IllegalArgumentException("--dropout " + dropout + " applies after hidden layers, and --layers 0"
                        + " has none");
            }
            if (earlyStopping > 0 && validationSplit == 0) {
                throw new IllegalArgumentException("--early-stopping needs validation data: add --val-split, e.g. --val-split 0.1");
            }
            if (keepCheckpoints < 1) {
                throw new IllegalArgumentException("--keep-checkpoints must be >= 1, got " + keepCheckpoints);
            }
            String prep = or(preprocessing, preset.preprocessing());
            if (prep != null && !List.of("none", "scale", "standardize").contains(prep)) {
                throw new IllegalArgumentException("--preprocess must be none, scale or standardize, got '" + preprocessing + "'");
            }
            TrainingOptions training = new TrainingOptions(or(epochs, preset.epochs()), or(batch, preset.batchSize()),
                    !noShuffle, seed, LearningRateSchedule.constant(), earlyStopping, clipNorm);
            // The preset's cosine spans this run's epochs, which TrainingOptions has now checked to be >= 1.
            training = training.withSchedule(or(optimizer.schedule, preset.schedule(training.epochs())));
            // Either would be ignored: the test data is --test, or the test part that the data set ships with.
            if (testSplit != null && testSplit > 0 && test != null) {
                throw new IllegalArgumentException("--test-split holds out part of --data for the test, but --test "
                        + test + " is the test data; give one of them");
            }
            if (testSplit != null && testSplit > 0 && DataSource.FASHION_MNIST.equals(source.source())) {
                throw new IllegalArgumentException("--test-split: fashion-mnist has a test part of its own (the t10k"
                        + " files), which train tests on; leave out --test-split");
            }
            if (testLabels != null && test == null) {
                throw new IllegalArgumentException("--test-labels needs --test: it names the labels file of the --test"
                        + " images");
            }
            DataSource testSource = test == null ? null
                    : new DataSource(test, testLabels, data.labelColumn, DataOptions.delimiter(data.delimiter, test));
            if (testLabels != null) {
                DataOptions.checkLabelsFile(testSource, "--test-labels", "--test");
            }
            TrainConfig config = new TrainConfig(source, testSource, or(testSplit, preset.testSplit()),
                    validationSplit, prep, layers, or(network.activation, preset.activation()), dropout,
                    network.outputActivation, network.loss, optimizerId, lr, optimizer.momentum, optimizer.weightDecay,
                    training, epochs, init, checkpointDir, keepCheckpoints, resume, out, metrics, plot);
            TrainingSetup.optimizer(config.optimizer(), config); // validates the learning rate, momentum and weight decay
            if (plot != null) {
                CurvePlot.of(plot);
            }
            checkOutputs();
            return config;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), ErrorHandler.describe(e), e);
        }
    }

    private void rejectOptionsFixedByCheckpoint() {
        ParseResult parsed = spec.commandLine().getParseResult();
        List<String> given = FIXED_BY_CHECKPOINT.stream().filter(parsed::hasMatchedOption).toList();
        if (!given.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", given) + " cannot be combined with --resume: the run"
                    + " continues with the optimizer, training options and data splits saved in the checkpoint (--epochs"
                    + " may extend it)");
        }
    }

    /**
     * Every file the run will write can be written, and none of them is an input or another output, so that
     * a bad path fails now rather than after training.
     */
    private void checkOutputs() throws IOException {
        if (resume != null && !Files.isRegularFile(resume)) {
            throw new NoSuchFileException(resume.toString(), null, "no such checkpoint file (--resume)");
        }
        if (test != null && sameData(source(), test)) {
            throw new IllegalArgumentException("--test " + test + " is the --data itself: a test on the training samples"
                    + " says nothing about new data; leave out --test to hold out --test-split of it");
        }
        DistinctFiles.check(List.of(named("--data", DistinctFiles.dataFile(data.source)), named("--labels", data.labels),
                        named("--test", DistinctFiles.dataFile(test)), named("--test-labels", testLabels),
                        named("--init", init), named("--resume", resume)),
                List.of(named("--out", out), named("--metrics", metrics), named("--plot", plot)));
        for (Path file : new Path[] {out, metrics, plot}) {
            if (file != null) {
                AtomicFiles.checkWritable(file);
            }
        }
        if (checkpointDir != null) {
            new CheckpointDirectory(checkpointDir, TrainingRun.CHECKPOINT_PREFIX, keepCheckpoints).checkCanStart(resume);
        }
    }

    /** The --data value, or train's default data set. */
    private String source() {
        return data.source != null ? data.source : DataSource.DIGITS;
    }

    /** Whether two --data values name the same data: the same built-in set, or the same file. */
    private static boolean sameData(String a, String b) throws IOException {
        Path fileA = DistinctFiles.dataFile(a);
        Path fileB = DistinctFiles.dataFile(b);
        return fileA == null || fileB == null ? a.equals(b) : DistinctFiles.same(fileA, fileB);
    }

    /** {@code --layers 256,128}: comma-separated positive widths, or just 0 for no hidden layer. */
    private static List<Integer> layers(String text) {
        List<Integer> widths = new ArrayList<>();
        for (String width : text.split(",", -1)) {
            try {
                widths.add(Integer.parseInt(width.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--layers must be comma-separated widths such as 256,128 (or 0 for no"
                        + " hidden layer), got '" + text + "'");
            }
        }
        if (widths.equals(List.of(0))) {
            return List.of();
        }
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("--layers widths must be >= 1 (or just 0 for no hidden layer), got '"
                        + text + "'");
            }
        }
        return List.copyOf(widths);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
