package dev.nnj.core.layer;

import dev.nnj.core.Parameter;
import dev.nnj.core.Rng;
import dev.nnj.core.kernel.Kernels;
import java.util.List;

/**
 * Inverted dropout: in training each input is kept with probability 1 − p and scaled by 1/(1 − p),
 * so that inference (where the layer is the identity) needs no rescaling. The mask comes from this
 * layer's own seeded {@link Rng}, whose state checkpoints save.
 */
public final class Dropout implements Layer {

    private final int size;
    private final float rate;
    private final Rng rng;

    private float[] mask;    // 0 or 1/(1−p), M×size, cached for backward
    private float[] output;
    private float[] dInput;
    private boolean maskActive; // whether the last forward applied a mask

    /**
     * @param index position among the network's layers, used in messages
     * @param rate  p, the probability of dropping an input, in [0, 1)
     */
    public Dropout(int index, int size, float rate, Rng rng) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("layer " + index + ": dropout probability must be in [0, 1), got " + rate);
        }
        this.size = size;
        this.rate = rate;
        this.rng = rng;
    }

    public float rate() {
        return rate;
    }

    /** The generator drawing the masks (its state is part of a checkpoint). */
    public Rng rng() {
        return rng;
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public float[] forward(Kernels k, float[] input, int rows, boolean training) {
        maskActive = training && rate > 0f;
        if (!maskActive) {
            return input;
        }
        int n = rows * size;
        mask = Buffers.ensure(mask, n);
        output = Buffers.ensure(output, n);
        float keep = 1f - rate;
        float scale = 1f / keep;
        for (int i = 0; i < n; i++) {
            mask[i] = rng.nextFloat() < keep ? scale : 0f;
        }
        k.hadamard(output, input, mask, n);
        return output;
    }

    @Override
    public float[] backward(Kernels k, float[] dOutput, int rows, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        if (!maskActive) {
            return dOutput;
        }
        int n = rows * size;
        dInput = Buffers.ensure(dInput, n);
        k.hadamard(dInput, dOutput, mask, n);
        return dInput;
    }

    @Override
    public String toString() {
        return "Dropout p=" + rate;
    }
}
