package dev.nnj.core.loss;

import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;

/**
 * Squared error in its two common conventions:
 * {@code sse} = ½·Σ_j (ŷ_j − y_j)² per sample averaged over the M samples (∂L/∂ŷ = (ŷ − y)/M), and
 * {@code mse} = mean of (ŷ − y)² over all M·C elements (∂L/∂ŷ = 2(ŷ − y)/(M·C)).
 */
final class SquaredError implements Loss {

    private final boolean meanOverElements;

    SquaredError(boolean meanOverElements) {
        this.meanOverElements = meanOverElements;
    }

    @Override
    public String id() {
        return meanOverElements ? "mse" : "sse";
    }

    @Override
    public double value(Activation output, float[] a, float[] h, float[] y, int rows, int cols) {
        double total = 0;
        for (int i = 0; i < rows * cols; i++) {
            double d = (double) h[i] - y[i];
            total += d * d;
        }
        return meanOverElements ? total / ((double) rows * cols) : 0.5 * total / rows;
    }

    @Override
    public void gradient(Kernels k, Activation output, float[] a, float[] h, float[] y, float[] g, int rows, int cols) {
        float scale = meanOverElements ? 2f / (rows * cols) : 1f / rows;
        k.subtractScaled(g, h, y, scale, rows * cols);
        output.backward(k, g, g, a, h, rows, cols);
    }

    @Override
    public String toString() {
        return id();
    }
}
