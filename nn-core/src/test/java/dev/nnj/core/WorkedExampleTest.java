package dev.nnj.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.layer.Dense;
import dev.nnj.core.loss.Loss;
import dev.nnj.core.optim.Sgd;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The 2-2-1 sigmoid network of seed 002 ("NN on p. 1": y = φ(S_1^(2)), two hidden neurons) with squared
 * error L = ½(ŷ − y)², worked through one step of gradient descent by hand with the notes' formulas.
 *
 * <p>The numbers are the first output of the widely used worked example (inputs 0.05, 0.10; hidden
 * weights 0.15, 0.20, 0.25, 0.30 and bias 0.35; output weights 0.40, 0.45 and bias 0.60; target 0.01;
 * η = 0.5), whose published forward values (h₁ = 0.593269992, h₂ = 0.596884378, ŷ = 0.75136507,
 * E = 0.274811083) and output-layer updates (w₅ = 0.35891648, w₆ = 0.408666186) are checked below too.
 * That example has a second output; with one output the hidden δ's and updates differ from its published
 * ones, so they are worked out here by hand (9 digits) and also recomputed in float64.
 *
 * <p>The notes fold the bias into the weights: S_j = Σ_i w_ij·x_i + w_0j·x_0 with x_0 = −1, so
 * ∂L/∂w_0j = −δ_j (13) and w_0j ← w_0j + η·δ_j (25). nnj keeps b_j = −w_0j separate (see {@link Dense}):
 * ∂L/∂b_j = +δ_j and b_j ← b_j − η·δ_j. Here w_0 = −0.35 for the hidden layer and −0.60 for the output.
 */
class WorkedExampleTest {

    // inputs x_1, x_2 and target
    private static final double X1 = 0.05;
    private static final double X2 = 0.10;
    private static final double TARGET = 0.01;
    // hidden layer: w_ij^(1) from input i to hidden neuron j, and the notes' w_0j^(1) = −b
    private static final double W11 = 0.15;
    private static final double W21 = 0.20;
    private static final double W12 = 0.25;
    private static final double W22 = 0.30;
    private static final double W01 = -0.35;
    private static final double W02 = -0.35;
    // output layer: w_i1^(2) from hidden neuron i, and w_01^(2)
    private static final double V1 = 0.40;
    private static final double V2 = 0.45;
    private static final double V0 = -0.60;
    private static final double ETA = 0.5;

    private Network net;
    private Dense hidden;
    private Dense output;

    @BeforeEach
    void build() {
        net = Network.builder(2).dense(2, Activation.SIGMOID).dense(1, Activation.SIGMOID)
                .loss(Loss.SSE).kernels(Kernels.scalar()).build();
        hidden = (Dense) net.layers().get(0);
        output = (Dense) net.layers().get(1);
        // weights are [out][in]; b = −w_0 maps the notes' convention onto ours
        set(hidden.weight(), W11, W21, W12, W22);
        set(hidden.bias(), -W01, -W02);
        set(output.weight(), V1, V2);
        set(output.bias(), -V0);
    }

    @Test
    void biasIsMinusTheNotesWeightOnTheConstantInput() {
        net.forward(new float[] {(float) X1, (float) X2}, 1, false);
        double x0 = -1;
        // S_1^(1) = w_01·x_0 + w_11·x_1 + w_21·x_2 = (−0.35)(−1) + 0.15·0.05 + 0.20·0.10 = 0.3775
        double s1 = W01 * x0 + W11 * X1 + W21 * X2;
        // S_2^(1) = (−0.35)(−1) + 0.25·0.05 + 0.30·0.10 = 0.3925
        double s2 = W02 * x0 + W12 * X1 + W22 * X2;
        assertEquals(0.3775, s1, 1e-15);
        assertEquals(0.3925, s2, 1e-15);
        assertEquals(s1, hidden.preActivation()[0], 1e-7);
        assertEquals(s2, hidden.preActivation()[1], 1e-7);
    }

    @Test
    void forwardMatchesTheHandComputation() {
        float[] y = net.forward(new float[] {(float) X1, (float) X2}, 1, false);
        // h_j = σ(S_j): σ(0.3775) = 0.593269992, σ(0.3925) = 0.596884378
        double h1 = sigmoid(0.3775);
        double h2 = sigmoid(0.3925);
        assertEquals(0.593269992, h1, 1e-9);
        assertEquals(0.596884378, h2, 1e-9);
        assertEquals(h1, hidden.lastOutput()[0], 1e-7);
        assertEquals(h2, hidden.lastOutput()[1], 1e-7);
        // S^(2) = 0.60 + 0.40·0.593269992 + 0.45·0.596884378 = 1.105905967; ŷ = σ(1.105905967) = 0.75136507
        double yHat = sigmoid(-V0 + V1 * h1 + V2 * h2);
        assertEquals(0.75136507, yHat, 1e-8);
        assertEquals(yHat, y[0], 1e-7);
        // L = ½(0.75136507 − 0.01)² = 0.274811083
        assertEquals(0.274811083, 0.5 * (yHat - TARGET) * (yHat - TARGET), 1e-9);
        assertEquals(0.274811083, net.loss(new float[] {(float) TARGET}), 1e-7);
    }

