package dev.nnj.core.metrics;

import dev.nnj.core.Matrix;
import java.util.Locale;

/**
 * Mean squared error and mean absolute error of predictions against targets, over every element (all
 * rows and all output columns), accumulated in double precision. Results accumulate, so an evaluation
 * can add one minibatch at a time.
 */
public final class RegressionMetrics {

    private double sumSquared;
    private double sumAbsolute;
    private long count;

    /** The metrics of one prediction matrix against its targets. */
    public static RegressionMetrics of(Matrix predictions, Matrix targets) {
        RegressionMetrics metrics = new RegressionMetrics();
        metrics.add(predictions, targets);
        return metrics;
    }

    /** Adds every element of {@code predictions} against the same element of {@code targets}. */
    public void add(Matrix predictions, Matrix targets) {
        targets.requireShape("targets", predictions.rows(), predictions.cols());
        add(predictions.data(), targets.data());
    }

    /** Adds {@code predictions[i]} against {@code targets[i]} for every i. */
    public void add(float[] predictions, float[] targets) {
        if (predictions.length != targets.length) {
            throw new IllegalArgumentException(predictions.length + " predictions but " + targets.length
                    + " targets; both need one value per output element");
        }
        for (int i = 0; i < predictions.length; i++) {
            add(predictions[i], targets[i]);
        }
    }

    /** Adds one prediction against its target. */
    public void add(float prediction, float target) {
        double difference = (double) prediction - target;
        sumSquared += difference * difference;
        sumAbsolute += Math.abs(difference);
        count++;
    }

    /** Elements counted. */
    public long count() {
        return count;
    }

    /** Mean of (prediction − target)²; NaN when nothing was added. */
    public double mse() {
        return count == 0 ? Double.NaN : sumSquared / count;
    }

    /** Mean of |prediction − target|; NaN when nothing was added. */
    public double mae() {
        return count == 0 ? Double.NaN : sumAbsolute / count;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MSE %.6g, MAE %.6g over %d values", mse(), mae(), count);
    }
}
