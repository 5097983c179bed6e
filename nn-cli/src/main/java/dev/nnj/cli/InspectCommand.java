package dev.nnj.cli;

import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.train.TrainingState;
import dev.nnj.io.Architecture;
import dev.nnj.io.Checkpoint;
import dev.nnj.io.ModelFile;
import dev.nnj.io.SafetensorsFile;
import dev.nnj.io.SavedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nnj inspect}: what a model or checkpoint file holds, without running it. */
@Command(name = "inspect", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Describe a model or checkpoint file.",
            "Shows the architecture, the parameters per layer, the classes, the preprocessing, how the model was"
                    + " trained, and the file's metadata keys."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  nnj inspect fashion.safetensors",
            "  nnj inspect ckpt/checkpoint-e000012-b000000.safetensors"})
public final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model or checkpoint file (.safetensors).")
    Path file;

    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() throws Exception {
        // Inspecting computes nothing, so the scalar kernels do: no threads are started for it.
        try (Kernels kernels = Kernels.scalar()) {
            SavedModel model = ModelFile.load(InputFiles.notDirectory(file, "a model or checkpoint file (.safetensors)"),
                    kernels);
            Map<String, String> metadata = SafetensorsFile.read(file).metadata();
            Checkpoint.Loaded checkpoint = metadata.containsKey("checkpoint") ? Checkpoint.load(file, kernels) : null;
            print(spec.commandLine().getOut(), model, metadata, checkpoint);
        }
        return 0;
    }

    private void print(PrintWriter out, SavedModel model, Map<String, String> metadata, Checkpoint.Loaded checkpoint)
            throws IOException {
        out.printf(Locale.ROOT, "%s: nnj %s, format version %s, %s%n", file, checkpoint == null ? "model" : "checkpoint",
                metadata.getOrDefault("format_version", "?"), size(Files.size(file)));
        Architecture a = Architecture.of(model.network());
        out.printf(Locale.ROOT, "%ninputs %d, loss %s%n", a.inputs(), a.loss());
        out.printf(Locale.ROOT, "%-6s %-12s %-12s %12s%n", "index", "module", "shape", "parameters");
        long total = 0;
        for (int i = 0; i < a.modules().size(); i++) {
            Architecture.Entry m = a.modules().get(i);
            if (m.type().equals("dense")) {
                long params = (long) m.outFeatures() * m.inFeatures() + m.outFeatures();
                total += params;
                out.printf(Locale.ROOT, "%-6d %-12s %-12s %,12d%n", i, "dense", m.outFeatures() + "×" + m.inFeatures(), params);
            } else {
                String detail = m.type().equals("dropout") ? "p=" + m.parameter()
                        : m.type().equals("leaky_relu") ? "slope=" + m.parameter() : "";
                out.printf(Locale.ROOT, "%-6d %-12s %-12s %12s%n", i, m.type(), detail, "");
            }
        }
        out.printf(Locale.ROOT, "%-32s %,12d%n", "total", total);

        out.printf(Locale.ROOT, "%nclasses (%d): %s%n", model.classNames().size(),
                model.classNames().isEmpty() ? "none (regression)" : String.join(", ", model.classNames()));
        out.printf(Locale.ROOT, "features: %s%n", model.featureNames().isEmpty() ? "unnamed"
                : Summaries.names(model.featureNames()));
        out.printf(Locale.ROOT, "preprocessing: %s%n", Summaries.preprocessing(model.preprocessing()));
        out.printf(Locale.ROOT, "training: %s%n", Summaries.training(model.training()));
        if (checkpoint != null) {
            TrainingState state = checkpoint.state();
            // The checkpoint records the splits but not the data, and --data defaults to the digits: say to give it.
            out.printf(Locale.ROOT, "checkpoint: %d epochs and %d batches trained, optimizer %s after %d steps;"
                    + " continue with nnj train --resume %s and the run's --data (with --label and --delimiter for"
                    + " a CSV file)%n",
                    state.epoch(), state.batch(), state.optimizer().optimizer(), state.optimizer().steps(), file);
            if (checkpoint.options() != null) {
                out.printf(Locale.ROOT, "run options: %s%n", Summaries.options(checkpoint.options()));
            }
            Map<String, String> notes = checkpoint.notes();
            if (notes.containsKey(DataSplitNotes.TEST_SPLIT)) {
                out.printf(Locale.ROOT, "data splits: --test-split %s, --val-split %s%n",
                        notes.get(DataSplitNotes.TEST_SPLIT), notes.get(DataSplitNotes.VALIDATION_SPLIT));
            }
        }
        out.printf(Locale.ROOT, "metadata keys: %s%n", String.join(", ", metadata.keySet()));
        out.flush();
    }

    private static String size(long bytes) {
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
