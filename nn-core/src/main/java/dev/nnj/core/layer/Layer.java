package dev.nnj.core.layer;

import dev.nnj.core.Parameter;
import dev.nnj.core.kernel.Kernels;
import java.util.List;

/**
 * One stage of a feed-forward network, mapping rows×{@link #inputSize()} to rows×{@link #outputSize()}.
 *
 * <p>Contract: {@link #forward} caches what {@link #backward} needs in buffers the layer owns (sized for
 * the largest batch seen, reused), or by reference to its input array, which the caller leaves unchanged
 * until then (a {@link Dense} layer reads X again for ∂L/∂W); {@code backward} must follow the
 * {@code forward} of the same batch, returns ∂L/∂input and adds (accumulates) the parameter gradients
 * into {@link Parameter#grad()}.
 * Returned arrays belong to the layer and stay valid until its next call. Layers are not thread-safe.
 */
public interface Layer {

    int inputSize();

    int outputSize();

    /**
     * Computes the output for {@code rows} samples in {@code input} (row-major, rows×inputSize).
     *
     * @param training true while training (dropout active), false for inference
     * @return the output buffer; its first rows×outputSize elements are the result
     */
    float[] forward(Kernels k, float[] input, int rows, boolean training);

    /**
     * Back-propagates {@code dOutput} = ∂L/∂output (rows×outputSize) through the last forward.
     *
     * @param needInputGradient false for the first layer of a network, where ∂L/∂input is not needed
     * @return ∂L/∂input (rows×inputSize) in a layer-owned buffer, or null if not requested
     */
    float[] backward(Kernels k, float[] dOutput, int rows, boolean needInputGradient);

    /** Trainable parameters, in a fixed order; empty for layers without any. */
    List<Parameter> parameters();
}
