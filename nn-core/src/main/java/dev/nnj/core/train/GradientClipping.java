package dev.nnj.core.train;

import dev.nnj.core.Parameter;
import dev.nnj.core.kernel.Kernels;
import java.util.List;

/** Gradient-norm clipping, as {@code torch.nn.utils.clip_grad_norm_}. */
public final class GradientClipping {

    private GradientClipping() {
    }

    /**
     * If the global L2 norm of all gradients exceeds {@code maxNorm}, scales every gradient by
     * maxNorm/(norm + 1e−6).
     *
     * @return the norm before clipping
     */
    public static double clipGlobalNorm(Kernels k, List<Parameter> params, float maxNorm) {
        double sumSquares = 0;
        for (int i = 0; i < params.size(); i++) { // indexed: no iterator allocated per training step
            Parameter p = params.get(i);
            sumSquares += k.sumOfSquares(p.grad(), p.size());
        }
        double norm = Math.sqrt(sumSquares);
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1) {
            for (int i = 0; i < params.size(); i++) {
                Parameter p = params.get(i);
                k.scaleInPlace(p.grad(), (float) coefficient, p.size());
            }
        }
        return norm;
    }
}
