package dev.nnj.core.train;

import dev.nnj.core.Matrix;
import dev.nnj.core.Network;

/**
 * A network's loss and accuracy on a data set, computed in inference mode batch by batch.
 *
 * @param loss      mean loss per sample
 * @param accuracy  fraction of samples whose predicted class ({@link Matrix#classOf}: the largest output, or
 *                  for one sigmoid output whether it is at least 0.5) is the target's (NaN for regression)
 * @param predicted predicted class per sample (empty for regression)
 * @param actual    target class per sample (empty for regression)
 */
public record Evaluation(double loss, double accuracy, int[] predicted, int[] actual) {

    /** Evaluates {@code network} on every sample of {@code data}, {@code batchSize} rows at a time. */
    public static Evaluation of(Network network, Dataset data, int batchSize) {
        return new Evaluator(network, data, batchSize, "evaluation data").run(true);
    }

    /** Buffers for repeated evaluations on the same data (the trainer's per-epoch validation). */
    static final class Evaluator {
        private final Network network;
        private final Dataset data;
        private final int batchSize;
        private final int[] order;
        private final float[] x;
        private final float[] y;

        /** @param what the data's role, named in the error when it does not fit the network */
        Evaluator(Network network, Dataset data, int batchSize, String what) {
            Trainer.requireCompatible(network, data, what);
            this.network = network;
            this.data = data;
            this.batchSize = Math.max(1, Math.min(batchSize, data.size()));
            this.order = new int[data.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            this.x = new float[this.batchSize * data.featureCount()];
            this.y = new float[this.batchSize * data.targetCount()];
        }

        Evaluation run(boolean keepClasses) {
            int n = data.size();
            int outputs = data.targetCount();
            boolean classify = data.isClassification();
            int[] predicted = classify && keepClasses ? new int[n] : new int[0];
            int[] actual = classify && keepClasses ? new int[n] : new int[0];
            double lossSum = 0;
            long correct = 0;
            for (int from = 0; from < n; from += batchSize) {
                int rows = Math.min(batchSize, n - from);
                data.fill(order, from, rows, x, y);
                float[] out = network.forward(x, rows, false);
                lossSum += network.loss(y) * rows;
                if (classify) {
                    for (int r = 0; r < rows; r++) {
                        int p = Matrix.classOf(out, r * outputs, outputs);
                        int t = Matrix.classOf(y, r * outputs, outputs);
                        correct += p == t ? 1 : 0;
                        if (keepClasses) {
                            predicted[from + r] = p;
                            actual[from + r] = t;
                        }
                    }
                }
            }
            double accuracy = classify && n > 0 ? (double) correct / n : Double.NaN;
            return new Evaluation(n == 0 ? Double.NaN : lossSum / n, accuracy, predicted, actual);
        }
    }
}
