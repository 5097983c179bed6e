package dev.nnj.core.train;

import dev.nnj.core.Matrix;

/** A data set held in float matrices: features X (N×F) and targets Y (N×T). */
public final class ArrayDataset implements Dataset {

    private final Matrix x;
    private final Matrix y;
    private final boolean classification;

    private ArrayDataset(Matrix x, Matrix y, boolean classification) {
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException("features have " + x.rows() + " rows but targets have " + y.rows());
        }
        this.x = x;
        this.y = y;
        this.classification = classification;
    }

    /** Regression (or any real-valued targets): Y is used as given. */
    public static ArrayDataset regression(Matrix x, Matrix y) {
        return new ArrayDataset(x, y, false);
    }

    /**
     * Classification with probability-row targets (each row sums to 1), or with one column of 0/1 targets
     * for a single sigmoid output (binary cross-entropy); accuracy then thresholds the output at 0.5.
     */
    public static ArrayDataset classification(Matrix x, Matrix targetRows) {
        return new ArrayDataset(x, targetRows, true);
    }

    /** Classification with class indices in [0, classes), stored as one-hot rows. */
    public static ArrayDataset classification(Matrix x, int[] labels, int classes) {
        if (labels.length != x.rows()) {
            throw new IllegalArgumentException("features have " + x.rows() + " rows but there are " + labels.length + " labels");
        }
        Matrix y = new Matrix(labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i] + ", expected 0.." + (classes - 1));
            }
            y.set(i, labels[i], 1f);
        }
        return new ArrayDataset(x, y, true);
    }

    public Matrix features() {
        return x;
    }

    public Matrix targets() {
        return y;
    }

    @Override
    public int size() {
        return x.rows();
    }

    @Override
    public int featureCount() {
        return x.cols();
    }

    @Override
    public int targetCount() {
        return y.cols();
    }

    @Override
    public boolean isClassification() {
        return classification;
    }

    @Override
    public void fill(int[] order, int from, int count, float[] xOut, float[] yOut) {
        int f = x.cols();
        int t = y.cols();
        for (int r = 0; r < count; r++) {
            int sample = order[from + r];
            System.arraycopy(x.data(), sample * f, xOut, r * f, f);
            System.arraycopy(y.data(), sample * t, yOut, r * t, t);
        }
    }
}
