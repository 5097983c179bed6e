package dev.nnj.core;

import dev.nnj.core.activation.Activation;
import dev.nnj.core.activation.LeakyRelu;
import dev.nnj.core.layer.Dense;
import dev.nnj.core.layer.Layer;
import java.util.ArrayList;
import java.util.List;

/**
 * An independent float64 feed-forward network, written per sample and per neuron in the delta form of
 * the lecture notes (seeds 002, 003, 004), for checking {@link Network} and the kernels behind it.
 *
 * <p>For sample s and layer k, with S_j the signal into neuron j (the notes' S_j^(k), our pre-activation):
 * <pre>
 *   S_j^(k)  = b_j + Σ_i w_ji·x_i^(k−1),   x_j^(k) = g_k(S_j^(k))
 *   δ_j^(k)  = ∂L/∂S_j^(k)
 *   ∂L/∂w_ji = Σ_s δ_j^(k)·x_i^(k−1),      ∂L/∂b_j = Σ_s δ_j^(k)
 *   δ_i^(k−1) = (Σ_j δ_j^(k)·w_ji)·g'_{k−1}(S_i^(k−1))
 * </pre>
 * Our bias b_j is −w_0j of the notes' x_0 = −1 convention (see {@link Dense}), so ∂L/∂b_j = +δ_j.
 * Losses follow the definitions in {@code loss/Loss.java}: per-sample losses averaged over the M samples
 * ({@code cross_entropy}, {@code binary_cross_entropy}, {@code sse} = ½Σ(ŷ−y)²), or the mean over all
 * M·C elements ({@code mse}). Dropout layers are skipped: the reference is the network in inference mode.
 *
 * <p>Nothing here calls the code under test except to copy the weights out of a network.
 */
public final class Reference64 {

    /**
     * One dense layer in float64.
     *
     * @param w          weights [out][in], as {@link Dense#weight()}
     * @param b          bias [out]
     * @param activation an {@link Activation#id()}: identity, sigmoid, tanh, relu, leaky_relu, softmax
     * @param slope      the leaky ReLU slope (ignored by the other activations)
     */
    public record DenseLayer(double[][] w, double[] b, String activation, double slope) {

        int in() {
            return w[0].length;
        }

        int out() {
            return w.length;
        }
    }

    /**
     * Everything the reference computes for one batch.
     *
     * @param loss   L, averaged as the loss defines
     * @param output Ŷ [rows][outputs]
     * @param dW     ∂L/∂W per dense layer, [out][in]
     * @param db     ∂L/∂b per dense layer, [out]
     * @param dX     ∂L/∂X [rows][inputs]
     */
    public record Result(double loss, double[][] output, List<double[][]> dW, List<double[]> db, double[][] dX) {
    }

    private final List<DenseLayer> layers;
    private final String loss;

    /** A reference network of the given layers and loss id ({@code cross_entropy}, …, {@code mse}). */
    public Reference64(List<DenseLayer> layers, String loss) {
        this.layers = List.copyOf(layers);
        this.loss = loss;
    }

    /** Double copies of {@code network}'s weights, biases, activations and loss; dropout layers are left out. */
    public static Reference64 of(Network network) {
        List<DenseLayer> copies = new ArrayList<>();
        for (Layer layer : network.layers()) {
            if (!(layer instanceof Dense)) {
                continue;
            }
            Dense d = (Dense) layer;
            int in = d.inputSize();
            int out = d.outputSize();
            double[][] w = new double[out][in];
            double[] b = new double[out];
            for (int j = 0; j < out; j++) {
                for (int i = 0; i < in; i++) {
                    w[j][i] = d.weight().value()[j * in + i];
                }
                b[j] = d.bias().value()[j];
            }
            Activation g = d.activation();
            double slope = g instanceof LeakyRelu ? ((LeakyRelu) g).slope() : 0;
            copies.add(new DenseLayer(w, b, g.id(), slope));
        }
        return new Reference64(copies, network.loss().id());
    }

