package dev.nnj.core.loss;

import dev.nnj.core.activation.Activation;
import dev.nnj.core.activation.Softmax;
import dev.nnj.core.kernel.Kernels;

/**
 * Cross-entropy −Σ_j y_j·log ŷ_j, averaged over the batch. Targets are one-hot rows (class indices) or
 * probability rows. With a softmax output the value is Σ_j y_j·(logsumexp(a) − a_j), and the
 * gradient is (Ŷ − Y)/M.
 */
final class CrossEntropy implements Loss {

    @Override
    public String id() {
        return "cross_entropy";
    }

    @Override
    public double value(Activation output, float[] a, float[] h, float[] y, int rows, int cols) {
        boolean fused = output instanceof Softmax;
        double total = 0;
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            double lse = fused ? logSumExp(a, row, cols) : 0;
            for (int j = 0; j < cols; j++) {
                float target = y[row + j];
                if (target != 0f) { // 0·log 0 counts as 0
                    total += target * (fused ? lse - a[row + j] : -Math.log(h[row + j]));
                }
            }
        }
        return total / rows;
    }

    static double logSumExp(float[] a, int from, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < count; j++) {
            max = Math.max(max, a[from + j]);
        }
        if (Double.isInfinite(max)) {
            return max;
        }
        double sum = 0;
        for (int j = 0; j < count; j++) {
            sum += Math.exp(a[from + j] - max);
        }
        return max + Math.log(sum);
    }

    @Override
    public void gradient(Kernels k, Activation output, float[] a, float[] h, float[] y, float[] g, int rows, int cols) {
        if (output instanceof Softmax) {
            k.subtractScaled(g, h, y, 1f / rows, rows * cols);
            return;
        }
        float scale = -1f / rows; // ∂L/∂ŷ = −y/(ŷ·M)
        for (int i = 0; i < rows * cols; i++) {
            g[i] = y[i] == 0f ? 0f : scale * y[i] / h[i];
        }
        output.backward(k, g, g, a, h, rows, cols);
    }

    @Override
    public String toString() {
        return id();
    }
}
