package dev.nnj.core.optim;

import static dev.nnj.core.optim.OptimizerFixture.assertMatchesReference;
import static dev.nnj.core.optim.OptimizerFixture.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.core.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdaGradTest {

    /**
     * torch.optim.Adagrad (lr_decay 0, initial accumulator 0) as its documentation writes it, in double
     * precision: g = ∇ + λθ; state_sum_t = state_sum + g²; θ ← θ − γ·g/(√state_sum_t + ε).
     */
    private static OptimizerFixture.ReferenceStep reference(float eps, float weightDecay) {
        double epsilon = eps;
        double lambda = weightDecay;
        double[][] stateSum = OptimizerFixture.zerosLikeParameters();
        return (theta, gradient, lr, t) -> {
            for (int p = 0; p < theta.length; p++) {
                for (int i = 0; i < theta[p].length; i++) {
                    double g = gradient[p][i] + lambda * theta[p][i];
                    stateSum[p][i] = stateSum[p][i] + g * g;
                    theta[p][i] = theta[p][i] - lr * g / (Math.sqrt(stateSum[p][i]) + epsilon);
                }
            }
        };
    }

    @Test
    void defaultsMatchTorch() {
        AdaGrad adaGrad = new AdaGrad();
        assertEquals("adagrad", adaGrad.id());
        assertEquals(0.01f, adaGrad.learningRate());
        assertEquals(1e-10f, adaGrad.eps());
        assertEquals(0f, adaGrad.weightDecay());
    }

    @Test
    void adaGradMatchesTheTorchEquations() {
        assertMatchesReference(new AdaGrad(0.01f), reference(1e-10f, 0f));
    }

    @Test
    void weightDecayAndLargeEpsMatchTheTorchEquations() {
        assertMatchesReference(new AdaGrad(0.01f, 1e-2f, 0.1f), reference(1e-2f, 0.1f));
    }

    @Test
    void firstTwoStepsAreWorkedByHand() {
        // Element 0: g₁ = 0.25, s = 0.0625, step 0.1·0.25/0.25 = 0.1 → 0.4;
        // g₂ = 0.5, s = 0.3125, step 0.1·0.5/√0.3125 = 0.1·0.894427191 → 0.3105572809.
        List<Parameter> parameters = OptimizerFixture.parameters();
        AdaGrad adaGrad = new AdaGrad(0.01f);
        OptimizerFixture.run(adaGrad, parameters, 0, 1);
        assertEquals(0.4f, parameters.get(0).value()[0], 1e-7f);
        OptimizerFixture.run(adaGrad, parameters, 1, 2);
        assertEquals(0.3105572809f, parameters.get(0).value()[0], 1e-7f);
        assertArrayEquals(new float[] {0.3125f}, new float[] {adaGrad.state().buffers().get("0.sum")[0]});
    }

    @Test
    void restoreContinuesBitIdentically() {
        OptimizerFixture.assertRestoreContinuesExactly(() -> new AdaGrad(0.01f, 1e-10f, 0.01f));
    }

    @Test
    void hyperparametersAreValidated() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new AdaGrad(Float.POSITIVE_INFINITY)),
                "learning rate must be > 0 and finite, got Infinity");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new AdaGrad(0.01f, 0f, 0f)),
                "eps must be > 0 and finite, got 0.0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new AdaGrad(0.01f, 1e-10f, Float.NaN)),
                "weight decay must be >= 0 and finite, got NaN");
    }
}
