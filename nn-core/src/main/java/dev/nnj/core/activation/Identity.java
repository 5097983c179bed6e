package dev.nnj.core.activation;

import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.layer.Init;

/** g(x) = x, g'(x) = 1: the linear output of regression networks. */
public final class Identity implements Activation {

    Identity() {
    }

    @Override
    public String id() {
        return "identity";
    }

    @Override
    public void forward(Kernels k, float[] a, float[] bias, float[] h, int rows, int cols) {
        k.biasIdentity(a, bias, h, rows, cols);
    }

    @Override
    public void backward(Kernels k, float[] dA, float[] dH, float[] a, float[] h, int rows, int cols) {
        if (dA != dH) {
            System.arraycopy(dH, 0, dA, 0, rows * cols);
        }
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
