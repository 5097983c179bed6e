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
 */
public record TrainingHistory(List<EpochMetrics> epochs, boolean stoppedEarly, int bestEpoch, boolean interrupted) {

    /** The last completed epoch's metrics, or null if none completed. */
    public EpochMetrics last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }
}
