package dev.nnj.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.Rng;
import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every loss, paired with its canonical output activation and with non-canonical ones: the value against
 * the definitions in {@link Loss}'s javadoc evaluated in float64, and G = ∂L/∂A against float64 central
 * differences of that value. Then the stability cases, where a probability underflows float32.
 */
class LossTest {

    private static final int ROWS = 4;
    private static final int COLS = 3;
    private static final double STEP = 1e-6;
    private final Kernels k = Kernels.scalar();

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of(Activation.SOFTMAX, Loss.CROSS_ENTROPY),
                Arguments.of(Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY),
                Arguments.of(Activation.IDENTITY, Loss.SSE),
                Arguments.of(Activation.IDENTITY, Loss.MSE),
                Arguments.of(Activation.SOFTMAX, Loss.SSE),
                Arguments.of(Activation.SIGMOID, Loss.MSE),
                Arguments.of(Activation.TANH, Loss.SSE),
                Arguments.of(Activation.SIGMOID, Loss.CROSS_ENTROPY),
                Arguments.of(Activation.SOFTMAX, Loss.BINARY_CROSS_ENTROPY));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("pairs")
    void valueAndGradientMatchFloat64(Activation output, Loss loss) {
        Rng rng = new Rng(5);
        float[] a = new float[ROWS * COLS];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (4 * rng.nextDouble() - 2);
        }
        float[] y = targets(rng, loss);
        float[] h = new float[a.length];
        output.forward(k, a, new float[COLS], h, ROWS, COLS);

        double value = loss.value(output, a, h, y, ROWS, COLS);
        double expected = reference(output, loss, toDouble(a), y);
        assertEquals(expected, value, 1e-6 * Math.abs(expected), "loss value");

        float[] g = new float[a.length];
        loss.gradient(k, output, a, h, y, g, ROWS, COLS);
        for (int i = 0; i < a.length; i++) {
            double[] plus = toDouble(a);
            double[] minus = toDouble(a);
            plus[i] += STEP;
            minus[i] -= STEP;
            double numerical = (reference(output, loss, plus, y) - reference(output, loss, minus, y)) / (2 * STEP);
            assertEquals(numerical, g[i], 1e-5 * Math.max(1e-2, Math.abs(numerical)), "∂L/∂A[" + i + "]");
        }
    }

    @Test
    void crossEntropyStaysExactWhenTheTargetProbabilityUnderflows() {
        // logits [1000, 0], target class 1: ŷ_1 = e^−1000 is 0 in float32 (and float64), yet
        // L = logsumexp(a) − a_1 = 1000 + log(1 + e^−1000) − 0 = 1000, and G = ŷ − y = [1 − 0, 0 − 1]
        float[] a = {1000f, 0f};
        float[] y = {0f, 1f};
        float[] h = softmax(a, 1, 2);
        assertEquals(0f, h[1]);
        assertEquals(1000.0, Loss.CROSS_ENTROPY.value(Activation.SOFTMAX, a, h, y, 1, 2), 1e-9);
        float[] g = new float[2];
        Loss.CROSS_ENTROPY.gradient(k, Activation.SOFTMAX, a, h, y, g, 1, 2);
        assertArrayEquals(new float[] {1f, -1f}, g, 0f);

        // ±1e4 over a batch of M = 2: the second row is perfectly classified (loss 0); the mean is 2e4/2,
        // and G = (ŷ − y)/M
        a = new float[] {1e4f, -1e4f, 1e4f, -1e4f};
        y = new float[] {0f, 1f, 1f, 0f};
        h = softmax(a, 2, 2);
        assertEquals(1e4, Loss.CROSS_ENTROPY.value(Activation.SOFTMAX, a, h, y, 2, 2), 1e-9);
        g = new float[4];
        Loss.CROSS_ENTROPY.gradient(k, Activation.SOFTMAX, a, h, y, g, 2, 2);
        assertArrayEquals(new float[] {0.5f, -0.5f, 0f, 0f}, g, 0f);
    }

    @Test
    void crossEntropyIgnoresAMaskedClass() {
        // a logit of −∞ is a class with probability 0; with target class 0: L = log(e^0 + e^0) = log 2
        float[] a = {0f, 0f, Float.NEGATIVE_INFINITY};
        float[] y = {1f, 0f, 0f};
        float[] h = softmax(a, 1, 3);
        assertEquals(Math.log(2), Loss.CROSS_ENTROPY.value(Activation.SOFTMAX, a, h, y, 1, 3), 1e-12);
        float[] g = new float[3];
        Loss.CROSS_ENTROPY.gradient(k, Activation.SOFTMAX, a, h, y, g, 1, 3);
        assertArrayEquals(new float[] {-0.5f, 0.5f, 0f}, g, 0f);
    }

    @Test
    void binaryCrossEntropyUsesTheLogitsWhenTheSigmoidSaturates() {
        // σ(−1e4) = 0 and σ(1e4) = 1 in float32; from the logits: L = softplus(−a) for y = 1 and
        // softplus(a) for y = 0, so both wrong rows cost 1e4 and the confident right one e^−30 ≈ 9.4e−14.
        float[] a = {-1e4f, 1e4f, 30f};
        float[] y = {1f, 0f, 1f};
        float[] h = new float[3];
        Activation.SIGMOID.forward(k, a, new float[1], h, 3, 1);
        double expected = (1e4 + 1e4 + Math.log1p(Math.exp(-30))) / 3;
        assertEquals(expected, Loss.BINARY_CROSS_ENTROPY.value(Activation.SIGMOID, a, h, y, 3, 1), 1e-9);
        float[] g = new float[3];
        Loss.BINARY_CROSS_ENTROPY.gradient(k, Activation.SIGMOID, a, h, y, g, 3, 1);
        assertArrayEquals(new float[] {-1f / 3, 1f / 3, 0f}, g, 1e-7f);
        for (float v : g) {
            assertTrue(Float.isFinite(v));
        }
    }

    /**
     * Without a sigmoid the probabilities saturate to exactly 0 and 1: as torch's BCELoss (log ≥ −100,
     * ŷ(1 − ŷ) ≥ 1e−12) the right rows cost 0 with gradient 0, the wrong one 100 with gradient
     * (1 − 0)/(1e−12·M) before the softmax backward, not 0/0.
     */
    @Test
    void binaryCrossEntropyStaysFiniteWhenProbabilitiesSaturate() {
        float[] h = {1f, 0f, 0f, 1f, 0f, 1f}; // three rows of a two-class softmax
        float[] y = {1f, 0f, 0f, 1f, 1f, 0f}; // the last row is confidently wrong
        double expected = (0 + 0 + (100 + 100)) / 3.0;
        assertEquals(expected, Loss.BINARY_CROSS_ENTROPY.value(Activation.SOFTMAX, new float[6], h, y, 3, 2), 1e-9);
        float[] g = new float[6];
        Loss.BINARY_CROSS_ENTROPY.gradient(k, Activation.SOFTMAX, new float[6], h, y, g, 3, 2);
        for (float v : g) {
            assertTrue(Float.isFinite(v), java.util.Arrays.toString(g));
        }
        // Softmax backward of rows whose outputs are exactly 0 and 1 is 0: ŷ_i(g_i − Σ_j ŷ_j g_j).
        assertArrayEquals(new float[6], g, 0f);
    }

    @Test
    void parsesNamesAndRejectsUnknownOnes() {
        assertSame(Loss.CROSS_ENTROPY, Loss.parse("ce"));
        assertSame(Loss.BINARY_CROSS_ENTROPY, Loss.parse("BCE"));
        assertSame(Loss.SSE, Loss.parse("sse"));
        assertSame(Loss.MSE, Loss.parse(" mse "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Loss.parse("hinge"));
        assertTrue(e.getMessage().contains("'hinge'") && e.getMessage().contains("cross_entropy"), e.getMessage());
    }

    private float[] softmax(float[] a, int rows, int cols) {
        float[] h = new float[a.length];
        Activation.SOFTMAX.forward(k, a, new float[cols], h, rows, cols);
        return h;
    }

    private static float[] targets(Rng rng, Loss loss) {
        float[] y = new float[ROWS * COLS];
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < COLS; j++) {
                if (loss == Loss.CROSS_ENTROPY) {
                    y[r * COLS + j] = j == r % COLS ? 1f : 0f;
                } else if (loss == Loss.BINARY_CROSS_ENTROPY) {
                    y[r * COLS + j] = r % 2 == 0 ? rng.nextInt(2) : (float) rng.nextDouble();
                } else {
                    y[r * COLS + j] = (float) (2 * rng.nextDouble() - 1);
                }
            }
        }
        if (loss == Loss.CROSS_ENTROPY) {
            y[COLS] = 0.25f; // a probability row: [0.25, 0.75, 0]
            y[COLS + 1] = 0.75f;
        }
        return y;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    /** L(A) in float64: Ŷ = O(A) row by row, then the loss as its javadoc defines it. */
    private static double reference(Activation output, Loss loss, double[] a, float[] y) {
        double[] yHat = new double[a.length];
        for (int r = 0; r < ROWS; r++) {
            double sum = 0;
            for (int j = 0; j < COLS; j++) {
                sum += Math.exp(a[r * COLS + j]);
            }
            for (int j = 0; j < COLS; j++) {
                double v = a[r * COLS + j];
                switch (output.id()) {
                    case "softmax": yHat[r * COLS + j] = Math.exp(v) / sum; break;
                    case "sigmoid": yHat[r * COLS + j] = 1 / (1 + Math.exp(-v)); break;
                    case "tanh": yHat[r * COLS + j] = Math.tanh(v); break;
                    default: yHat[r * COLS + j] = v;
                }
            }
        }
        double total = 0;
        for (int i = 0; i < a.length; i++) {
            double p = yHat[i];
            double t = y[i];
            switch (loss.id()) {
                case "cross_entropy": total -= t == 0 ? 0 : t * Math.log(p); break;
                case "binary_cross_entropy": total -= t * Math.log(p) + (1 - t) * Math.log(1 - p); break;
                default: total += (p - t) * (p - t);
            }
        }
        switch (loss.id()) {
            case "sse": return 0.5 * total / ROWS;
            case "mse": return total / (ROWS * COLS);
            default: return total / ROWS;
        }
    }
}
