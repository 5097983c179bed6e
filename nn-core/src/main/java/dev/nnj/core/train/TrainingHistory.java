package dev.nnj.core.train;

import java.util.List;

/**
 * The outcome of {@link Trainer#fit}: metrics per epoch, and how training ended.
 *
 * @param epochs       metrics of every completed epoch, including those of earlier runs when resumed; with
 *                     early stopping the network ends on the weights of {@code bestEpoch}, whose metrics
 *                     are that epoch's entry, not the last one
 * @param stoppedEarly true when early stopping ended training (the best weights were restored)
 * @param bestEpoch    the epoch with the lowest validation loss, or −1 without validation
 * @param interrupted  true when {@link Trainer#requestStop()} ended training before the last epoch (the
 *                     network keeps the last weights, even with early stopping, so that the run can resume)
 * @param endedOnBest  true when the network ended on the weights of {@code bestEpoch} rather than on the
 *                     last ones: with early stopping, whether it stopped early or ran every epoch, unless
 *                     interrupted
 */
public record TrainingHistory(List<EpochMetrics> epochs, boolean stoppedEarly, int bestEpoch, boolean interrupted,
                              boolean endedOnBest) {

    public TrainingHistory {
        epochs = List.copyOf(epochs);
        if (endedOnBest && (bestEpoch < 0 || bestEpoch >= epochs.size())) {
            throw new IllegalArgumentException("ended on the best weights, but the best epoch " + bestEpoch
                    + " is not one of the " + epochs.size() + " epochs");
        }
    }

    /** The last completed epoch's metrics, or null if none completed. */
    public EpochMetrics last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }

    /**
     * The metrics of the epoch whose weights the network holds: the best epoch's when it ended on them,
     * else the last one's; null if no epoch completed.
     */
    public EpochMetrics metricsOfFinalWeights() {
        return endedOnBest ? epochs.get(bestEpoch) : last();
    }
}
