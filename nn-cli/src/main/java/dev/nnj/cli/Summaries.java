package dev.nnj.cli;

import dev.nnj.core.train.TrainingOptions;
import dev.nnj.io.Preprocessing;
import dev.nnj.io.TrainingSummary;
import java.util.List;
import java.util.Locale;

/** One-line descriptions of a model's preprocessing and training, for {@code nnj inspect}. */
final class Summaries {

    private Summaries() {
    }

    /** {@code scale, 784 features: offset 0 … 0, scale 0.00392157 … 0.00392157}. */
    static String preprocessing(Preprocessing p) {
        if (p.kind().equals(Preprocessing.NONE)) {
            return "none (" + p.featureCount() + " features used as given)";
        }
        return String.format(Locale.ROOT, "%s, %d features: x' = (x − offset)·scale with offset %s, scale %s",
                p.kind(), p.featureCount(), range(p.offset()), range(p.scale()));
    }

    /**
     * {@code 20 epochs with adam, seed 42, nnj 0.1.0; final weights: training loss 0.2002, accuracy 0.9235, …}:
     * the metrics of the epoch whose weights the model holds (the best one, after early stopping).
     */
    static String training(TrainingSummary t) {
        if (t.epochs() == 0) {
            return "not trained by nnj (optimizer " + t.optimizer() + ")";
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%d epochs with %s, seed %d, nnj %s; final weights:"
                + " training loss %s, accuracy %s", t.epochs(), t.optimizer(), t.seed(), t.libraryVersion(),
                figure(t.trainLoss()), figure(t.trainAccuracy())));
        if (!Double.isNaN(t.validationLoss())) {
            s.append(String.format(Locale.ROOT, ", validation loss %s, accuracy %s",
                    figure(t.validationLoss()), figure(t.validationAccuracy())));
        }
        if (t.bestEpoch() >= 0) {
            s.append("; best validation epoch ").append(t.bestEpoch() + 1);
        }
        return s.toString();
    }

    /** {@code 20 epochs, batch 128, shuffled, seed 42, schedule cosine:20, no early stopping, no clipping}. */
    static String options(TrainingOptions o) {
        return String.format(Locale.ROOT, "%d epochs, batch %d, %s, seed %d, schedule %s, %s, %s", o.epochs(),
                o.batchSize(), o.shuffle() ? "shuffled" : "not shuffled", o.seed(), o.schedule().describe(),
                o.earlyStoppingPatience() > 0 ? "early stopping after " + o.earlyStoppingPatience() : "no early stopping",
                o.clipNorm() > 0 ? "gradient norm clipped to " + o.clipNorm() : "no clipping");
    }

    /** {@code 4: sepal_length, sepal_width, petal_length, petal_width}, the first ten of longer lists. */
    static String names(List<String> names) {
        String shown = String.join(", ", names.size() <= 10 ? names : names.subList(0, 10));
        return names.size() + ": " + shown + (names.size() > 10 ? ", …" : "");
    }

    private static String figure(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** {@code a … b} (minimum and maximum), or one value when all are equal. */
    private static String range(float[] values) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return min == max ? String.format(Locale.ROOT, "%.6g", min) : String.format(Locale.ROOT, "%.6g … %.6g", min, max);
    }
}
