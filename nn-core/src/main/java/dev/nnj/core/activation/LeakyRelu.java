package dev.nnj.core.activation;

import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.layer.Init;

/**
 * x for x &gt; 0, slope·x otherwise; derivative 1 or slope. The default slope 0.01 is PyTorch's, and as
 * with PyTorch's {@code LeakyReLU} any finite slope is allowed: a negative one, or one above 1, keeps the
 * function piecewise linear and its derivative is still taken from the pre-activation's sign.
 */
public final class LeakyRelu implements Activation {

    public static final float DEFAULT_SLOPE = 0.01f;

    private final float slope;

    public LeakyRelu(float slope) {
        if (!Float.isFinite(slope)) {
            throw new IllegalArgumentException("leaky ReLU slope must be a finite number, got " + slope);
        }
        this.slope = slope;
    }

    public float slope() {
        return slope;
    }

    @Override
    public String id() {
        return "leaky_relu";
    }

    @Override
    public void forward(Kernels k, float[] a, float[] bias, float[] h, int rows, int cols) {
        k.biasLeakyRelu(a, bias, h, rows, cols, slope);
    }

    @Override
    public void backward(Kernels k, float[] dA, float[] dH, float[] a, float[] h, int rows, int cols) {
        k.leakyReluBackward(dA, dH, a, rows * cols, slope);
    }

    @Override
    public Init defaultInit() {
        return Init.HE_UNIFORM;
    }


    @Override
    public boolean equals(Object o) {
        return o instanceof LeakyRelu && ((LeakyRelu) o).slope == slope;
    }

    @Override
    public int hashCode() {
        return Float.hashCode(slope);
    }

    @Override
    public String toString() {
        return slope == DEFAULT_SLOPE ? id() : id() + ":" + slope;
    }
}