    /** Forward and backward for {@code rows} samples; x is rows×inputs and y rows×outputs, row-major. */
    public Result run(float[] x, float[] y, int rows) {
        int depth = layers.size();
        int inputs = layers.get(0).in();
        int outputs = layers.get(depth - 1).out();
        List<double[][]> dW = new ArrayList<>();
        List<double[]> db = new ArrayList<>();
        for (DenseLayer layer : layers) {
            dW.add(new double[layer.out()][layer.in()]);
            db.add(new double[layer.out()]);
        }
        double[][] output = new double[rows][];
        double[][] dX = new double[rows][];
        double lossSum = 0;

        for (int s = 0; s < rows; s++) {
            // forward: signals S^(k) and outputs x^(k) of every layer, x^(0) being the sample
            double[][] xs = new double[depth + 1][];
            double[][] signals = new double[depth][];
            xs[0] = new double[inputs];
            for (int i = 0; i < inputs; i++) {
                xs[0][i] = x[s * inputs + i];
            }
            for (int k = 0; k < depth; k++) {
                DenseLayer layer = layers.get(k);
                double[] signal = new double[layer.out()];
                for (int j = 0; j < layer.out(); j++) {
                    double sum = layer.b()[j];
                    for (int i = 0; i < layer.in(); i++) {
                        sum += layer.w()[j][i] * xs[k][i];
                    }
                    signal[j] = sum;
                }
                signals[k] = signal;
                xs[k + 1] = activate(layer, signal, k == depth - 1);
            }
            double[] yHat = xs[depth];
            double[] target = new double[outputs];
            for (int j = 0; j < outputs; j++) {
                target[j] = y[s * outputs + j];
            }
            output[s] = yHat;
            lossSum += sampleLoss(layers.get(depth - 1).activation(), signals[depth - 1], yHat, target);

            // backward: δ of the output layer, then the recursion δ^(k−1) = (Σ δ^(k) w) ⊙ g'
            double[] delta = outputDelta(layers.get(depth - 1), signals[depth - 1], yHat, target, rows);
            for (int k = depth - 1; k >= 0; k--) {
                DenseLayer layer = layers.get(k);
                for (int j = 0; j < layer.out(); j++) {
                    for (int i = 0; i < layer.in(); i++) {
                        dW.get(k)[j][i] += delta[j] * xs[k][i];
                    }
                    db.get(k)[j] += delta[j];
                }
                double[] back = new double[layer.in()];
                for (int i = 0; i < layer.in(); i++) {
                    double sum = 0;
                    for (int j = 0; j < layer.out(); j++) {
                        sum += delta[j] * layer.w()[j][i];
                    }
                    back[i] = sum;
                }
                if (k == 0) {
                    dX[s] = back;
                } else {
                    DenseLayer below = layers.get(k - 1);
                    for (int i = 0; i < back.length; i++) {
                        back[i] *= derivative(below, signals[k - 1][i], xs[k][i]);
                    }
                    delta = back;
                }
            }
        }
        double scale = loss.equals("mse") ? 1.0 / ((double) rows * outputs) : 1.0 / rows;
        return new Result(lossSum * scale, output, dW, db, dX);
    }

