package dev.nnj.core.layer;

import dev.nnj.core.Parameter;
import dev.nnj.core.Rng;
import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import java.util.Arrays;
import java.util.List;

/**
 * A fully connected layer: A = X·Wᵀ + b, H = g(A), for a minibatch X of M rows.
 *
 * <p>Shapes: X is M×in, the weight W is [out × in] (PyTorch's {@code nn.Linear} layout), the bias b has
 * {@code out} elements, A and H are M×out. The lecture notes instead fold the bias into the weights as
 * w₀ⱼ on a constant input x₀ = −1, so that S_j = Σᵢ wᵢⱼxᵢ − w₀ⱼ; our b_j is −w₀ⱼ of that convention
 * and ∂L/∂b_j = δ_j where the notes have ∂L/∂w₀ⱼ = −δ_j. Keeping b separate gives the same function
 * and avoids a column of −1s in every minibatch.
 *
 * <p>Backward, with G = ∂L/∂A = ∂L/∂H ⊙ g'(A):
 * ∂L/∂W += Gᵀ·X, ∂L/∂b += column sums of G, ∂L/∂X = G·W.
 */
public final class Dense implements Layer {

    /** The weights are one float array: this is the longest array every JVM allocates. */
    private static final int MAX_WEIGHTS = Integer.MAX_VALUE - 8;

    private final int in;
    private final int out;
    private final Activation activation;
    private final Parameter weight;
    private final Parameter bias;

    // Cached by forward for backward.
    private float[] input;      // X, M×in: the caller's array, not copied
    private float[] preAct;     // A, M×out
    private float[] output;     // H, M×out
    // Backward scratch.
    private float[] dPreAct;    // G = ∂L/∂A, M×out
    private float[] dInput;     // ∂L/∂X, M×in

    /**
     * A layer with zero weights whose parameters are named after {@code index}; see
     * {@link #Dense(int, int, int, int, Activation)}.
     */
    public Dense(int index, int in, int out, Activation activation) {
        this(index, index, in, out, activation);
    }

    /**
     * A layer with zero weights; call {@link #initialize} (the network builder does) before training.
     *
     * @param index  position of this layer among the network's layers, used in messages
     * @param module position of this layer in the equivalent PyTorch {@code nn.Sequential}, where each
     *               activation but identity is a module of its own: its parameters are named
     *               {@code layers.<module>.weight} and {@code .bias}, as the tensors of a model file
     */
    public Dense(int index, int module, int in, int out, Activation activation) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("layer " + index + ": Dense sizes must be >= 1, got " + in + "→" + out);
        }
        long weights = (long) in * out;
        if (weights > MAX_WEIGHTS) {
            throw new IllegalArgumentException("layer " + index + " (Dense " + in + "→" + out + "): " + in + " inputs × "
                    + out + " outputs = " + weights + " weights, more than one array holds (" + MAX_WEIGHTS
                    + "); use fewer units");
        }
        this.in = in;
        this.out = out;
        this.activation = activation;
        this.weight = Parameter.zeros("layers." + module + ".weight", out, in);
        this.bias = Parameter.zeros("layers." + module + ".bias", out);
    }

    /** Draws the weights with {@code init} from {@code rng} and sets the bias to zero. */
    public void initialize(Init init, Rng rng) {
        init.fill(weight.value(), in, out, rng);
        Arrays.fill(bias.value(), 0f);
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    public Activation activation() {
        return activation;
    }

    /** W, [out × in]. */
    public Parameter weight() {
        return weight;
    }

    /** b, [out]. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public float[] forward(Kernels k, float[] x, int rows, boolean training) {
        preAct = Buffers.ensure(preAct, rows * out);
        output = Buffers.ensure(output, rows * out);
        input = x;
        // A = X·Wᵀ (NT), then A += b and H = g(A) in one pass
        k.sgemm(false, true, rows, out, in, 1f, x, 0, in, weight.value(), 0, in, 0f, preAct, 0, out);
        activation.forward(k, preAct, bias.value(), output, rows, out);
        return output;
    }

    @Override
    public float[] backward(Kernels k, float[] dOutput, int rows, boolean needInputGradient) {
        dPreAct = Buffers.ensure(dPreAct, rows * out);
        activation.backward(k, dPreAct, dOutput, preAct, output, rows, out);
        return backwardFromPreActivation(k, dPreAct, rows, needInputGradient);
    }

    /**
     * Backward from G = ∂L/∂A directly, skipping the activation: used for the output layer, whose
     * loss computes G fused with the output activation (e.g. softmax + cross-entropy: G = (Ŷ − Y)/M).
     */
    public float[] backwardFromPreActivation(Kernels k, float[] g, int rows, boolean needInputGradient) {
        // ∂L/∂W += Gᵀ·X (TN), ∂L/∂b += column sums of G. Right after zeroGrad() β is 0 and the product
        // overwrites the cleared gradient instead of reading it.
        float beta = weight.gradientBeta();
        k.sgemm(true, false, out, in, rows, 1f, g, 0, out, input, 0, in, beta, weight.grad(), 0, in);
        k.addColumnSums(bias.grad(), g, rows, out);
        if (!needInputGradient) {
            return null;
        }
        // ∂L/∂X = G·W (NN)
        dInput = Buffers.ensure(dInput, rows * in);
        k.sgemm(false, false, rows, in, out, 1f, g, 0, out, weight.value(), 0, in, 0f, dInput, 0, in);
        return dInput;
    }

    /** The pre-activation A of the last forward (M×out), read by losses that fuse with the output activation. */
    public float[] preActivation() {
        return preAct;
    }

    /** The output H of the last forward (M×out). */
    public float[] lastOutput() {
        return output;
    }

    /** A buffer of at least rows×out elements that a loss may fill with G before {@link #backwardFromPreActivation}. */
    public float[] preActivationGradientBuffer(int rows) {
        dPreAct = Buffers.ensure(dPreAct, rows * out);
        return dPreAct;
    }

    @Override
    public String toString() {
        return "Dense " + in + "→" + out + " " + activation;
    }
}
