package dev.nnj.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nnj.core.activation.Activation;
import dev.nnj.core.activation.LeakyRelu;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.layer.Dense;
import dev.nnj.core.layer.Layer;
import dev.nnj.core.loss.Loss;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole networks against {@link Reference64}: loss, output, ∂L/∂W, ∂L/∂b and ∂L/∂X.
 *
 * <p>The sweep covers each dimension rather than their product: depth 1–4, every activation in a hidden
 * position, every loss with its canonical output and the non-canonical pairs, the odd widths
 * 1, 3, 7, 17, 33, 65 and batch sizes 1, 2, 5, 16, 37.
 *
 * <p>Tolerance: relative error ≤ 1e-4 per element. An element much smaller than the rest of its tensor
 * is a float32 sum of terms larger than itself, so its absolute error scales with the tensor rather than
 * with the element; elements below {@link #FLOOR} of the tensor's largest magnitude are therefore
 * measured against that floor instead of their own size.
 */
class NetworkGradientTest {

    private static final double TOLERANCE = 1e-4;
    private static final double FLOOR = 1e-2;

    /** Hidden layers (width, activation; a null activation means a dropout layer), then the output. */
    record Case(int inputs, Object[] hidden, int outputs, Activation output, Loss loss, int batch) {

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder().append(inputs);
            for (int i = 0; i < hidden.length; i += 2) {
                s.append(hidden[i + 1] == null ? "-dropout" : "-" + hidden[i] + " " + hidden[i + 1]);
            }
            return s.append("-").append(outputs).append(' ').append(output).append('+').append(loss)
                    .append(", batch ").append(batch).toString();
        }
    }

    private static final Activation ID = Activation.IDENTITY;
    private static final Activation SIG = Activation.SIGMOID;
    private static final Activation TANH = Activation.TANH;
    private static final Activation RELU = Activation.RELU;
    private static final Activation LEAKY = Activation.LEAKY_RELU;
    private static final Activation LEAKY_02 = new LeakyRelu(0.2f);
    private static final Activation SOFTMAX = Activation.SOFTMAX;

    static Stream<Case> cases() {
        return Stream.of(
                // depth 1: the output layer alone
                new Case(3, new Object[0], 7, SOFTMAX, Loss.CROSS_ENTROPY, 5),
                new Case(1, new Object[0], 1, ID, Loss.SSE, 1),
                new Case(17, new Object[0], 3, SIG, Loss.BINARY_CROSS_ENTROPY, 2),
                new Case(7, new Object[0], 1, ID, Loss.MSE, 37),
                // depth 2: every hidden activation once
                new Case(7, new Object[] {17, TANH}, 3, SOFTMAX, Loss.CROSS_ENTROPY, 16),
                new Case(3, new Object[] {7, SIG}, 1, SIG, Loss.BINARY_CROSS_ENTROPY, 37),
                new Case(33, new Object[] {65, RELU}, 7, ID, Loss.MSE, 5),
                new Case(1, new Object[] {3, LEAKY_02}, 1, ID, Loss.SSE, 2),
                new Case(7, new Object[] {17, ID}, 3, SOFTMAX, Loss.SSE, 16),
                new Case(65, new Object[] {65, TANH}, 65, SOFTMAX, Loss.CROSS_ENTROPY, 37),
                // depth 3, including a dropout layer (the identity in inference mode)
                new Case(17, new Object[] {33, TANH, 7, RELU}, 3, SIG, Loss.MSE, 5),
                new Case(65, new Object[] {33, LEAKY, 17, SIG}, 7, TANH, Loss.SSE, 16),
                new Case(3, new Object[] {7, RELU, 0, null, 7, TANH}, 17, SOFTMAX, Loss.CROSS_ENTROPY, 37),
                new Case(5, new Object[] {9, SIG, 4, TANH}, 3, SIG, Loss.BINARY_CROSS_ENTROPY, 1),
                // depth 4
                new Case(7, new Object[] {33, SIG, 17, TANH, 3, LEAKY}, 3, SOFTMAX, Loss.CROSS_ENTROPY, 2),
                new Case(33, new Object[] {65, RELU, 33, ID, 17, TANH}, 1, SIG, Loss.BINARY_CROSS_ENTROPY, 37),
                new Case(3, new Object[] {17, TANH, 7, SIG, 3, RELU}, 7, ID, Loss.MSE, 1),
                new Case(1, new Object[] {7, LEAKY_02, 1, TANH, 3, SIG}, 3, TANH, Loss.SSE, 5),
                new Case(17, new Object[] {7, ID, 0, null, 33, SIG, 3, TANH}, 7, SOFTMAX, Loss.SSE, 16));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesFloat64Reference(Case c) {
        // A record's hashCode mixes in the identity hashes of its activation, loss and array components,
        // which differ from JVM to JVM; the seed must not, or a case tests different weights on each run.
        Network net = build(c, 1000 + Math.floorMod(c.toString().hashCode(), 1000));
        Rng rng = new Rng(c.inputs() * 31L + c.batch());
        float[] x = uniform(rng, c.batch() * c.inputs(), -1, 1);
        float[] y = targets(rng, c.loss(), c.batch(), c.outputs());

        Reference64.Result expected = Reference64.of(net).run(x, y, c.batch());

        net.zeroGrad();
        float[] out = net.forward(x, c.batch(), false).clone();
        double loss = net.loss(y);
        float[] dX = net.backward(y, true).clone();

        assertClose("loss", new double[] {expected.loss()}, new float[] {(float) loss});
        assertClose("output", flatten(expected.output()), out);
        assertClose("dX", flatten(expected.dX()), dX);
        int k = 0;
        for (Layer layer : net.layers()) {
            if (layer instanceof Dense) {
                Dense d = (Dense) layer;
                assertClose(d.weight().name(), flatten(expected.dW().get(k)), d.weight().grad());
                assertClose(d.bias().name(), expected.db().get(k), d.bias().grad());
                k++;
            }
        }
        assertEquals(expected.dW().size(), k);
    }

    static Network build(Case c, long seed) {
        NetworkBuilder b = Network.builder(c.inputs());
        for (int i = 0; i < c.hidden().length; i += 2) {
            if (c.hidden()[i + 1] == null) {
                b.dropout(0.5f);
            } else {
                b.dense((Integer) c.hidden()[i], (Activation) c.hidden()[i + 1]);
            }
        }
        Network net = b.dense(c.outputs(), c.output()).loss(c.loss()).seed(seed).kernels(Kernels.scalar()).build();
        // non-zero biases, so that a bias mix-up cannot hide behind the zero initialisation
        Rng rng = new Rng(seed);
        for (Parameter p : net.parameters()) {
            if (p.shape().length == 1) {
                for (int i = 0; i < p.size(); i++) {
                    p.value()[i] = (float) (rng.nextDouble() - 0.5);
                }
            }
        }
        return net;
    }

    static float[] uniform(Rng rng, int n, double lo, double hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (lo + (hi - lo) * rng.nextDouble());
        }
        return v;
    }

    /** Targets each loss accepts: one-hot and probability rows for CE, 0/1 and soft labels for BCE. */
    static float[] targets(Rng rng, Loss loss, int rows, int cols) {
        float[] y = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            switch (loss.id()) {
                case "cross_entropy":
                    if (r % 2 == 0) {
                        y[r * cols + rng.nextInt(cols)] = 1f;
                    } else {
                        float[] p = uniform(rng, cols, 0.1, 1);
                        float sum = 0;
                        for (float v : p) {
                            sum += v;
                        }
                        for (int j = 0; j < cols; j++) {
                            y[r * cols + j] = p[j] / sum;
                        }
                    }
                    break;
                case "binary_cross_entropy":
                    for (int j = 0; j < cols; j++) {
                        y[r * cols + j] = r % 2 == 0 ? rng.nextInt(2) : (float) rng.nextDouble();
                    }
                    break;
                default:
                    for (int j = 0; j < cols; j++) {
                        y[r * cols + j] = (float) (2 * rng.nextDouble() - 1);
                    }
            }
        }
        return y;
    }

    static double[] flatten(double[][] m) {
        int cols = m[0].length;
        double[] flat = new double[m.length * cols];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, flat, i * cols, cols);
        }
        return flat;
    }

    /** Relative error ≤ {@link #TOLERANCE}, with the per-tensor floor described in the class comment. */
    static void assertClose(String what, double[] expected, float[] actual) {
        double largest = 0;
        for (double e : expected) {
            largest = Math.max(largest, Math.abs(e));
        }
        double floor = Math.max(FLOOR * largest, 1e-30);
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), floor);
            if (!(error <= TOLERANCE)) {
                fail(what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i] + " (relative error " + error + ")");
            }
        }
        assertTrue(actual.length >= expected.length);
    }
}
