package dev.nnj.io;

import dev.nnj.core.Matrix;
import dev.nnj.core.Network;
import java.util.List;

/**
 * A trained network with everything needed to use it on raw data: the preprocessing its inputs went
 * through in training, the class names of its outputs, and a summary of its training.
 *
 * @param network       the network
 * @param preprocessing applied to raw features by {@link #predict}
 * @param classNames    output index → class name, two for a single sigmoid output (empty for regression)
 * @param training      how it was trained
 * @param featureNames  input index → the name of the column it was read from (a CSV file's header), so
 *                      that new data can be checked against it; empty when the inputs have no names
 */
public record SavedModel(Network network, Preprocessing preprocessing, List<String> classNames, TrainingSummary training,
                         List<String> featureNames) {

    public SavedModel {
        classNames = List.copyOf(classNames);
        featureNames = List.copyOf(featureNames);
        if (!featureNames.isEmpty() && featureNames.size() != network.inputSize()) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + network.inputSize()
                    + " inputs; expected one per input, or none");
        }
        if (preprocessing.featureCount() != network.inputSize()) {
            throw new IllegalArgumentException("preprocessing is for " + preprocessing.featureCount()
                    + " features but the network has " + network.inputSize() + " inputs");
        }
        // A single output is the probability of class 1 of two, so it needs two names: one name would
        // leave classify() without a name for class 1.
        int classes = network.outputSize() == 1 ? 2 : network.outputSize();
        if (!classNames.isEmpty() && classNames.size() != classes) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + network.outputSize()
                    + " outputs; expected one per output (or two for a single sigmoid output)");
        }
    }

    /** A model whose inputs have no names (images, or data given as arrays). */
    public SavedModel(Network network, Preprocessing preprocessing, List<String> classNames, TrainingSummary training) {
        this(network, preprocessing, classNames, training, List.of());
    }

    /**
     * Outputs for raw (unpreprocessed) feature rows: preprocessing as in training, then the network, in a
     * new matrix. Safe to call from several threads at once, like {@link Network#predict}.
     */
    public Matrix predict(Matrix raw) {
        raw.requireCols("input", network.inputSize());
        float[] x = raw.data().clone();
        preprocessing.applyInPlace(x, raw.rows());
        return network.predict(new Matrix(raw.rows(), raw.cols(), x));
    }

    /**
     * Checks the names of the feature columns of new data against those the model was trained on, when both
     * are known ({@link FeatureColumns#requireSame}).
     *
     * @param columns the data's feature columns, in order (empty when they have no names: nothing to check)
     * @param source  the data, as the message should name it
     * @throws IllegalArgumentException naming the first column that differs
     */
    public void requireFeatureNames(List<String> columns, String source) {
        FeatureColumns.requireSame(featureNames, columns, source);
    }

    /** The predicted class name of each raw feature row. */
    public List<String> classify(Matrix raw) {
        if (classNames.isEmpty()) {
            throw new IllegalStateException("the model has no class names; it was trained for regression");
        }
        Matrix out = predict(raw);
        String[] names = new String[out.rows()];
        for (int i = 0; i < names.length; i++) {
            names[i] = classNames.get(Matrix.classOf(out.data(), i * out.cols(), out.cols()));
        }
        return List.of(names);
    }
}
