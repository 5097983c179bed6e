package dev.nnj.core;

import dev.nnj.core.activation.Activation;
import dev.nnj.core.activation.LeakyRelu;
import dev.nnj.core.layer.Dense;
import dev.nnj.core.layer.Layer;
import java.util.List;

/**
 * Checks a network's backpropagation against central differences, like {@code torch.autograd.gradcheck}.
 *
 * <p>The network computes in float32, where a finite difference of the loss drowns in rounding error.
 * So the numerical side re-evaluates the network in float64 from the same weights, L(θ ± h) with
 * h = 1e−6, giving reference derivatives accurate to about 1e−9; the comparison then measures only
 * the float32 error of backprop (expected around 1e−6 relative). Dropout layers are inactive during the
 * check (inference mode), since a random mask makes the loss non-differentiable in its seed.
 */
public final class GradientCheck {

    private static final double STEP = 1e-6;

    /**
     * The largest disagreement found.
     *
     * @param parameter     name of the parameter (or {@code input}) holding the worst element
     * @param index         flat index of that element
     * @param analytic      backprop's derivative
     * @param numerical     the central difference in float64
     * @param relativeError |analytic − numerical| / max(|analytic|, |numerical|, 1e−3)
     * @param checked       number of derivatives compared
     */
    public record Result(String parameter, int index, double analytic, double numerical, double relativeError, int checked) {

        public boolean passes(double tolerance) {
            return relativeError <= tolerance;
        }

        @Override
        public String toString() {
            return String.format("worst of %d derivatives: %s[%d] backprop %.9g, central difference %.9g, relative error %.3g",
                    checked, parameter, index, analytic, numerical, relativeError);
        }
    }

    private GradientCheck() {
    }

    /**
     * Compares ∂L/∂θ for every parameter, and ∂L/∂X, on the batch (x, y).
     * The network's gradients are overwritten.
     */
    public static Result check(Network network, Matrix x, Matrix y) {
        x.requireCols("input", network.inputSize());
        y.requireShape("targets", x.rows(), network.outputSize());
        int rows = x.rows();
        network.zeroGrad();
        network.forward(x.data(), rows, false);
        float[] dInput = network.backward(y.data(), true).clone();

        Result worst = null;
        int checked = 0;
        for (Parameter p : network.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                double numerical = centralDifference(network, x.data(), y.data(), rows, p.value(), i);
                worst = worse(worst, p.name(), i, p.grad()[i], numerical);
                checked++;
            }
        }
        float[] input = x.data().clone();
        for (int i = 0; i < rows * network.inputSize(); i++) {
            double numerical = centralDifference(network, input, y.data(), rows, input, i);
            worst = worse(worst, "input", i, dInput[i], numerical);
            checked++;
        }
        return new Result(worst.parameter, worst.index, worst.analytic, worst.numerical, worst.relativeError, checked);
    }

    private static Result worse(Result worst, String name, int index, double analytic, double numerical) {
        double error = Math.abs(analytic - numerical) / Math.max(1e-3, Math.max(Math.abs(analytic), Math.abs(numerical)));
        if (worst == null || error > worst.relativeError || Double.isNaN(error)) {
            return new Result(name, index, analytic, numerical, error, 0);
        }
        return worst;
    }

    /** (L(v[i] + h) − L(v[i] − h)) / 2h in float64, where v is a parameter's values or the input. */
    private static double centralDifference(Network net, float[] x, float[] y, int rows, float[] values, int i) {
        float original = values[i];
        double plus = loss64(net, x, y, rows, values, i, original + STEP);
        double minus = loss64(net, x, y, rows, values, i, original - STEP);
        return (plus - minus) / (2 * STEP);
    }

    /** The loss in float64 with element {@code i} of {@code values} replaced by {@code replacement}. */
    static double loss64(Network net, float[] x, float[] y, int rows, float[] values, int i, double replacement) {
        int width = net.inputSize();
        double[] h = new double[rows * width];
        for (int j = 0; j < h.length; j++) {
            h[j] = values == x && j == i ? replacement : x[j];
        }
        List<Layer> layers = net.layers();
        double[] a = null;
        for (Layer layer : layers) {
            if (!(layer instanceof Dense)) {
                continue; // dropout is the identity in inference mode
            }
            Dense d = (Dense) layer;
            int out = d.outputSize();
            float[] w = d.weight().value();
            float[] b = d.bias().value();
            a = new double[rows * out];
            for (int r = 0; r < rows; r++) {
                for (int o = 0; o < out; o++) {
                    double sum = values == b && o == i ? replacement : b[o];
                    for (int k = 0; k < width; k++) {
                        double wk = values == w && o * width + k == i ? replacement : w[o * width + k];
                        sum += h[r * width + k] * wk;
                    }
                    a[r * out + o] = sum;
                }
            }
            h = activate(d.activation(), a, rows, out);
            width = out;
        }
        return lossOf(net, a, h, y, rows, width);
    }

    private static double[] activate(Activation g, double[] a, int rows, int cols) {
        double[] h = new double[a.length];
        String id = g.id();
        if (id.equals("softmax")) {
            for (int r = 0; r < rows; r++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < cols; c++) {
                    max = Math.max(max, a[r * cols + c]);
                }
                double sum = 0;
                for (int c = 0; c < cols; c++) {
                    h[r * cols + c] = Math.exp(a[r * cols + c] - max);
                    sum += h[r * cols + c];
                }
                for (int c = 0; c < cols; c++) {
                    h[r * cols + c] /= sum;
                }
            }
            return h;
        }
        for (int j = 0; j < a.length; j++) {
            double v = a[j];
            switch (id) {
                case "identity": h[j] = v; break;
                case "sigmoid": h[j] = 1 / (1 + Math.exp(-v)); break;
                case "tanh": h[j] = Math.tanh(v); break;
                case "relu": h[j] = v > 0 ? v : 0; break;
                case "leaky_relu": h[j] = v > 0 ? v : ((LeakyRelu) g).slope() * v; break;
                default: throw new IllegalArgumentException("gradient check has no float64 form of activation " + id);
            }
        }
        return h;
    }

    private static double lossOf(Network net, double[] a, double[] h, float[] y, int rows, int cols) {
        double total = 0;
        switch (net.loss().id()) {
            case "cross_entropy":
                for (int j = 0; j < rows * cols; j++) {
                    total -= y[j] == 0f ? 0 : y[j] * Math.log(h[j]);
                }
                return total / rows;
            case "binary_cross_entropy":
                for (int j = 0; j < rows * cols; j++) {
                    total -= y[j] * Math.log(h[j]) + (1 - y[j]) * Math.log(1 - h[j]);
                }
                return total / rows;
            case "sse":
            case "mse":
                for (int j = 0; j < rows * cols; j++) {
                    total += (h[j] - y[j]) * (h[j] - y[j]);
                }
                return net.loss().id().equals("sse") ? 0.5 * total / rows : total / ((double) rows * cols);
            default:
                throw new IllegalArgumentException("gradient check has no float64 form of loss " + net.loss().id());
        }
    }
}
