package dev.nnj.core.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.Rng;
import dev.nnj.core.kernel.Kernels;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every activation's value against its float64 formula and its backward against float64 central
 * differences of that formula, plus the edge cases: kinks, ±1e4, ±∞ and NaN.
 */
class ActivationTest {

    private static final int ROWS = 3;
    private static final int COLS = 5;
    private static final double STEP = 1e-5;
    private final Kernels k = Kernels.scalar();

    static Stream<Activation> activations() {
        return Stream.of(Activation.IDENTITY, Activation.SIGMOID, Activation.TANH, Activation.RELU,
                Activation.LEAKY_RELU, new LeakyRelu(0.2f), new LeakyRelu(-0.3f), new LeakyRelu(1.5f), Activation.SOFTMAX);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void forwardAddsTheBiasAndMatchesTheFormula(Activation g) {
        Rng rng = new Rng(11);
        float[] a = preActivations(rng);
        float[] bias = new float[COLS];
        for (int j = 0; j < COLS; j++) {
            bias[j] = (float) (rng.nextDouble() - 0.5);
        }
        float[] a0 = a.clone();
        float[] h = new float[ROWS * COLS];

        g.forward(k, a, bias, h, ROWS, COLS);

        for (int r = 0; r < ROWS; r++) {
            double[] row = new double[COLS];
            for (int j = 0; j < COLS; j++) {
                row[j] = (double) a0[r * COLS + j] + bias[j];
                assertEquals(row[j], a[r * COLS + j], 1e-6, "A += b");
            }
            double[] expected = reference(g, row);
            for (int j = 0; j < COLS; j++) {
                assertEquals(expected[j], h[r * COLS + j], 1e-6 * Math.max(1, Math.abs(expected[j])), g + " value");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void backwardMatchesCentralDifferences(Activation g) {
        Rng rng = new Rng(12);
        float[] a = preActivations(rng);
        float[] h = new float[ROWS * COLS];
        g.forward(k, a, new float[COLS], h, ROWS, COLS);
        float[] dH = new float[ROWS * COLS];
        for (int i = 0; i < dH.length; i++) {
            dH[i] = (float) (2 * rng.nextDouble() - 1);
        }
        float[] dA = new float[ROWS * COLS];
        g.backward(k, dA, dH, a, h, ROWS, COLS);

        for (int r = 0; r < ROWS; r++) {
            for (int i = 0; i < COLS; i++) {
                // ∂/∂a_i of Σ_j dH_j·g(a)_j, in float64: the vector-Jacobian product for softmax too
                double[] plus = row(a, r);
                double[] minus = row(a, r);
                plus[i] += STEP;
                minus[i] -= STEP;
                double[] gp = reference(g, plus);
                double[] gm = reference(g, minus);
                double expected = 0;
                for (int j = 0; j < COLS; j++) {
                    expected += dH[r * COLS + j] * (gp[j] - gm[j]) / (2 * STEP);
                }
                assertEquals(expected, dA[r * COLS + i], 1e-5 * Math.max(1, Math.abs(expected)), g + " derivative");
            }
        }
        // dA may alias dH
        float[] inPlace = dH.clone();
        g.backward(k, inPlace, inPlace, a, h, ROWS, COLS);
        assertArrayEquals(dA, inPlace, 0f);
    }

    @Test
    void reluFamilyAtTheKink() {
        float[] a = {0f, -0f, Float.NaN};
        float[] h = new float[3];
        Activation.RELU.forward(k, a, new float[3], h, 1, 3);
        assertEquals(0, Float.floatToRawIntBits(h[0]));
        assertEquals(0, Float.floatToRawIntBits(h[1]), "relu(−0) is +0");
        assertTrue(Float.isNaN(h[2]), "relu(NaN) stays NaN");

        float[] dA = new float[1];
        Activation.RELU.backward(k, dA, new float[] {3f}, new float[] {0f}, new float[] {0f}, 1, 1);
        assertEquals(0f, dA[0], "relu'(0) = 0, like PyTorch");
        Activation leaky = new LeakyRelu(0.2f);
        leaky.backward(k, dA, new float[] {3f}, new float[] {0f}, new float[] {0f}, 1, 1);
        assertEquals(0.6f, dA[0], 1e-7f, "leaky'(0) = slope");
    }

    @Test
    void aNegativeSlopeMirrorsTheNegativeSide() {
        // torch.nn.LeakyReLU(-0.5) maps [2, −3, 0] to [2, 1.5, −0] and its gradient of ones to [1, −0.5, −0.5].
        Activation leaky = new LeakyRelu(-0.5f);
        float[] a = {2f, -3f, 0f};
        float[] h = new float[3];
        leaky.forward(k, a, new float[3], h, 1, 3);
        assertArrayEquals(new float[] {2f, 1.5f, -0f}, h, 0f);
        float[] dA = new float[3];
        leaky.backward(k, dA, new float[] {1f, 1f, 1f}, a, h, 1, 3);
        assertArrayEquals(new float[] {1f, -0.5f, -0.5f}, dA, 0f);
    }

    @Test
    void sigmoidAndTanhSaturateWithoutNaN() {
        float[] a = {1e4f, -1e4f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        float[] h = new float[4];
        Activation.SIGMOID.forward(k, a.clone(), new float[4], h, 1, 4);
        assertArrayEquals(new float[] {1f, 0f, 1f, 0f}, h, 0f);
        float[] dA = new float[4];
        Activation.SIGMOID.backward(k, dA, new float[] {1, 1, 1, 1}, a, h, 1, 4);
        assertArrayEquals(new float[] {0f, 0f, 0f, 0f}, dA, 0f);

        Activation.TANH.forward(k, a.clone(), new float[4], h, 1, 4);
        assertArrayEquals(new float[] {1f, -1f, 1f, -1f}, h, 0f);
        Activation.TANH.backward(k, dA, new float[] {1, 1, 1, 1}, a, h, 1, 4);
        assertArrayEquals(new float[] {0f, 0f, 0f, 0f}, dA, 0f);
    }

    @Test
    void softmaxIsStableForHugeAndInfiniteLogits() {
        float[] a = {1e4f, 0f, -1e4f, /* row 2 */ 1e4f, 1e4f, 1e4f - 1f, /* row 3 */ Float.NEGATIVE_INFINITY, 0f, 0f};
        float[] h = new float[9];
        Activation.SOFTMAX.forward(k, a, new float[3], h, 3, 3);
        double e = Math.exp(-1);
        float[] expected = {1f, 0f, 0f, (float) (1 / (2 + e)), (float) (1 / (2 + e)), (float) (e / (2 + e)), 0f, 0.5f, 0.5f};
        assertArrayEquals(expected, h, 1e-7f);

        float[] dA = new float[9];
        float[] dH = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        Activation.SOFTMAX.backward(k, dA, dH, a, h, 3, 3);
        for (float v : dA) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void parsesNamesAndRejectsUnknownOnes() {
        assertSame(Activation.IDENTITY, Activation.parse("linear"));
        assertSame(Activation.SIGMOID, Activation.parse("Logistic"));
        assertSame(Activation.LEAKY_RELU, Activation.parse("leaky-relu"));
        assertEquals(0.2f, ((LeakyRelu) Activation.parse("leaky_relu:0.2")).slope());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("swish"));
        assertTrue(e.getMessage().contains("'swish'") && e.getMessage().contains("relu"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LeakyRelu(Float.NaN));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void parsesSlopesWithExponentsAndNamesTheValueWhenTheSlopeIsBad() {
        assertEquals(0.01f, ((LeakyRelu) Activation.parse("leaky_relu:1e-2")).slope());
        assertEquals(0.25f, ((LeakyRelu) Activation.parse(" Leaky-ReLU:2.5E-1 ")).slope());
        // Any finite slope, as torch.nn.LeakyReLU takes; the '-' after the colon is the sign, not a separator.
        assertEquals(-5f, ((LeakyRelu) Activation.parse("leaky_relu:-5")).slope());
        assertEquals(-0.01f, ((LeakyRelu) Activation.parse("leaky-relu:-1e-2")).slope());
        // Infinite slopes are refused, as by the LeakyRelu constructor, with the text that was given.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Activation.parse("leaky_relu:-Infinity"));
        assertEquals("'leaky_relu:-Infinity': leaky ReLU slope must be a finite number, got -Infinity", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("leaky_relu:abc"));
        assertEquals("'leaky_relu:abc': the leaky_relu slope must be a number, got 'abc'; expected e.g. leaky_relu:0.2",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("relu:0.2"));
        assertTrue(e.getMessage().startsWith("unknown activation 'relu:0.2'"), e.getMessage());
    }

    /** Values in [−3, 3], kept at least 0.05 from 0 so that ReLU kinks stay out of the differences. */
    private static float[] preActivations(Rng rng) {
        float[] a = new float[ROWS * COLS];
        for (int i = 0; i < a.length; i++) {
            double v = 6 * rng.nextDouble() - 3;
            a[i] = (float) (Math.abs(v) < 0.05 ? v + Math.copySign(0.1, v) : v);
        }
        return a;
    }

    private static double[] row(float[] a, int r) {
        double[] row = new double[COLS];
        for (int j = 0; j < COLS; j++) {
            row[j] = a[r * COLS + j];
        }
        return row;
    }

    /** The activation of one row, in float64, straight from the textbook formulas. */
    private static double[] reference(Activation g, double[] s) {
        double[] h = new double[s.length];
        if (g.id().equals("softmax")) {
            double sum = 0;
            for (double v : s) {
                sum += Math.exp(v);
            }
            for (int j = 0; j < s.length; j++) {
                h[j] = Math.exp(s[j]) / sum;
            }
            return h;
        }
        for (int j = 0; j < s.length; j++) {
            double v = s[j];
            switch (g.id()) {
                case "identity": h[j] = v; break;
                case "sigmoid": h[j] = 1 / (1 + Math.exp(-v)); break;
                case "tanh": h[j] = (Math.exp(v) - Math.exp(-v)) / (Math.exp(v) + Math.exp(-v)); break;
                case "relu": h[j] = Math.max(v, 0); break;
                case "leaky_relu": h[j] = v > 0 ? v : ((LeakyRelu) g).slope() * v; break;
                default: throw new AssertionError(g.id());
            }
        }
        return h;
    }
}
