package dev.nnj.core.optim;

import static dev.nnj.core.optim.OptimizerFixture.assertMatchesReference;
import static dev.nnj.core.optim.OptimizerFixture.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.core.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RmsPropTest {

    /**
     * torch.optim.RMSprop (not centred) as its documentation writes it, in double precision:
     * g = ∇ + λθ; v_t = αv + (1−α)g²; if μ &gt; 0 { b_t = μb + g/(√v_t + ε); θ ← θ − γ·b_t }
     * else θ ← θ − γ·g/(√v_t + ε).
     */
    private static OptimizerFixture.ReferenceStep reference(float alpha, float eps, float weightDecay, float momentum) {
        double a = alpha;
        double epsilon = eps;
        double lambda = weightDecay;
        double mu = momentum;
        double[][] v = OptimizerFixture.zerosLikeParameters();
        double[][] b = OptimizerFixture.zerosLikeParameters();
        return (theta, gradient, lr, t) -> {
            for (int p = 0; p < theta.length; p++) {
                for (int i = 0; i < theta[p].length; i++) {
                    double g = gradient[p][i] + lambda * theta[p][i];
                    v[p][i] = a * v[p][i] + (1 - a) * g * g;
                    double scaled = g / (Math.sqrt(v[p][i]) + epsilon);
                    if (mu > 0) {
                        b[p][i] = mu * b[p][i] + scaled;
                        theta[p][i] = theta[p][i] - lr * b[p][i];
                    } else {
                        theta[p][i] = theta[p][i] - lr * scaled;
                    }
                }
            }
        };
    }

    @Test
    void defaultsMatchTorch() {
        RmsProp rmsProp = new RmsProp();
        assertEquals("rmsprop", rmsProp.id());
        assertEquals(0.01f, rmsProp.learningRate());
        assertEquals(0.99f, rmsProp.alpha());
        assertEquals(1e-8f, rmsProp.eps());
        assertEquals(0f, rmsProp.weightDecay());
        assertEquals(0f, rmsProp.momentum());
    }

    @Test
    void rmsPropMatchesTheTorchEquations() {
        assertMatchesReference(new RmsProp(0.01f), reference(0.99f, 1e-8f, 0f, 0f));
    }

    @Test
    void weightDecayMatchesTheTorchEquations() {
        assertMatchesReference(new RmsProp(0.01f, 0.9f, 1e-8f, 0.1f, 0f), reference(0.9f, 1e-8f, 0.1f, 0f));
    }

    @Test
    void momentumWithWeightDecayAndLargeEpsMatchesTheTorchEquations() {
        assertMatchesReference(new RmsProp(0.01f, 0.9f, 1e-2f, 0.05f, 0.8f), reference(0.9f, 1e-2f, 0.05f, 0.8f));
    }

    @Test
    void firstStepIsTenLearningRatesWithDefaultAlpha() {
        // At t = 1, s = 0.01·g², so the step is η·g/(0.1·|g| + ε) ≈ 10·η·sign(g); η = 0.1 here.
        List<Parameter> parameters = OptimizerFixture.parameters();
        OptimizerFixture.run(new RmsProp(0.01f), parameters, 0, 1);
        assertArrayEquals(new float[] {-0.5f, -0.25f, 1f}, parameters.get(0).value(), 1e-5f);
    }

    @Test
    void aDeadUnitsSquareAverageAndMomentumDecayToExactlyZero() {
        // With α = μ = 0.9, s = 0.1·0.9^(t−1) and buf = 0.9^(t−1)·1/(√0.1 + ε) pass Float.MIN_NORMAL within
        // 850 steps; unflushed both would end at 2⁻¹⁴⁹ and stay there. (A decay of 0.5 would not show it:
        // halving 2⁻¹⁴⁹ rounds to 0.)
        RmsProp rmsProp = new RmsProp(0.01f, 0.9f, 1e-8f, 0f, 0.9f);
        Parameter parameter = OptimizerFixture.runDeadUnit(rmsProp, 1000);
        OptimizerFixture.assertDeadUnitSettled(rmsProp, parameter, "0.square_avg", "0.momentum_buffer");
    }

    @Test
    void stateNamesFollowTorch() {
        RmsProp plain = new RmsProp(0.01f);
        RmsProp withMomentum = new RmsProp(0.01f, 0.99f, 1e-8f, 0f, 0.5f);
        OptimizerFixture.run(plain, OptimizerFixture.parameters(), 0, 1);
        OptimizerFixture.run(withMomentum, OptimizerFixture.parameters(), 0, 1);
        assertEquals(List.of("0.square_avg", "1.square_avg"), List.copyOf(plain.state().buffers().keySet()));
        assertEquals(List.of("0.square_avg", "0.momentum_buffer", "1.square_avg", "1.momentum_buffer"),
                List.copyOf(withMomentum.state().buffers().keySet()));
    }

    @Test
    void restoreContinuesBitIdentically() {
        OptimizerFixture.assertRestoreContinuesExactly(() -> new RmsProp(0.01f));
        OptimizerFixture.assertRestoreContinuesExactly(() -> new RmsProp(0.01f, 0.9f, 1e-8f, 0.01f, 0.9f));
    }

    @Test
    void restoreRejectsStateWithoutTheMomentumBuffer() {
        RmsProp plain = new RmsProp(0.01f);
        OptimizerFixture.run(plain, OptimizerFixture.parameters(), 0, 1);
        RmsProp withMomentum = new RmsProp(0.01f, 0.99f, 1e-8f, 0f, 0.5f);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> withMomentum.restore(plain.state())),
                "0.momentum_buffer is missing");
    }

    @Test
    void hyperparametersAreValidated() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new RmsProp(0f)),
                "learning rate must be > 0 and finite, got 0.0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new RmsProp(0.01f, 1.1f, 1e-8f, 0f, 0f)),
                "alpha must be in [0, 1), got 1.1");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new RmsProp(0.01f, 0.99f, -1e-8f, 0f, 0f)),
                "eps must be > 0 and finite, got -1.0E-8");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new RmsProp(0.01f, 0.99f, 1e-8f, 0f, 1f)),
                "momentum must be in [0, 1), got 1.0");
    }
}
