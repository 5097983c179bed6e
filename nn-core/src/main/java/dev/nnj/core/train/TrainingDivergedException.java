package dev.nnj.core.train;

/**
 * Thrown when training produces a NaN or infinite loss or weights, from which the run cannot recover,
 * or when the validation data give a non-finite loss on finite weights.
 */
public final class TrainingDivergedException extends RuntimeException {

    private final int epoch;
    private final int batch;

    /** The training loss of a minibatch became {@code loss}, which is NaN or infinite. */
    public TrainingDivergedException(int epoch, int batch, int batches, double loss, float learningRate) {
        this("training diverged: the loss became " + loss + " at epoch " + (epoch + 1) + ", batch " + (batch + 1)
                + " of " + batches + "; " + remedies(learningRate), epoch, batch);
    }

    private TrainingDivergedException(String message, int epoch, int batch) {
        super(message);
        this.epoch = epoch;
        this.batch = batch;
    }

    /** The weights are no longer finite after the last update of an epoch (its last batch's loss was not). */
    static TrainingDivergedException weights(int epoch, int batches, String parameter, float learningRate) {
        return new TrainingDivergedException("training diverged: " + parameter + " became NaN or infinite in the"
                + " update of epoch " + (epoch + 1) + ", batch " + batches + " of " + batches + "; "
                + remedies(learningRate), epoch, batches - 1);
    }

    /** The weights are finite but the validation data give a non-finite loss: the data are at fault. */
    static TrainingDivergedException validation(int epoch, int batches, double loss) {
        return new TrainingDivergedException("the validation loss after epoch " + (epoch + 1) + " is " + loss
                + " although the weights and the training loss are finite: check the validation data for NaN or"
                + " infinite values", epoch, batches - 1);
    }

    private static String remedies(float learningRate) {
        return "lower the learning rate (now " + learningRate + ", try " + learningRate / 10
                + "), clip gradients (e.g. clip norm 1.0) or check the data for NaN/Inf values";
    }

    /** 0-based epoch in which the loss diverged. */
    public int epoch() {
        return epoch;
    }

    /** 0-based batch in which the loss diverged. */
    public int batch() {
        return batch;
    }
}
