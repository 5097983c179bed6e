package dev.nnj.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The deferred clearing of gradients (reads see zeros, overwriting kernels skip the stale values), and the shape. */
class ParameterTest {

    @Test
    void theShapeCannotBeChangedThroughItsAccessor() {
        Parameter p = Parameter.zeros("w", 2, 3);
        p.shape()[0] = 6;
        assertArrayEquals(new int[] {2, 3}, p.shape());
    }

    @Test
    void zeroGradIsSeenAsZerosByEveryRead() {
        Parameter p = Parameter.zeros("w", 2, 3);
        Arrays.fill(p.grad(), 7f);
        p.zeroGrad();
        assertArrayEquals(new float[6], p.grad());
    }

    @Test
    void gradientBetaIsZeroOnlyForTheFirstWriteAfterZeroGrad() {
        Parameter p = Parameter.zeros("w", 4);
        assertEquals(1f, p.gradientBeta(), "a fresh gradient accumulates");
        Arrays.fill(p.grad(), 3f);
        p.zeroGrad();
        assertEquals(0f, p.gradientBeta());
        // the writer now owns the contents: grad() must not wipe what it is about to write
        assertArrayEquals(new float[] {3f, 3f, 3f, 3f}, p.grad());
        assertEquals(1f, p.gradientBeta(), "the second write accumulates onto the first");
    }

    /** Stale NaN in the gradient buffers after zeroGrad must not reach the next backward pass. */
    @Test
    void backwardAfterZeroGradIgnoresStaleGradientValues() {
        for (Kernels kernels : new Kernels[] {Kernels.scalar(), Kernels.auto()}) {
            Network net = Network.builder(3).dense(4, Activation.TANH).dense(2, Activation.SOFTMAX)
                    .seed(11).kernels(kernels).build();
            float[] x = {0.3f, -0.1f, 0.8f, -0.5f, 0.2f, 0.9f};
            float[] y = {0, 1, 1, 0};
            net.zeroGrad();
            net.forward(x, 2, true);
            net.backward(y);
            float[][] clean = net.parameters().stream().map(p -> p.grad().clone()).toArray(float[][]::new);
            for (Parameter p : net.parameters()) {
                Arrays.fill(p.grad(), Float.NaN);
            }
            net.zeroGrad();
            net.forward(x, 2, true);
            net.backward(y);
            for (int i = 0; i < clean.length; i++) {
                Parameter p = net.parameters().get(i);
                assertArrayEquals(clean[i], p.grad(), 0f, p.name() + " on " + kernels.name());
                for (float g : p.grad()) {
                    assertTrue(Float.isFinite(g), p.name());
                }
            }
        }
    }

    @Test
    void shapeMismatchNamesBothSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Parameter("layers.0.weight", new float[6], new float[5], new int[] {2, 3}));
        assertTrue(e.getMessage().contains("layers.0.weight") && e.getMessage().contains("6")
                && e.getMessage().contains("5"), e.getMessage());
    }
}
