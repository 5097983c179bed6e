package dev.nnj.cli;

import static dev.nnj.cli.DistinctFiles.named;

import dev.nnj.core.Matrix;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.io.AtomicFiles;
import dev.nnj.io.CsvReader;
import dev.nnj.io.IdxFile;
import dev.nnj.io.LabeledData;
import dev.nnj.io.ModelFile;
import dev.nnj.io.SavedModel;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nnj predict}: a model's predictions for every input row, as CSV. */
@Command(name = "predict", sortOptions = false, mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = {"Predict with a saved model, as CSV.",
            "One row per sample: the predicted class, the true label when the data has one, and the probability"
                    + " of each class (p_<class>; score_<class> when the output activation is neither softmax nor"
                    + " sigmoid), or the outputs of a regression model, to stdout or --out. Inputs are raw"
                    + " features: the model applies the preprocessing it was trained with.",
            "A CSV file holds either the model's features only, in the order it was trained on, or these and a"
                    + " label column (--label, default the last), which is copied to the output. A model trained on"
                    + " a CSV file knows its feature columns' names and refuses other names or another order."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  nnj predict --model fashion.safetensors --data t10k-images-idx3-ubyte.gz --out pred.csv",
            "  nnj predict --model digits.safetensors --data digits | head",
            "  nnj predict --model iris.safetensors --data iris-new.csv",
            "  nnj predict --model iris.safetensors --data iris.csv --label species"})
public final class PredictCommand implements Callable<Integer> {

    /** Rows per forward pass: bounds memory whatever the input size. */
    static final int CHUNK = 1024;

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "The model file (.safetensors).")
    Path model;

    @Mixin
    DataOptions data;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the CSV to FILE instead of stdout.")
    Path out;

    @Mixin
    KernelOptions kernels;

    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() throws Exception {
        DataSource source;
        try {
            source = data.toSource(null);
            DistinctFiles.check(List.of(named("--model", model), named("--data", DistinctFiles.dataFile(source.source())),
                    named("--labels", source.labels())), List.of(named("--out", out)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (KernelOptions.Handle handle = kernels.create()) {
            Kernels k = handle.kernels();
            SavedModel saved = ModelFile.load(InputFiles.notDirectory(model, "a model file (.safetensors)"), k);
            PredictionInput input = read(source, saved);
            if (input.featureCount() != saved.network().inputSize()) {
                throw new IllegalArgumentException(source.source() + " has " + input.featureCount()
                        + " features per sample, but " + model + " expects " + saved.network().inputSize());
            }
            if (out == null) {
                write(saved, input, spec.commandLine().getOut());
            } else {
                AtomicFiles.write(out, stream -> {
                    Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                    write(saved, input, w);
                });
            }
        }
        return 0;
    }

    /**
     * An IDX images file alone has no labels, nor has a CSV file with one column per model input; everything
     * else is read as labelled data.
     */
    private PredictionInput read(DataSource source, SavedModel saved) throws IOException {
        if (source.kind() == DataSource.Kind.IDX_FILES && source.labels() == null) {
            return PredictionInput.of(IdxFile.read(Path.of(source.source())));
        }
        if (source.kind() == DataSource.Kind.CSV && !hasLabelColumn(source, saved.network().inputSize())) {
            CsvReader.Features features = CsvReader.readFeatures(Path.of(source.source()), source.delimiter());
            saved.requireFeatureNames(features.columns(), source.source());
            return PredictionInput.ofFeatures(features.values(), features.columns().size());
        }
        DataSource.Parts parts = source.read(saved.classNames().isEmpty() ? null : saved.classNames());
        LabeledData samples = parts.test() != null ? parts.test() : parts.train();
        saved.requireFeatureNames(samples.featureNames(), source.source());
        return PredictionInput.of(samples);
    }

    /**
     * Whether the CSV file has a label column besides the model's inputs, told by its width (a model trained
     * on images or arrays has no feature names to match the header against); the names, when the model has
     * them, are checked after.
     */
    private boolean hasLabelColumn(DataSource source, int inputs) throws IOException {
        Path file = Path.of(source.source());
        int columns = CsvReader.header(file, source.delimiter()).size();
        if (columns == inputs + 1) {
            return true;
        }
        if (columns != inputs) {
            throw new IllegalArgumentException(file + " has " + columns + " columns, but " + model + " takes " + inputs
                    + " features: expected " + inputs + " feature columns, or " + (inputs + 1) + " with a label column");
        }
        if (source.labelColumn() != null) {
            throw new IllegalArgumentException("--label " + source.labelColumn() + ": " + file + " has " + columns
                    + " columns, one per input of " + model + ", so none is a label; leave out --label");
        }
        return false;
    }

    private static void write(SavedModel saved, PredictionInput input, Writer w) throws IOException {
        PredictionCsv csv = PredictionCsv.of(saved, input.hasLabels());
        w.write(csv.header());
        int f = input.featureCount();
        for (int from = 0; from < input.size(); from += CHUNK) {
            int rows = Math.min(CHUNK, input.size() - from);
            Matrix raw = new Matrix(rows, f);
            input.copyRows(from, rows, raw.data());
            Matrix outputs = saved.predict(raw);
            for (int r = 0; r < rows; r++) {
                w.write(csv.row(from + r, outputs, r, input.label(from + r)));
            }
        }
        w.flush();
    }
}
