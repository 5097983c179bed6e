package dev.nnj.cli;

import dev.nnj.core.train.EpochMetrics;
import dev.nnj.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The per-epoch metrics file of {@code --metrics}: JSON when the name ends in {@code .json}, CSV
 * otherwise. The whole file is rewritten atomically after every epoch, so it can be watched during
 * training and is never seen half-written. Values that do not apply (accuracy for regression, validation
 * without a validation set) are empty in CSV and null in JSON.
 */
final class MetricsFile {

    private static final String[] COLUMNS = {
        "epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy", "learning_rate", "seconds"
    };

    private final Path file;
    private final boolean json;

    MetricsFile(Path file) {
        this.file = file;
        this.json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    void write(List<EpochMetrics> epochs) throws IOException {
        String text = json ? json(epochs) : csv(epochs);
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(text);
            w.flush();
        });
    }

    static String csv(List<EpochMetrics> epochs) {
        StringBuilder s = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (EpochMetrics m : epochs) {
            Object[] values = values(m);
            for (int i = 0; i < values.length; i++) {
                s.append(i == 0 ? "" : ",").append(values[i] == null ? "" : values[i]);
            }
            s.append('\n');
        }
        return s.toString();
    }

    static String json(List<EpochMetrics> epochs) {
        StringBuilder s = new StringBuilder("{\"epochs\": [");
        for (int e = 0; e < epochs.size(); e++) {
            Object[] values = values(epochs.get(e));
            s.append(e == 0 ? "\n  {" : ",\n  {");
            for (int i = 0; i < values.length; i++) {
                s.append(i == 0 ? "" : ", ").append('"').append(COLUMNS[i]).append("\": ")
                        .append(values[i] == null ? "null" : values[i]);
            }
            s.append('}');
        }
        return s.append(epochs.isEmpty() ? "]}\n" : "\n]}\n").toString();
    }

    /** One row: the epoch counted from 1, then the figures, null where not applicable. */
    private static Object[] values(EpochMetrics m) {
        return new Object[] {
            m.epoch() + 1, number(m.trainLoss()), number(m.trainAccuracy()),
            number(m.validationLoss()), number(m.validationAccuracy()),
            number(m.learningRate()), String.format(Locale.ROOT, "%.3f", m.seconds())
        };
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : null;
    }
}
