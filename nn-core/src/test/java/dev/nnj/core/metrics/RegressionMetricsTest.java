package dev.nnj.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.Matrix;
import org.junit.jupiter.api.Test;

class RegressionMetricsTest {

    @Test
    void meanSquaredAndAbsoluteErrorOverAllElements() {
        // Differences −0.5, 0, 1, −2: MSE = (0.25 + 0 + 1 + 4)/4 = 1.3125, MAE = (0.5 + 0 + 1 + 2)/4 = 0.875.
        RegressionMetrics metrics = RegressionMetrics.of(
                Matrix.of(new float[][] {{1, 2}, {3, 4}}), Matrix.of(new float[][] {{1.5f, 2}, {2, 6}}));
        assertEquals(4, metrics.count());
        assertEquals(1.3125, metrics.mse(), 1e-15);
        assertEquals(0.875, metrics.mae(), 1e-15);
    }

    @Test
    void batchesAccumulate() {
        RegressionMetrics metrics = new RegressionMetrics();
        metrics.add(new float[] {1, 2}, new float[] {1.5f, 2});
        metrics.add(new float[] {3, 4}, new float[] {2, 6});
        assertEquals(1.3125, metrics.mse(), 1e-15);
        assertEquals(0.875, metrics.mae(), 1e-15);
        assertTrue(Double.isNaN(new RegressionMetrics().mse()));
    }

    @Test
    void sizesAreValidated() {
        assertEquals("targets has shape 2×1, expected 2×2", assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.of(new Matrix(2, 2), new Matrix(2, 1))).getMessage());
        assertEquals("3 predictions but 2 targets; both need one value per output element",
                assertThrows(IllegalArgumentException.class,
                        () -> new RegressionMetrics().add(new float[3], new float[2])).getMessage());
    }
}
