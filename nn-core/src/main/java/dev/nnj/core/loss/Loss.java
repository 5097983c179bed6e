package dev.nnj.core.loss;

import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import java.util.Locale;

/**
 * A loss L(Ŷ, Y) averaged over the M rows of a minibatch, with its gradient with respect to the output
 * layer's pre-activation A (where Ŷ = O(A) for the output activation O).
 *
 * <p>The canonical pairs are fused: softmax + cross-entropy and sigmoid + binary cross-entropy give
 * G = (Ŷ − Y)/M directly, and their values are computed from A through log-sum-exp or softplus, so
 * they stay exact and finite when a probability underflows float32. Every other pair goes through the
 * general chain rule G = ∂L/∂Ŷ ⊙ O'(A) (for softmax, the Jacobian-vector product).
 */
public interface Loss {

    /** −Σ_j y_j·log ŷ_j per sample, averaged over the batch (PyTorch's {@code CrossEntropyLoss}). */
    Loss CROSS_ENTROPY = new CrossEntropy();
    /** −Σ_j [y_j·log ŷ_j + (1−y_j)·log(1−ŷ_j)] per sample, averaged over the batch. */
    Loss BINARY_CROSS_ENTROPY = new BinaryCrossEntropy();
    /** ½·Σ_j (ŷ_j − y_j)² per sample, averaged over the batch: the lecture notes' squared error. */
    Loss SSE = new SquaredError(false);
    /** Σ (ŷ − y)² over all M·C elements divided by M·C: PyTorch's {@code MSELoss}. */
    Loss MSE = new SquaredError(true);

    /** The name used in model files and on the command line. */
    String id();

    /**
     * The loss of the batch, in double precision.
     *
     * @param output the output activation O
     * @param a      the output layer's pre-activation A (rows×cols)
     * @param h      Ŷ = O(A)
     * @param y      targets (rows×cols): one-hot or probability rows for cross-entropy
     */
    double value(Activation output, float[] a, float[] h, float[] y, int rows, int cols);

    /** Writes G = ∂L/∂A (rows×cols) into {@code g}. */
    void gradient(Kernels k, Activation output, float[] a, float[] h, float[] y, float[] g, int rows, int cols);

    /**
     * The loss named {@code id}: {@code cross_entropy}, {@code binary_cross_entropy} (alias {@code bce}),
     * {@code sse}, {@code mse}.
     */
    static Loss parse(String id) {
        switch (id.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "cross_entropy":
            case "ce":
                return CROSS_ENTROPY;
            case "binary_cross_entropy":
            case "bce":
                return BINARY_CROSS_ENTROPY;
            case "sse":
                return SSE;
            case "mse":
                return MSE;
            default:
                throw new IllegalArgumentException("unknown loss '" + id
                        + "'; expected one of cross_entropy, binary_cross_entropy, sse, mse");
        }
    }
}
