package dev.nnj.core.activation;

import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.layer.Init;

/** tanh(x), with tanh'(x) = 1 − tanh²(x) computed from the output. */
public final class Tanh implements Activation {

    Tanh() {
    }

    @Override
    public String id() {
        return "tanh";
    }

    @Override
    public void forward(Kernels k, float[] a, float[] bias, float[] h, int rows, int cols) {
        k.biasTanh(a, bias, h, rows, cols);
    }

    @Override
    public void backward(Kernels k, float[] dA, float[] dH, float[] a, float[] h, int rows, int cols) {
        k.tanhBackward(dA, dH, h, rows * cols);
    }

    @Override
    public Init defaultInit() {
        return Init.GLOROT_UNIFORM;
    }


    @Override
    public String toString() {
        return id();
    }
}
