package dev.nnj.cli;

import dev.nnj.core.Matrix;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.io.AtomicFiles;
import dev.nnj.io.IdxFile;
import dev.nnj.io.LabeledData;
import dev.nnj.io.ModelFile;
import dev.nnj.io.SavedModel;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
                    + " of each class (or the outputs of a regression model), to stdout or --out. Inputs are raw"
                    + " features: the model applies the preprocessing it was trained with."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  nnj predict --model fashion.safetensors --data t10k-images-idx3-ubyte.gz --out pred.csv",
            "  nnj predict --model digits.safetensors --data digits | head",
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
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (KernelOptions.Handle handle = kernels.create()) {
            Kernels k = handle.kernels();
            SavedModel saved = ModelFile.load(model, k);
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

    /** An IDX images file alone has no labels; everything else is read as labelled data. */
    private static PredictionInput read(DataSource source, SavedModel saved) throws IOException {
        if (source.kind() == DataSource.Kind.IDX_FILES && source.labels() == null) {
            return PredictionInput.of(IdxFile.read(Path.of(source.source())));
        }
        DataSource.Parts parts = source.read(saved.classNames().isEmpty() ? null : saved.classNames());
        LabeledData samples = parts.test() != null ? parts.test() : parts.train();
        return PredictionInput.of(samples);
    }

    private static void write(SavedModel saved, PredictionInput input, Writer w) throws IOException {
        PredictionCsv csv = new PredictionCsv(saved.classNames(), saved.network().outputSize(), input.hasLabels());
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
