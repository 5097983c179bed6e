package dev.nnj.core.activation;

import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.layer.Init;

/** The logistic function σ(x) = 1/(1 + e^−x), with σ'(x) = σ(x)(1 − σ(x)) computed from the output. */
public final class Sigmoid implements Activation {

    Sigmoid() {
    }

    @Override
    public String id() {
        return "sigmoid";
    }

    @Override
    public void forward(Kernels k, float[] a, float[] bias, float[] h, int rows, int cols) {
        k.biasSigmoid(a, bias, h, rows, cols);
    }

    @Override
    public void backward(Kernels k, float[] dA, float[] dH, float[] a, float[] h, int rows, int cols) {
        k.sigmoidBackward(dA, dH, h, rows * cols);
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
