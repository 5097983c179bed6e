package dev.nnj.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.loss.Loss;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Network bookkeeping: parameter naming, gradient accumulation, buffer reuse and chunked prediction. */
class NetworkTest {

    private final Network net = Network.builder(3).dense(5, Activation.TANH).dropout(0.5f).dense(2, Activation.SOFTMAX)
            .seed(4).kernels(Kernels.scalar()).build();

    @Test
    void namesAndCountsParameters() {
        List<String> names = net.parameters().stream().map(Parameter::name).toList();
        // named as in nn.Sequential(Linear, Tanh, Dropout, Linear, Softmax): the output layer is module 3
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.3.weight", "layers.3.bias"), names);
        assertArrayEquals(new int[] {5, 3}, net.parameters().get(0).shape());
        assertEquals(5 * 3 + 5 + 2 * 5 + 2, net.parameterCount());
        assertEquals(Loss.CROSS_ENTROPY, net.loss(), "softmax defaults to cross-entropy");
    }

    @Test
    void namesParametersByTheirIndexInTheEquivalentSequential() {
        Network n = Network.builder(3).dense(4, Activation.IDENTITY).dense(3, Activation.RELU).dropout(0.1f)
                .dense(2, Activation.IDENTITY).kernels(Kernels.scalar()).build();
        // nn.Sequential(Linear, Linear, ReLU, Dropout, Linear): an identity adds no module
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias",
                "layers.4.weight", "layers.4.bias"), n.parameters().stream().map(Parameter::name).toList());
    }

    @Test
    void aBatchWhoseBuffersWouldExceedAJavaArrayIsRefusedWithTheLargestThatFits() {
        // 1100 rows × 2 100 000 units = 2 310 000 000 values, more than an array's 2 147 483 639; 1022 rows fit.
        Network wide = Network.builder(1).dense(2_100_000, Activation.IDENTITY).kernels(Kernels.scalar()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> wide.forward(new float[1100], 1100, false));
        assertEquals("a batch of 1100 rows needs 2310000000 values for Dense 1→2100000 identity, more than a Java"
                + " array holds (2147483639); use batches of at most 1022 rows", e.getMessage());
    }

    @Test
    void backwardAccumulatesUntilZeroGrad() {
        float[] x = {0.1f, -0.2f, 0.3f, 0.5f, 0.4f, -0.6f};
        float[] y = {1, 0, 0, 1};
        net.zeroGrad();
        net.forward(x, 2, false);
        assertNull(net.backward(y, false), "no input gradient unless asked");
        float[] once = net.parameters().get(0).grad().clone();
        net.backward(y);
        float[] twice = net.parameters().get(0).grad();
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], twice[i], 1e-7f * Math.max(1, Math.abs(once[i])));
        }
        net.zeroGrad();
        for (Parameter p : net.parameters()) {
            assertArrayEquals(new float[p.size()], p.grad());
        }
    }

    @Test
    void smallerBatchAfterALargerOneReusesBuffersCorrectly() {
        Rng rng = new Rng(8);
        float[] big = new float[40 * 3];
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) (2 * rng.nextDouble() - 1);
        }
        float[] first = Arrays.copyOf(big, 6);
        float[] alone = net.forward(first, 2, false).clone();
        net.forward(big, 40, false);
        float[] again = net.forward(first, 2, false);
        assertArrayEquals(alone, Arrays.copyOf(again, 4), 0f);
    }

    @Test
    void predictMatchesTheReferenceAcrossChunks() {
        int rows = 2500; // more than one 1024-row chunk, and a partial last one
        Matrix x = new Matrix(rows, 3);
        Rng rng = new Rng(9);
        for (int i = 0; i < x.data().length; i++) {
            x.data()[i] = (float) (2 * rng.nextDouble() - 1);
        }
        Matrix p = net.predict(x);
        double[][] expected = Reference64.of(net).run(x.data(), new float[rows * 2], rows).output();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 2; c++) {
                assertEquals(expected[r][c], p.get(r, c), 1e-6, "row " + r);
            }
        }
    }
}
