package dev.nnj.core.train;

/**
 * What one epoch achieved. Accuracies are NaN for regression, validation figures NaN without a
 * validation set. Training loss and accuracy are averaged over the epoch's minibatches as they were
 * trained (dropout active), as is customary.
 *
 * @param epoch 0-based
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy,
                           double validationLoss, double validationAccuracy,
                           float learningRate, double seconds) {

    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }
}
