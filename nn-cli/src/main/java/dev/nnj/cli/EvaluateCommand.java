package dev.nnj.cli;

import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.metrics.ConfusionMatrix;
import dev.nnj.core.train.Evaluation;
import dev.nnj.io.LabeledData;
import dev.nnj.io.LabeledDataset;
import dev.nnj.io.ModelFile;
import dev.nnj.io.SavedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nnj evaluate}: a model's loss, accuracy, per-class scores and confusion matrix on labelled data. */
@Command(name = "evaluate", sortOptions = false, mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = {"Evaluate a saved model on labelled data.",
            "Prints the loss, the accuracy, per-class precision, recall and F1, and the confusion matrix (rows:"
                    + " true class, columns: predicted class). A data directory or fashion-mnist is evaluated on its"
                    + " test part (the t10k files); other data whole, or with --test-split on the part nnj train held"
                    + " out.",
            "A regression model (no classes, built with the library) is scored on a CSV file of its features and"
                    + " targets (the last columns, or --label for one): RMSE, MAE and R² of each output."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  nnj evaluate --model fashion.safetensors --data fashion-mnist",
            "  nnj evaluate --model iris.safetensors --data iris-test.csv --label species --json",
            "  nnj evaluate --model iris.safetensors --data iris.csv --label species --test-split 0.2"})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "The model file (.safetensors).")
    Path model;

    @Mixin
    DataOptions data;

    @Option(names = "--test-split", paramLabel = "FRACTION", converter = Converters.Fraction.class,
            description = "Evaluate only the samples that nnj train --test-split FRACTION held out of data without a"
                    + " test part (CSV, digits), e.g. 0.2 (train's default), drawn with the seed the model was"
                    + " trained with. Without it such data is evaluated whole, training samples included.")
    Double testSplit;

    @Option(names = "--json", description = "Print the results as JSON instead of tables.")
    boolean json;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1024", description = "Samples per forward pass. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Mixin
    KernelOptions kernels;

    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() throws Exception {
        DataSource source;
        try {
            source = data.toSource(null);
            if (batch < 1) {
                throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (KernelOptions.Handle handle = kernels.create()) {
            Kernels k = handle.kernels();
            SavedModel saved = ModelFile.load(InputFiles.notDirectory(model, "a model file (.safetensors)"), k);
            if (saved.classNames().isEmpty()) {
                evaluateRegression(saved, source);
                return 0;
            }
            DataSource.Parts parts = source.read(saved.classNames());
            LabeledData samples = parts.test() != null ? parts.test() : parts.train();
            if (samples.featureCount() != saved.network().inputSize()) {
                throw new IllegalArgumentException(source.source() + " has " + samples.featureCount()
                        + " features per sample, but " + model + " expects " + saved.network().inputSize());
            }
            saved.requireFeatureNames(samples.featureNames(), source.source());
            LabeledDataset dataset = LabeledDataset.of(samples, saved.preprocessing());
            String description = parts.description();
            if (testSplit != null) {
                dataset = heldOut(parts, saved);
                description += String.format(Locale.ROOT, " (the --test-split %s held out with seed %d)",
                        BigDecimal.valueOf(testSplit).stripTrailingZeros().toPlainString(), saved.training().seed());
            }
            Evaluation result = Evaluation.of(saved.network(), dataset, batch);
            ConfusionMatrix matrix = ConfusionMatrix.of(saved.classNames().size(), result.predicted(), result.actual());
            print(spec.commandLine().getOut(), description, dataset.size(), result, matrix, saved);
        }
        return 0;
    }

    /** A model without classes: its outputs against the target columns of a CSV file. */
    private void evaluateRegression(SavedModel saved, DataSource source) throws IOException {
        if (source.kind() != DataSource.Kind.CSV) {
            throw new UsageException(model + " is a regression model, evaluated on a CSV file of its features and"
                    + " targets; --data " + source.source() + " is not one");
        }
        if (testSplit != null) {
            throw new UsageException("--test-split applies to classifiers trained by nnj train, and " + model
                    + " is a regression model");
        }
        RegressionEvaluation result = RegressionEvaluation.of(saved, Path.of(source.source()), source.delimiter(),
                source.labelColumn());
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? result.json(model.toString(), source.source()) + "\n" : result.table(model.toString(),
                source.source()));
        out.flush();
    }

    /**
     * The samples that training held out for its test, drawn as {@link TrainingData} draws them: the split
     * depends only on the number of samples, the fraction and the run's seed, which the model records.
     */
    private LabeledDataset heldOut(DataSource.Parts parts, SavedModel saved) {
        if (parts.test() != null) {
            throw new UsageException("--test-split: " + parts.description() + " has a test part of its own, which"
                    + " evaluate reads; leave out --test-split");
        }
        if (saved.training().epochs() == 0) {
            throw new UsageException("--test-split: " + model + " was not trained by nnj train, so it records no"
                    + " seed to draw the held-out samples with");
        }
        int[] rows = TrainingData.testSplit(testSplit, parts.train().size(), saved.training().seed()).validation();
        return new LabeledDataset(parts.train(), rows, saved.preprocessing());
    }

    private void print(PrintWriter out, String description, int samples, Evaluation result, ConfusionMatrix matrix,
                       SavedModel saved) {
        if (json) {
            out.println(EvaluationJson.of(model.toString(), description, result, matrix, saved.classNames()));
        } else {
            out.printf(Locale.ROOT, "model %s on %s: %d samples%n", model, description, samples);
            out.printf(Locale.ROOT, "loss %.4f, accuracy %.4f%n%n", result.loss(), result.accuracy());
            out.print(matrix.toTable(saved.classNames().toArray(String[]::new)));
        }
        out.flush();
    }
}
