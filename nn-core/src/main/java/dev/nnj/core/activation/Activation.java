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
     * {@code leaky_relu:0.2}), {@code softmax}.
     *
     * @throws IllegalArgumentException listing the known names
     */
    static Activation parse(String id) {
        String name = id.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (name.startsWith("leaky_relu:")) {
            return new LeakyRelu(Float.parseFloat(name.substring("leaky_relu:".length())));
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
}
