package dev.nnj.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.layer.Init;
import dev.nnj.core.loss.Loss;
import org.junit.jupiter.api.Test;

/** {@link GradientCheck}, the user-facing float64 central-difference checker: it passes and it can fail. */
class GradientCheckTest {

    /** Backprop in float32 against float64 differences: about 1e-6 relative, so 1e-4 is a safe bound. */
    private static final double CORRECT_BOUND = 1e-4;

    @Test
    void correctNetworksPass() {
        check(Network.builder(4).dense(5, Activation.TANH).dense(3, Activation.SOFTMAX), Loss.CROSS_ENTROPY, 3);
        check(Network.builder(3).dense(4, Activation.SIGMOID).dense(2, Activation.SIGMOID), Loss.BINARY_CROSS_ENTROPY, 2);
        check(Network.builder(2).dense(3, Activation.TANH).dropout(0.3f).dense(2, Activation.IDENTITY), Loss.MSE, 4);
        check(Network.builder(3).dense(3, Activation.SIGMOID).dense(3, Activation.SOFTMAX), Loss.SSE, 2);
    }

    @Test
    void reportsAWrongDerivative() {
        Activation wrongTanh = new DoubledTanh();
        Network net = Network.builder(4).dense(5, wrongTanh).dense(3, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).seed(7).kernels(Kernels.scalar()).build();
        Matrix x = data(new Rng(1), 3, 4);
        Matrix y = oneHot(3, 3);

        GradientCheck.Result result = GradientCheck.check(net, x, y);

        // every derivative below the hidden layer is twice the true one: |2d − d| / |2d| = 0.5
        assertEquals(0.5, result.relativeError(), 0.05, result.toString());
        assertTrue(!result.passes(0.1));
        assertTrue(result.parameter().equals("layers.0.weight") || result.parameter().equals("layers.0.bias")
                || result.parameter().equals("input"), result.toString());
    }

    private static void check(NetworkBuilder builder, Loss loss, int rows) {
        Network net = builder.loss(loss).seed(3).kernels(Kernels.scalar()).build();
        Matrix x = data(new Rng(rows), rows, net.inputSize());
        Matrix y = loss == Loss.MSE ? data(new Rng(99), rows, net.outputSize()) : oneHot(rows, net.outputSize());

        GradientCheck.Result result = GradientCheck.check(net, x, y);

        assertTrue(result.passes(CORRECT_BOUND), result.toString());
        assertEquals(net.parameterCount() + (long) rows * net.inputSize(), result.checked());
    }

    private static Matrix data(Rng rng, int rows, int cols) {
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.data().length; i++) {
            m.data()[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return m;
    }

    private static Matrix oneHot(int rows, int cols) {
        Matrix m = new Matrix(rows, cols);
        for (int r = 0; r < rows; r++) {
            m.set(r, (r * 2 + 1) % cols, 1f);
        }
        return m;
    }

    /** tanh forward, but a backward that doubles the derivative: the bug a checker must catch. */
    private static final class DoubledTanh implements Activation {

        @Override
        public String id() {
            return "tanh";
        }

        @Override
        public void forward(Kernels k, float[] a, float[] bias, float[] h, int rows, int cols) {
            Activation.TANH.forward(k, a, bias, h, rows, cols);
        }

        @Override
        public void backward(Kernels k, float[] dA, float[] dH, float[] a, float[] h, int rows, int cols) {
            Activation.TANH.backward(k, dA, dH, a, h, rows, cols);
            k.scaleInPlace(dA, 2f, rows * cols);
        }

        @Override
        public Init defaultInit() {
            return Init.GLOROT_UNIFORM;
        }
    }
}
