package dev.nnj.core.optim;

import static dev.nnj.core.optim.OptimizerFixture.assertMatchesReference;
import static dev.nnj.core.optim.OptimizerFixture.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.Parameter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Adam and AdamW, which share one implementation. */
class AdamTest {

    /**
     * torch.optim.Adam / AdamW as their documentation writes them, in double precision, with explicit
     * bias-corrected moments: Adam adds λθ to the gradient, AdamW first shrinks θ by γλθ; then
     * m_t = β₁m + (1−β₁)g, v_t = β₂v + (1−β₂)g², m̂ = m_t/(1−β₁ᵗ), v̂ = v_t/(1−β₂ᵗ), θ ← θ − γ·m̂/(√v̂ + ε).
     */
    private static OptimizerFixture.ReferenceStep reference(float beta1, float beta2, float eps, float weightDecay,
                                                            boolean decoupled) {
        double b1 = beta1;
        double b2 = beta2;
        double epsilon = eps;
        double lambda = weightDecay;
        double[][] m = OptimizerFixture.zerosLikeParameters();
        double[][] v = OptimizerFixture.zerosLikeParameters();
        return (theta, gradient, lr, t) -> {
            for (int p = 0; p < theta.length; p++) {
                for (int i = 0; i < theta[p].length; i++) {
                    double g = gradient[p][i];
                    if (decoupled) {
                        theta[p][i] = theta[p][i] - lr * lambda * theta[p][i];
                    } else {
                        g = g + lambda * theta[p][i];
                    }
                    m[p][i] = b1 * m[p][i] + (1 - b1) * g;
                    v[p][i] = b2 * v[p][i] + (1 - b2) * g * g;
                    double mHat = m[p][i] / (1 - Math.pow(b1, t));
                    double vHat = v[p][i] / (1 - Math.pow(b2, t));
                    theta[p][i] = theta[p][i] - lr * mHat / (Math.sqrt(vHat) + epsilon);
                }
            }
        };
    }

    @Test
    void adamMatchesTheTorchEquations() {
        assertMatchesReference(new Adam(0.1f), reference(0.9f, 0.999f, 1e-8f, 0f, false));
    }

    @Test
    void adamWithOtherBetasAndLargeEpsMatchesTheTorchEquations() {
        assertMatchesReference(new Adam(0.1f, 0.8f, 0.95f, 1e-2f, 0f), reference(0.8f, 0.95f, 1e-2f, 0f, false));
    }

    @Test
    void adamWithL2WeightDecayMatchesTheTorchEquations() {
        assertMatchesReference(new Adam(0.1f, 0.9f, 0.999f, 1e-8f, 0.1f), reference(0.9f, 0.999f, 1e-8f, 0.1f, false));
    }

    @Test
    void adamWMatchesTheTorchEquations() {
        assertMatchesReference(new AdamW(0.1f, 0.9f, 0.999f, 1e-8f, 0.1f), reference(0.9f, 0.999f, 1e-8f, 0.1f, true));
    }

    @Test
    void adamWDefaultsMatchTorch() {
        AdamW adamW = new AdamW();
        assertEquals("adamw", adamW.id());
        assertEquals(1e-3f, adamW.learningRate());
        assertEquals(0.9f, adamW.beta1());
        assertEquals(0.999f, adamW.beta2());
        assertEquals(1e-8f, adamW.eps());
        assertEquals(0.01f, adamW.weightDecay());
        assertMatchesReference(new AdamW(0.1f), reference(0.9f, 0.999f, 1e-8f, 0.01f, true));

        Adam adam = new Adam();
        assertEquals("adam", adam.id());
        assertEquals(1e-3f, adam.learningRate());
        assertEquals(0f, adam.weightDecay());
    }

    @Test
    void decoupledDecayDiffersFromL2AndVanishesWithoutDecay() {
        float[] adam = valuesAfterThreeSteps(new Adam(0.1f, 0.9f, 0.999f, 1e-8f, 0.1f));
        float[] adamW = valuesAfterThreeSteps(new AdamW(0.1f, 0.9f, 0.999f, 1e-8f, 0.1f));
        // The L2 term is normalised by 1/√v̂ along with the gradient; the decoupled one is not, so the two
        // disagree by far more than rounding.
        for (int i = 0; i < adam.length; i++) {
            assertFalse(Math.abs(adam[i] - adamW[i]) < 1e-4f, "element " + i + ": " + adam[i] + " vs " + adamW[i]);
        }
        assertArrayEquals(valuesAfterThreeSteps(new Adam(0.1f)), valuesAfterThreeSteps(new AdamW(0.1f, 0.9f, 0.999f, 1e-8f, 0f)));
    }