    private static double[] activate(DenseLayer layer, double[] s, boolean isOutput) {
        double[] h = new double[s.length];
        if (layer.activation().equals("softmax")) {
            if (!isOutput) {
                throw new IllegalArgumentException("softmax is only an output function");
            }
            double max = Double.NEGATIVE_INFINITY;
            for (double v : s) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int j = 0; j < s.length; j++) {
                h[j] = Math.exp(s[j] - max);
                sum += h[j];
            }
            for (int j = 0; j < s.length; j++) {
                h[j] /= sum;
            }
            return h;
        }
        for (int j = 0; j < s.length; j++) {
            h[j] = g(layer, s[j]);
        }
        return h;
    }

    private static double g(DenseLayer layer, double s) {
        switch (layer.activation()) {
            case "identity": return s;
            case "sigmoid": return s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
            case "tanh": return Math.tanh(s);
            case "relu": return s > 0 ? s : 0;
            case "leaky_relu": return s > 0 ? s : layer.slope() * s;
            default: throw new IllegalArgumentException("no float64 form of activation " + layer.activation());
        }
    }

    /** g'(S) of an element-wise activation; {@code h} = g(S). */
    private static double derivative(DenseLayer layer, double s, double h) {
        switch (layer.activation()) {
            case "identity": return 1;
            case "sigmoid": return h * (1 - h);        // σ' = σ(1 − σ), seed 002 (27)–(29)
            case "tanh": return 1 - h * h;             // tanh' = 1 − tanh², seed 004
            case "relu": return s > 0 ? 1 : 0;
            case "leaky_relu": return s > 0 ? 1 : layer.slope();
            default: throw new IllegalArgumentException("no element-wise derivative for " + layer.activation());
        }
    }

    /** ℓ_s, the sample's loss before averaging (for mse: Σ_j (ŷ_j − y_j)², divided later by M·C). */
    private double sampleLoss(String outputActivation, double[] s, double[] yHat, double[] y) {
        double total = 0;
        switch (loss) {
            case "cross_entropy":
                // −Σ y_j log ŷ_j; with softmax, log ŷ_j = S_j − logsumexp(S) stays finite when ŷ_j underflows
                double lse = outputActivation.equals("softmax") ? logSumExp(s) : 0;
                for (int j = 0; j < y.length; j++) {
                    if (y[j] != 0) {
                        total -= y[j] * (outputActivation.equals("softmax") ? s[j] - lse : Math.log(yHat[j]));
                    }
                }
                return total;
            case "binary_cross_entropy":
                for (int j = 0; j < y.length; j++) {
                    if (outputActivation.equals("sigmoid")) {
                        // log σ(S) = −softplus(−S), log(1 − σ(S)) = −softplus(S)
                        total += y[j] * softplus(-s[j]) + (1 - y[j]) * softplus(s[j]);
                    } else {
                        total -= (y[j] != 0 ? y[j] * Math.log(yHat[j]) : 0) + (y[j] != 1 ? (1 - y[j]) * Math.log(1 - yHat[j]) : 0);
                    }
                }
                return total;
            case "sse":
            case "mse":
                for (int j = 0; j < y.length; j++) {
                    total += (yHat[j] - y[j]) * (yHat[j] - y[j]);
                }
                return loss.equals("sse") ? 0.5 * total : total;
            default:
                throw new IllegalArgumentException("no float64 form of loss " + loss);
        }
    }

    /** δ^(L) = ∂L/∂S^(L) for one sample, including the batch averaging. */
    private double[] outputDelta(DenseLayer layer, double[] s, double[] yHat, double[] y, int rows) {
        int c = y.length;
        double[] dYHat = new double[c]; // ∂L/∂ŷ_j
        for (int j = 0; j < c; j++) {
            switch (loss) {
                case "cross_entropy": dYHat[j] = y[j] == 0 ? 0 : -y[j] / yHat[j] / rows; break;
                case "binary_cross_entropy": dYHat[j] = (yHat[j] - y[j]) / (yHat[j] * (1 - yHat[j])) / rows; break;
                case "sse": dYHat[j] = (yHat[j] - y[j]) / rows; break;
                case "mse": dYHat[j] = 2 * (yHat[j] - y[j]) / ((double) rows * c); break;
                default: throw new IllegalArgumentException("no float64 form of loss " + loss);
            }
        }
        double[] delta = new double[c];
        if (layer.activation().equals("softmax") && loss.equals("cross_entropy")) {
            // seed 004 module 4.5: ∂(−log ŷ_ℓ)/∂a_i = −(1_{ℓ=i} − ŷ_i); weighted by the target row y
            double mass = 0;
            for (double v : y) {
                mass += v;
            }
            for (int i = 0; i < c; i++) {
                delta[i] = (yHat[i] * mass - y[i]) / rows;
            }
        } else if (layer.activation().equals("sigmoid") && loss.equals("binary_cross_entropy")) {
            // ∂ℓ/∂ŷ · σ' = (ŷ − y)/(ŷ(1 − ŷ)) · ŷ(1 − ŷ) = ŷ − y, which stays exact when ŷ saturates
            for (int i = 0; i < c; i++) {
                delta[i] = (yHat[i] - y[i]) / rows;
            }
        } else if (layer.activation().equals("softmax")) {
            // δ_i = Σ_j ∂L/∂ŷ_j · ∂ŷ_j/∂S_i with ∂ŷ_j/∂S_i = ŷ_j(1_{i=j} − ŷ_i)
            for (int i = 0; i < c; i++) {
                double sum = 0;
                for (int j = 0; j < c; j++) {
                    sum += dYHat[j] * yHat[j] * ((i == j ? 1 : 0) - yHat[i]);
                }
                delta[i] = sum;
            }
        } else {
            for (int i = 0; i < c; i++) {
                delta[i] = dYHat[i] * derivative(layer, s[i], yHat[i]);
            }
        }
        return delta;
    }

    private static double logSumExp(double[] s) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v);
        }
        if (Double.isInfinite(max)) {
            return max;
        }
        double sum = 0;
        for (double v : s) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    /** log(1 + e^x), without overflow. */
    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
