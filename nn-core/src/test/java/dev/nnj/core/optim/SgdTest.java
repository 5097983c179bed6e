package dev.nnj.core.optim;

import static dev.nnj.core.optim.OptimizerFixture.assertMatchesReference;
import static dev.nnj.core.optim.OptimizerFixture.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.core.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class SgdTest {

    /**
     * torch.optim.SGD's algorithm as its documentation writes it (dampening τ = 0), in double precision:
     * g_t = ∇ + λθ; if μ ≠ 0 { b_t = (t &gt; 1) ? μ·b_{t−1} + g_t : g_t; g_t = nesterov ? g_t + μ·b_t : b_t };
     * θ_t = θ_{t−1} − γ·g_t.
     */
    private static OptimizerFixture.ReferenceStep reference(float momentum, float weightDecay, boolean nesterov) {
        double mu = momentum;
        double lambda = weightDecay;
        double[][] b = OptimizerFixture.zerosLikeParameters();
        return (theta, gradient, lr, t) -> {
            for (int p = 0; p < theta.length; p++) {
                for (int i = 0; i < theta[p].length; i++) {
                    double g = gradient[p][i] + lambda * theta[p][i];
                    if (mu != 0) {
                        b[p][i] = t > 1 ? mu * b[p][i] + g : g;
                        g = nesterov ? g + mu * b[p][i] : b[p][i];
                    }
                    theta[p][i] = theta[p][i] - lr * g;
                }
            }
        };
    }

    @Test
    void plainGradientDescentMatchesTheTorchEquations() {
        assertMatchesReference(new Sgd(0.1f), reference(0f, 0f, false));
    }

    @Test
    void weightDecayMatchesTheTorchEquations() {
        assertMatchesReference(new Sgd(0.1f, 0f, 0.1f, false), reference(0f, 0.1f, false));
    }

    @Test
    void momentumMatchesTheTorchEquations() {
        assertMatchesReference(new Sgd(0.1f, 0.9f, 0f, false), reference(0.9f, 0f, false));
    }

    @Test
    void nesterovMatchesTheTorchEquations() {
        assertMatchesReference(new Sgd(0.1f, 0.9f, 0f, true), reference(0.9f, 0f, true));
    }

    @Test
    void nesterovWithWeightDecayMatchesTheTorchEquations() {
        assertMatchesReference(new Sgd(0.1f, 0.8f, 0.05f, true), reference(0.8f, 0.05f, true));
    }

    @Test
    void firstStepIsWorkedByHand() {
        // θ = 0.5, g = 0.25, η = 0.1: plain SGD gives 0.5 − 0.025 = 0.475. With momentum the buffer starts
        // as the gradient itself, so the first step is the same; Nesterov adds μ·b: 0.5 − 0.1·(0.25 + 0.9·0.25).
        assertEquals(0.475f, firstValueAfterOneStep(new Sgd(0.1f)), 1e-7f);
        assertEquals(0.475f, firstValueAfterOneStep(new Sgd(0.1f, 0.9f, 0f, false)), 1e-7f);
        assertEquals(0.4525f, firstValueAfterOneStep(new Sgd(0.1f, 0.9f, 0f, true)), 1e-7f);
    }

    private static float firstValueAfterOneStep(Optimizer optimizer) {
        List<Parameter> parameters = OptimizerFixture.parameters();
        OptimizerFixture.run(optimizer, parameters, 0, 1);
        return parameters.get(0).value()[0];
    }

    @Test
    void aDeadUnitsMomentumBufferDecaysToExactlyZero() {
        // buf = 0.9^(t−1) passes Float.MIN_NORMAL after about 830 steps; unflushed it would stay at 2⁻¹⁴⁹.
        Sgd sgd = new Sgd(0.1f, 0.9f, 0f, false);
        Parameter parameter = OptimizerFixture.runDeadUnit(sgd, 1000);
        OptimizerFixture.assertDeadUnitSettled(sgd, parameter, "0.momentum_buffer");
    }

    @Test
    void stateNamesFollowTorch() {
        Sgd sgd = new Sgd(0.1f, 0.9f, 0f, false);
        OptimizerFixture.run(sgd, OptimizerFixture.parameters(), 0, 1);
        OptimizerState state = sgd.state();
        assertEquals("sgd", state.optimizer());
        assertEquals(1, state.steps());
        assertEquals(List.of("0.momentum_buffer", "1.momentum_buffer"), List.copyOf(state.buffers().keySet()));
        // After the first step the buffer is the first gradient.
        assertArrayEquals(OptimizerFixture.GRADIENTS[0][1], state.buffers().get("1.momentum_buffer"));

        Sgd plain = new Sgd(0.1f);
        OptimizerFixture.run(plain, OptimizerFixture.parameters(), 0, 1);
        assertEquals(0, plain.state().buffers().size());
    }

    @Test
    void restoreContinuesBitIdentically() {
        OptimizerFixture.assertRestoreContinuesExactly(() -> new Sgd(0.1f));
        OptimizerFixture.assertRestoreContinuesExactly(() -> new Sgd(0.1f, 0.9f, 0.01f, false));
        OptimizerFixture.assertRestoreContinuesExactly(() -> new Sgd(0.1f, 0.9f, 0.01f, true));
    }

    @Test
    void hyperparametersAreValidated() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new Sgd(-0.1f)),
                "learning rate must be > 0", "got -0.1");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new Sgd(0f)), "got 0.0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new Sgd(Float.NaN)), "got NaN");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1f, 1.5f, 0f, false)),
                "momentum must be in [0, 1), got 1.5");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1f, -0.5f, 0f, false)),
                "momentum must be in [0, 1), got -0.5");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1f, 0f, -0.01f, false)),
                "weight decay must be >= 0", "got -0.01");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1f, 0f, 0f, true)),
                "Nesterov momentum requires momentum > 0");
    }
}
