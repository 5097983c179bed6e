package dev.nnj.cli;

import dev.nnj.core.train.EpochMetrics;
import dev.nnj.core.train.Evaluation;
import dev.nnj.core.train.TrainingHistory;
import java.util.Locale;

/**
 * What a training run achieved, for the final summary line and for tests.
 *
 * @param test    the evaluation on the test set, or null without one
 * @param seconds wall time of the training loop (validation included, data loading excluded)
 */
record TrainingResult(TrainingHistory history, Evaluation test, double seconds, String kernels, int threads) {

    /**
     * Test accuracy, else the validation accuracy, else the training accuracy (NaN if none), of the epoch
     * whose weights the network ended on.
     */
    double accuracy() {
        if (test != null) {
            return test.accuracy();
        }
        EpochMetrics end = history.metricsOfFinalWeights();
        if (end == null) {
            return Double.NaN;
        }
        return end.hasValidation() ? end.validationAccuracy() : end.trainAccuracy();
    }

    /** {@code test accuracy 0.9722, loss 0.0951 (360 samples); 40 epochs in 2.3 s, simd kernels, 2 threads}. */
    String summary() {
        StringBuilder s = new StringBuilder();
        EpochMetrics end = history.metricsOfFinalWeights();
        if (test != null) {
            s.append(String.format(Locale.ROOT, "test accuracy %.4f, loss %.4f (%d samples)",
                    test.accuracy(), test.loss(), test.predicted().length));
        } else if (end != null && end.hasValidation()) {
            s.append(String.format(Locale.ROOT, "validation accuracy %.4f, loss %.4f", end.validationAccuracy(), end.validationLoss()));
        } else if (end != null) {
            s.append(String.format(Locale.ROOT, "training accuracy %.4f, loss %.4f", end.trainAccuracy(), end.trainLoss()));
        } else {
            s.append("no epoch completed");
        }
        int epochs = history.epochs().size();
        s.append(String.format(Locale.ROOT, "; %d epoch%s in %.1f s, %s kernels, %d thread%s", epochs,
                epochs == 1 ? "" : "s", seconds, kernels, threads, threads == 1 ? "" : "s"));
        if (history.stoppedEarly()) {
            s.append(String.format(Locale.ROOT, "; stopped early, weights of epoch %d restored", history.bestEpoch() + 1));
        } else if (history.endedOnBest() && history.bestEpoch() != epochs - 1) {
            s.append(String.format(Locale.ROOT, "; weights of the best epoch, %d, restored", history.bestEpoch() + 1));
        }
        if (history.interrupted()) {
            s.append("; interrupted");
        }
        return s.toString();
    }
}
