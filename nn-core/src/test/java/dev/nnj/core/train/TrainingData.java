package dev.nnj.core.train;

import dev.nnj.core.Matrix;
import dev.nnj.core.Network;
import dev.nnj.core.Parameter;
import dev.nnj.core.Rng;
import java.util.List;

/** Seeded synthetic data sets and weight snapshots shared by the trainer tests. */
final class TrainingData {

    /** Centres of the three Gaussian blobs; 3 apart, so with σ = 0.5 each boundary is 3σ away. */
    static final double[][] CENTRES = {{0, 0}, {3, 0}, {0, 3}};
    static final double BLOB_SIGMA = 0.5;

    private TrainingData() {
    }

    /** {@code perClass} points around each of the three {@link #CENTRES}, labels 0, 1, 2 interleaved. */
    static ArrayDataset blobs(int perClass, long seed) {
        Rng rng = new Rng(seed);
        int n = 3 * perClass;
        Matrix x = new Matrix(n, 2);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            labels[i] = c;
            x.set(i, 0, (float) (CENTRES[c][0] + BLOB_SIGMA * rng.nextGaussian()));
            x.set(i, 1, (float) (CENTRES[c][1] + BLOB_SIGMA * rng.nextGaussian()));
        }
        return ArrayDataset.classification(x, labels, 3);
    }

    /** Training and validation data for the same network. */
    record Split(ArrayDataset train, ArrayDataset validation) {
    }

    /**
     * One input: y = x to train on, y = 0.3·x to validate on. From w = 0 a one-weight network climbs towards
     * w = 1, so the validation loss falls until w passes 0.3 and rises after it, as when a network overfits.
     */
    static Split overfitting() {
        Matrix xs = linear(32, 0, 4).features();
        Matrix x = new Matrix(32, 1);
        Matrix yTrain = new Matrix(32, 1);
        Matrix yVal = new Matrix(32, 1);
        for (int i = 0; i < 32; i++) {
            x.set(i, 0, xs.get(i, 0));
            yTrain.set(i, 0, xs.get(i, 0));
            yVal.set(i, 0, 0.3f * xs.get(i, 0));
        }
        return new Split(ArrayDataset.regression(x, yTrain), ArrayDataset.regression(x, yVal));
    }

    /** y = 2·x₁ − 3·x₂ + 0.5 + ε with x uniform in [−1, 1]² and ε ~ N(0, {@code noise}²). */
    static ArrayDataset linear(int n, double noise, long seed) {
        Rng rng = new Rng(seed);
        Matrix x = new Matrix(n, 2);
        Matrix y = new Matrix(n, 1);
        for (int i = 0; i < n; i++) {
            double x1 = 2 * rng.nextDouble() - 1;
            double x2 = 2 * rng.nextDouble() - 1;
            x.set(i, 0, (float) x1);
            x.set(i, 1, (float) x2);
            y.set(i, 0, (float) (2 * x1 - 3 * x2 + 0.5 + noise * rng.nextGaussian()));
        }
        return ArrayDataset.regression(x, y);
    }

    /** Copies of every parameter's values, in network order. */
    static float[][] weights(Network net) {
        List<Parameter> params = net.parameters();
        float[][] copy = new float[params.size()][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = params.get(i).value().clone();
        }
        return copy;
    }

    /** Overwrites the parameters of {@code net} with {@code weights}. */
    static void load(Network net, float[][] weights) {
        List<Parameter> params = net.parameters();
        for (int i = 0; i < weights.length; i++) {
            System.arraycopy(weights[i], 0, params.get(i).value(), 0, weights[i].length);
        }
    }
}
