package dev.nnj.core.train;

/**
 * Receives progress from a {@link Trainer}. Called on the training thread; keep it quick.
 * {@link #onBatch} takes primitives so that reporting progress allocates nothing per step.
 *
 * <p>An exception thrown by a listener ends {@code fit} and reaches its caller. The update of the batch
 * (or epoch) being reported has been applied: {@link Trainer#state()} then describes the run after it, so
 * the run can be saved and resumed from there. To end training cleanly, call {@link Trainer#requestStop()}.
 */
public interface TrainingListener {

    /**
     * After each minibatch update.
     *
     * @param epoch       0-based epoch
     * @param batch       0-based batch within the epoch; {@code batches} in all
     * @param samples     samples seen so far in this epoch
     * @param runningLoss mean training loss over this epoch's batches so far
     */
    default void onBatch(int epoch, int batch, int batches, int samples, double runningLoss) {
    }

    /** After each epoch, with its metrics. */
    default void onEpoch(EpochMetrics metrics) {
    }
}
