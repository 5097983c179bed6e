package dev.nnj.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.Rng;
import dev.nnj.core.kernel.Kernels;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Inverted dropout: kept inputs scaled by 1/(1 − p) in training, the identity in inference. */
class DropoutTest {

    private final Kernels k = Kernels.scalar();

    @Test
    void trainingKeepsAboutOneMinusPAndScalesTheRest() {
        int n = 20_000;
        float p = 0.3f;
        Dropout dropout = new Dropout(0, n, p, new Rng(1));
        float[] x = new float[n];
        Arrays.fill(x, 2f);

        float[] out = dropout.forward(k, x, 1, true);
        float[] dOut = new float[n];
        Arrays.fill(dOut, 1f);
        float[] dIn = dropout.backward(k, dOut, 1, true);

        float kept = 2f / (1f - p);
        int keptCount = 0;
        for (int i = 0; i < n; i++) {
            assertTrue(out[i] == 0f || out[i] == kept, "value " + out[i]);
            // the gradient flows through exactly the kept inputs, with the same scale
            assertEquals(out[i] == 0f ? 0f : 1f / (1f - p), dIn[i]);
            keptCount += out[i] == 0f ? 0 : 1;
        }
        // binomial(n, 0.7): standard deviation √(n·0.7·0.3) ≈ 65, i.e. 0.0032 of n
        assertEquals(1 - p, keptCount / (double) n, 0.02);
    }

    @Test
    void inferenceAndZeroRateAreTheIdentity() {
        float[] x = {1f, -2f, 3f};
        Dropout dropout = new Dropout(0, 3, 0.5f, new Rng(2));
        assertSame(x, dropout.forward(k, x, 1, false));
        float[] d = {4f, 5f, 6f};
        assertSame(d, dropout.backward(k, d, 1, true));
        Dropout none = new Dropout(0, 3, 0f, new Rng(3));
        assertSame(x, none.forward(k, x, 1, true));
    }
}
