package dev.nnj.core.activation;

import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.layer.Init;
import java.util.Locale;

/**
 * An element-wise (or, for softmax, row-wise) activation function g, applied to a layer's
 * pre-activation A to give its output H = g(A).
 *
 * <p>Forward and backward sit side by side and run on {@link Kernels}: forward is fused with the bias
 * add, backward with the Hadamard product (dA = dH ⊙ g'(A), or the Jacobian-vector product for softmax).
 * Backward reads only what forward left in A and H.
 *
 * <p>To add an activation: implement this interface (adding kernel methods to {@link Kernels} if the
 * existing ones cannot express it), give it an {@link #id()} and register it in {@link #parse}.
 */
public interface Activation {

    Activation IDENTITY = new Identity();
    Activation SIGMOID = new Sigmoid();
    Activation TANH = new Tanh();
    Activation RELU = new Relu();
    Activation LEAKY_RELU = new LeakyRelu(LeakyRelu.DEFAULT_SLOPE);
    Activation SOFTMAX = new Softmax();

    /** The name used in model files and on the command line, from a fixed list. */
    String id();

    /** A ← A + b (bias broadcast over rows), H ← g(A), for rows×cols matrices. */
    void forward(Kernels k, float[] a, float[] bias, float[] h, int rows, int cols);

    /** dA ← ∂L/∂A from dH = ∂L/∂H and the A and H of the forward pass; dA may alias dH. */
    void backward(Kernels k, float[] dA, float[] dH, float[] a, float[] h, int rows, int cols);

    /** The weight initialisation that keeps signal variance stable through this activation. */
    Init defaultInit();


    /**
     * The activation named {@code id}: {@code identity} (alias {@code linear}), {@code sigmoid}
     * (alias {@code logistic}), {@code tanh}, {@code relu}, {@code leaky_relu} (slope 0.01, or
     * any other finite one such as {@code leaky_relu:0.2}, {@code leaky_relu:1e-3} or {@code leaky_relu:-0.5}),
     * {@code softmax}.
     *
     * @throws IllegalArgumentException listing the known names, or naming {@code id} when its slope is
     *                                  not a finite number
     */
    static Activation parse(String id) {
        String text = id.trim();
        int colon = text.indexOf(':');
        // Only the name is normalised: a '-' after the colon belongs to the slope (1e-2).
        String name = (colon < 0 ? text : text.substring(0, colon)).toLowerCase(Locale.ROOT).replace('-', '_');
        if (colon >= 0 && name.equals("leaky_relu")) {
            return leakyRelu(id, text.substring(colon + 1).trim());
        }
        if (colon >= 0) {
            name = text; // no other activation takes a parameter: unknown
        }
        switch (name) {
            case "identity":
            case "linear":
                return IDENTITY;
            case "sigmoid":
            case "logistic":
                return SIGMOID;
            case "tanh":
                return TANH;
            case "relu":
                return RELU;
            case "leaky_relu":
                return LEAKY_RELU;
            case "softmax":
                return SOFTMAX;
            default:
                throw new IllegalArgumentException("unknown activation '" + id
                        + "'; expected one of identity, sigmoid, tanh, relu, leaky_relu, softmax");
        }
    }

    /** Errors name the whole {@code id}, since the constructor's alone would not say which option was wrong. */
    private static Activation leakyRelu(String id, String slope) {
        float value;
        try {
            value = Float.parseFloat(slope);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + id + "': the leaky_relu slope must be a number, got '" + slope
                    + "'; expected e.g. leaky_relu:0.2", e);
        }
        try {
            return new LeakyRelu(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + id + "': " + e.getMessage(), e);
        }
    }
}
