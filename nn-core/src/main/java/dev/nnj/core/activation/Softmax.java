package dev.nnj.core.activation;

import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.layer.Init;

/**
 * Row-wise softmax, ŷ_j = e^(a_j) / Σ_i e^(a_i), the output function for classification. Its backward
 * is the Jacobian-vector product dA = H ⊙ (dH − ⟨dH, H⟩) per row; with cross-entropy the loss
 * skips it and computes the fused gradient (Ŷ − Y)/M directly.
 */
public final class Softmax implements Activation {

    Softmax() {
    }

    @Override
    public String id() {
        return "softmax";
    }

    @Override
    public void forward(Kernels k, float[] a, float[] bias, float[] h, int rows, int cols) {
        k.biasSoftmax(a, bias, h, rows, cols);
    }

    @Override
    public void backward(Kernels k, float[] dA, float[] dH, float[] a, float[] h, int rows, int cols) {
        k.softmaxBackward(dA, dH, h, rows, cols);
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
