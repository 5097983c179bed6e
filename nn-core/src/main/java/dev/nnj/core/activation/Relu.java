package dev.nnj.core.activation;

import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.layer.Init;

/** max(x, 0), with derivative 1 for x &gt; 0 and 0 otherwise (0 at x = 0, like PyTorch). */
public final class Relu implements Activation {

    Relu() {
    }

    @Override
    public String id() {
        return "relu";
    }

    @Override
    public void forward(Kernels k, float[] a, float[] bias, float[] h, int rows, int cols) {
        k.biasRelu(a, bias, h, rows, cols);
    }

    @Override
    public void backward(Kernels k, float[] dA, float[] dH, float[] a, float[] h, int rows, int cols) {
        k.reluBackward(dA, dH, a, rows * cols);
    }

    @Override
    public Init defaultInit() {
        return Init.HE_UNIFORM;
    }


    @Override
    public String toString() {
        return id();
    }
}