    private static float[] valuesAfterThreeSteps(Optimizer optimizer) {
        List<Parameter> parameters = OptimizerFixture.parameters();
        OptimizerFixture.run(optimizer, parameters, 0, OptimizerFixture.STEPS);
        float[] first = parameters.get(0).value();
        float[] second = parameters.get(1).value();
        float[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Test
    void firstStepMovesEveryElementByTheLearningRate() {
        // At t = 1, m̂ = g and v̂ = g², so the step is η·g/(|g| + ε) = η·sign(g) to within ε/|g|.
        List<Parameter> parameters = OptimizerFixture.parameters();
        OptimizerFixture.run(new Adam(0.1f), parameters, 0, 1);
        assertArrayEquals(new float[] {0.4f, -1.15f, 1.9f}, parameters.get(0).value(), 1e-6f);
        assertArrayEquals(new float[] {0.85f, -0.475f}, parameters.get(1).value(), 1e-6f);
    }

    @Test
    void aDeadUnitsFirstMomentDecaysToExactlyZero() {
        // m = 0.1·0.9^(t−1) falls below Float.MIN_NORMAL after about 800 steps. Unflushed, it would sink to
        // the smallest subnormal, 2⁻¹⁴⁹, and stay there (0.9·2⁻¹⁴⁹ rounds back to it); flushed it is +0,
        // so the parameter stops moving. v = 0.001·0.999^(t−1) is still normal after 1000 steps.
        Adam adam = new Adam(1e-3f);
        Parameter parameter = OptimizerFixture.runDeadUnit(adam, 1000);
        assertTrue(adam.state().buffers().get("0.exp_avg_sq")[0] > 1e-4f);
        OptimizerFixture.assertDeadUnitSettled(adam, parameter, "0.exp_avg");
    }

    @Test
    void stateNamesFollowTorch() {
        Adam adam = new Adam(0.1f);
        OptimizerFixture.run(adam, OptimizerFixture.parameters(), 0, 1);
        assertEquals(List.of("0.exp_avg", "0.exp_avg_sq", "1.exp_avg", "1.exp_avg_sq"),
                List.copyOf(adam.state().buffers().keySet()));
        // After one step m = (1 − β₁)·g = 0.1·g (1 − 0.9f is 0.1 only to float rounding).
        assertArrayEquals(new float[] {-0.2f, 0.0125f}, adam.state().buffers().get("1.exp_avg"), 1e-6f);
    }

    @Test
    void restoreContinuesBitIdentically() {
        OptimizerFixture.assertRestoreContinuesExactly(() -> new Adam(0.1f, 0.9f, 0.999f, 1e-8f, 0.1f));
        OptimizerFixture.assertRestoreContinuesExactly(() -> new AdamW(0.1f));
    }

    @Test
    void restoreRejectsTheOtherVariant() {
        Adam adam = new Adam(0.1f);
        OptimizerFixture.run(adam, OptimizerFixture.parameters(), 0, 1);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new AdamW().restore(adam.state())),
                "'adam'", "'adamw'");
    }

    @Test
    void hyperparametersAreValidated() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new Adam(-0.1f)),
                "learning rate must be > 0 and finite, got -0.1");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new Adam(0.1f, 1f, 0.999f, 1e-8f, 0f)),
                "beta1 must be in [0, 1), got 1.0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new AdamW(0.1f, 0.9f, -0.1f, 1e-8f, 0f)),
                "beta2 must be in [0, 1), got -0.1");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new Adam(0.1f, 0.9f, 0.999f, 0f, 0f)),
                "eps must be > 0 and finite, got 0.0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new AdamW(0.1f, 0.9f, 0.999f, 1e-8f, -1f)),
                "weight decay must be >= 0 and finite, got -1.0");
    }
}
