package dev.nnj.core.loss;

import dev.nnj.core.activation.Activation;
import dev.nnj.core.activation.Sigmoid;
import dev.nnj.core.kernel.Kernels;

/**
 * Binary cross-entropy −Σ_j [y_j·log ŷ_j + (1 − y_j)·log(1 − ŷ_j)] per sample, averaged over the batch
 * (PyTorch's {@code BCELoss} for one output; for C outputs PyTorch also divides by C). With a sigmoid
 * output the value is computed from the logits as max(a, 0) − a·y + log(1 + e^−|a|) (softplus form,
 * as {@code BCEWithLogitsLoss}) and the gradient is (Ŷ − Y)/M. With any other output, as {@code BCELoss},
 * each log is clamped at −100 and the gradient's denominator ŷ(1 − ŷ) at 1e−12, so that a saturated
 * output gives a finite loss, and a gradient of 0 rather than 0/0 where it is right.
 */
final class BinaryCrossEntropy implements Loss {

    /** BCELoss's floor for each log term. */
    private static final double MIN_LOG = -100;
    /** BCELoss's floor for ŷ(1 − ŷ) in the gradient. */
    private static final float MIN_DENOMINATOR = 1e-12f;

    @Override
    public String id() {
        return "binary_cross_entropy";
    }

    @Override
    public double value(Activation output, float[] a, float[] h, float[] y, int rows, int cols) {
        boolean fused = output instanceof Sigmoid;
        double total = 0;
        for (int i = 0; i < rows * cols; i++) {
            double t = y[i];
            if (fused) {
                double x = a[i];
                total += Math.max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x)));
            } else {
                double p = h[i];
                total -= (t != 0 ? t * clampedLog(p) : 0) + (t != 1 ? (1 - t) * clampedLog(1 - p) : 0);
            }
        }
        return total / rows;
    }

    @Override
    public void gradient(Kernels k, Activation output, float[] a, float[] h, float[] y, float[] g, int rows, int cols) {
        if (output instanceof Sigmoid) {
            k.subtractScaled(g, h, y, 1f / rows, rows * cols);
            return;
        }
        float scale = 1f / rows; // ∂L/∂ŷ = (ŷ − y)/(ŷ(1 − ŷ)·M)
        for (int i = 0; i < rows * cols; i++) {
            g[i] = scale * (h[i] - y[i]) / Math.max(h[i] * (1f - h[i]), MIN_DENOMINATOR);
        }
        output.backward(k, g, g, a, h, rows, cols);
    }

    private static double clampedLog(double p) {
        return Math.max(Math.log(p), MIN_LOG);
    }

    @Override
    public String toString() {
        return id();
    }
}
