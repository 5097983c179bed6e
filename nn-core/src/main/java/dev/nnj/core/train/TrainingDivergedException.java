package dev.nnj.core.train;

/** Thrown when the training loss becomes NaN or infinite: the run cannot recover from it. */
public final class TrainingDivergedException extends RuntimeException {

    private final int epoch;
    private final int batch;

    public TrainingDivergedException(int epoch, int batch, int batches, double loss, float learningRate) {
        super("training diverged: the loss became " + loss + " at epoch " + (epoch + 1) + ", batch " + (batch + 1)
                + " of " + batches + "; lower the learning rate (now " + learningRate + ", try "
                + learningRate / 10 + "), clip gradients (e.g. clip norm 1.0) or check the data for NaN/Inf values");
        this.epoch = epoch;
        this.batch = batch;
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
