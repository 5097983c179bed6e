package dev.nnj.core.train;

/**
 * How a {@link Trainer} runs: immutable, validated on construction.
 *
 * @param epochs                passes over the training data
 * @param batchSize             samples per minibatch (the last, partial batch is trained too)
 * @param shuffle               draw a fresh permutation of the training data every epoch
 * @param seed                  seed of the shuffling generator
 * @param schedule              learning rate per epoch, scaled from the optimizer's rate
 * @param earlyStoppingPatience stop after this many epochs without a lower validation loss; 0 disables
 *                              early stopping. When it is on, {@code fit} returns with the weights of the
 *                              epoch of lowest validation loss, whether early stopping or the last epoch
 *                              ended the run (Keras's {@code restore_best_weights=True}), but not after
 *                              {@link Trainer#requestStop()}, which leaves the last weights to resume from
 * @param clipNorm              rescale gradients whose global L2 norm exceeds this; 0 disables clipping
 */
public record TrainingOptions(int epochs, int batchSize, boolean shuffle, long seed,
                              LearningRateSchedule schedule, int earlyStoppingPatience, float clipNorm) {

    public TrainingOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (earlyStoppingPatience < 0) {
            throw new IllegalArgumentException("early-stopping patience must be >= 0, got " + earlyStoppingPatience);
        }
        if (!(clipNorm >= 0f) || Float.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("gradient clip norm must be >= 0 and finite (0 disables it), got " + clipNorm);
        }
        if (schedule == null) {
            throw new IllegalArgumentException("learning-rate schedule must not be null; use LearningRateSchedule.constant()");
        }
    }

    /** 10 epochs of batch 32, shuffled with seed 0, constant learning rate, no early stopping or clipping. */
    public static TrainingOptions defaults() {
        return new TrainingOptions(10, 32, true, 0L, LearningRateSchedule.constant(), 0, 0f);
    }

    public TrainingOptions withEpochs(int epochs) {
        return new TrainingOptions(epochs, batchSize, shuffle, seed, schedule, earlyStoppingPatience, clipNorm);
    }

    public TrainingOptions withBatchSize(int batchSize) {
        return new TrainingOptions(epochs, batchSize, shuffle, seed, schedule, earlyStoppingPatience, clipNorm);
    }

    public TrainingOptions withShuffle(boolean shuffle, long seed) {
        return new TrainingOptions(epochs, batchSize, shuffle, seed, schedule, earlyStoppingPatience, clipNorm);
    }

    public TrainingOptions withSchedule(LearningRateSchedule schedule) {
        return new TrainingOptions(epochs, batchSize, shuffle, seed, schedule, earlyStoppingPatience, clipNorm);
    }

    public TrainingOptions withEarlyStopping(int patience) {
        return new TrainingOptions(epochs, batchSize, shuffle, seed, schedule, patience, clipNorm);
    }

    public TrainingOptions withClipNorm(float clipNorm) {
        return new TrainingOptions(epochs, batchSize, shuffle, seed, schedule, earlyStoppingPatience, clipNorm);
    }
}