    @Test
    void deltasGiveTheGradients() {
        Hand hand = new Hand();
        net.zeroGrad();
        net.forward(new float[] {(float) X1, (float) X2}, 1, true);
        net.backward(new float[] {(float) TARGET});

        // (14): ∂L/∂w_ij = δ_j·x_i ; (13): ∂L/∂w_0j = −δ_j, i.e. ∂L/∂b_j = +δ_j
        assertRelative(hand.d2 * hand.h1, output.weight().grad()[0]);
        assertRelative(hand.d2 * hand.h2, output.weight().grad()[1]);
        double dLdW0 = hand.d2 * -1; // (1): ∂L/∂w_01^(2) = δ·x_0 with x_0 = −1
        assertRelative(-dLdW0, output.bias().grad()[0]);
        assertRelative(hand.d11 * X1, hidden.weight().grad()[0]);
        assertRelative(hand.d11 * X2, hidden.weight().grad()[1]);
        assertRelative(hand.d12 * X1, hidden.weight().grad()[2]);
        assertRelative(hand.d12 * X2, hidden.weight().grad()[3]);
        assertRelative(hand.d11, hidden.bias().grad()[0]);
        assertRelative(hand.d12, hidden.bias().grad()[1]);
    }

    @Test
    void oneSgdStepGivesTheHandComputedWeights() {
        Hand hand = new Hand();
        net.zeroGrad();
        net.forward(new float[] {(float) X1, (float) X2}, 1, true);
        net.backward(new float[] {(float) TARGET});
        new Sgd((float) ETA).step(Kernels.scalar(), net.parameters(), (float) ETA);

        // (26): w_ij ← w_ij − η·δ_j·x_i
        // w_11^(2) = 0.40 − 0.5·0.138498562·0.593269992 = 0.35891648 (the published value)
        double v1 = V1 - ETA * hand.d2 * hand.h1;
        double v2 = V2 - ETA * hand.d2 * hand.h2;
        assertEquals(0.35891648, v1, 1e-8);
        assertEquals(0.408666186, v2, 1e-9);
        assertEquals(v1, output.weight().value()[0], 1e-7);
        assertEquals(v2, output.weight().value()[1], 1e-7);
        // (25): w_0 ← w_0 + η·δ: −0.60 + 0.5·0.138498562 = −0.530750719, so b = 0.530750719
        double v0 = V0 + ETA * hand.d2;
        assertEquals(-0.530750719, v0, 1e-9);
        assertEquals(-v0, output.bias().value()[0], 1e-7);

        // hidden layer: w_11 = 0.15 − 0.5·0.0133679204·0.05 = 0.149665802, w_21 = 0.199331604,
        // w_12 = 0.25 − 0.5·0.0149960755·0.05 = 0.249625098, w_22 = 0.299250196
        double[] expectedHidden = {W11 - ETA * hand.d11 * X1, W21 - ETA * hand.d11 * X2,
                                   W12 - ETA * hand.d12 * X1, W22 - ETA * hand.d12 * X2};
        double[] byHand = {0.149665802, 0.199331604, 0.249625098, 0.299250196};
        for (int i = 0; i < 4; i++) {
            assertEquals(byHand[i], expectedHidden[i], 1e-9);
            assertEquals(expectedHidden[i], hidden.weight().value()[i], 1e-7);
        }
        // w_0j ← w_0j + η·δ_j: −0.35 + 0.5·0.0133679204 = −0.343316040, −0.35 + 0.5·0.0149960755 = −0.342501962
        assertEquals(-0.343316040, W01 + ETA * hand.d11, 1e-9);
        assertEquals(-0.342501962, W02 + ETA * hand.d12, 1e-9);
        assertEquals(-(W01 + ETA * hand.d11), hidden.bias().value()[0], 1e-7);
        assertEquals(-(W02 + ETA * hand.d12), hidden.bias().value()[1], 1e-7);
    }

    /** The forward values and δ's, computed in float64 with the notes' formulas. */
    private static final class Hand {
        // S_j^(1) = w_0j·x_0 + Σ_i w_ij·x_i with x_0 = −1, h_j = φ(S_j^(1))
        final double h1 = sigmoid(W01 * -1 + W11 * X1 + W21 * X2);
        final double h2 = sigmoid(W02 * -1 + W12 * X1 + W22 * X2);
        final double yHat = sigmoid(V0 * -1 + V1 * h1 + V2 * h2);
        // (22): δ^(2) = ∂L/∂y · φ'(S^(2)) = (ŷ − y)·ŷ(1 − ŷ) = 0.741365070·0.186815602 = 0.138498562
        final double d2 = (yHat - TARGET) * yHat * (1 - yHat);
        // (18), (20): δ_j^(1) = δ^(2)·w_j1^(2)·φ'(S_j^(1))
        // δ_1 = 0.138498562·0.40·0.241300709 = 0.0133679204, δ_2 = 0.138498562·0.45·0.240613417 = 0.0149960755
        final double d11 = d2 * V1 * h1 * (1 - h1);
        final double d12 = d2 * V2 * h2 * (1 - h2);

        Hand() {
            assertEquals(0.138498562, d2, 1e-9);
            assertEquals(0.0133679204, d11, 1e-10);
            assertEquals(0.0149960755, d12, 1e-10);
        }
    }

    /** Agreement to float32 precision: 1e-6 relative (a few roundings of the float32 backward). */
    private static void assertRelative(double expected, float actual) {
        assertEquals(expected, actual, 1e-6 * Math.abs(expected));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static void set(Parameter p, double... values) {
        for (int i = 0; i < values.length; i++) {
            p.value()[i] = (float) values[i];
        }
    }
}
