package dev.nnj.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nnj.core.kernel.Kernels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs each benchmark's setup (including its check against the scalar reference) and one call, as JMH
 * would, so that a broken benchmark fails the build rather than a half-hour run.
 */
class BenchmarkSetupTest {

    private static boolean simdAvailable() {
        try (Kernels k = Kernels.simd(1)) {
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static void requireBackend(String kernels) {
        assumeTrue(kernels.equals("scalar") || simdAvailable(), "SIMD kernels are not available in this JVM");
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd-1", "simd"})
    void gemmCountsFlopsAndMatchesTheReference(String kernels) {
        requireBackend(kernels);
        for (String transpose : new String[] {"NN", "NT", "TN"}) {
            GemmBenchmark b = new GemmBenchmark();
            b.transpose = transpose;
            b.shape = "128x256x10";
            b.kernels = kernels;
            b.setUp();
            GemmBenchmark.Flops flops = new GemmBenchmark.Flops();

            float[] c = b.sgemm(flops);
            b.sgemm(flops);
            b.tearDown();

            assertEquals(2 * 2.0 * 128 * 256 * 10 / 1e9, flops.gflop, 1e-15);
            assertEquals(128 * 10, c.length);
            assertTrue(allFinite(c), "every element of C written");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd"})
    void elementWiseBenchmarksSetUpAndRun(String kernels) {
        requireBackend(kernels);
        for (String activation : new String[] {"relu", "leaky_relu", "sigmoid", "tanh"}) {
            ActivationBenchmark b = new ActivationBenchmark();
            b.activation = activation;
            b.shape = "128x128";
            b.kernels = kernels;
            b.setUp();
            float[] h = b.forward().clone();
            assertArrayEquals(h, b.forward(), "repeated forward calls see the same input");
            assertTrue(allFinite(b.backward()), activation + " backward computes from real activations");
            b.tearDown();
        }
        SoftmaxBenchmark s = new SoftmaxBenchmark();
        s.shape = "128x10";
        s.kernels = kernels;
        s.setUp();
        float[] h = s.forward();
        float rowSum = 0;
        for (int j = 0; j < 10; j++) {
            rowSum += h[j];
        }
        assertEquals(1f, rowSum, 1e-5f);
        assertTrue(allFinite(s.backward()));
        s.tearDown();
        for (String optimizer : new String[] {"sgd", "momentum", "adam", "adamw", "rmsprop", "adagrad"}) {
            OptimizerBenchmark o = new OptimizerBenchmark();
            o.optimizer = optimizer;
            o.size = 1280;
            o.kernels = kernels;
            o.setUp();
            float before = o.update()[0];
            assertTrue(o.update()[0] != before, optimizer + " changes the parameters");
            o.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd"})
    void trainingStepLearnsAndCountsSamples(String kernels) {
        requireBackend(kernels);
        TrainingStepBenchmark b = new TrainingStepBenchmark();
        b.batch = 32;
        b.kernels = kernels;
        b.optimizer = "adam";
        b.setUp();
        TrainingStepBenchmark.Samples samples = new TrainingStepBenchmark.Samples();
        float before = b.step(samples)[0];
        for (int i = 0; i < 7; i++) {
            b.step(samples);
        }
        assertTrue(b.step(samples)[0] != before, "the optimizer updates the first weight");
        assertEquals(9 * 32, samples.samples);
        b.tearDown();
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd"})
    void inferenceReturnsProbabilities(String kernels) {
        requireBackend(kernels);
        InferenceBenchmark b = new InferenceBenchmark();
        b.batch = 3;
        b.kernels = kernels;
        b.setUp();
        InferenceBenchmark.Samples samples = new InferenceBenchmark.Samples();
        float[] out = b.predict(samples);
        float sum = 0;
        for (int j = 0; j < 10; j++) {
            sum += out[2 * 10 + j];
        }
        assertEquals(1f, sum, 1e-5f, "softmax rows of the last sample");
        assertEquals(3, samples.samples);
        b.tearDown();
    }

    @Test
    void modelIoRoundTrips() throws Exception {
        ModelIoBenchmark b = new ModelIoBenchmark();
        b.setUp();
        Path written = b.save();
        assertTrue(Files.size(written) > 4L * 235_146, "all weights written");
        assertEquals(784, b.load().network().inputSize());
        b.tearDown();
        assertTrue(Files.notExists(written), "temporary files removed");
    }

    @Test
    void calibrationIsDeterministic() {
        CalibrationBenchmark c = new CalibrationBenchmark();
        c.setUp();
        float first = c.multiplyAddChain();
        assertEquals(first, c.multiplyAddChain());
        assertTrue(Float.isFinite(first) && first > 0);
    }

    @Test
    void parametersAreValidated() {
        assertEquals(new GemmShape(64, 64, 64), GemmShape.parse("64"));
        assertEquals(new GemmShape(128, 784, 256), GemmShape.parse("128x784x256"));
        assertThrows(IllegalArgumentException.class, () -> GemmShape.parse("128x784"));
        assertThrows(IllegalArgumentException.class, () -> KernelChoice.open("gpu"));
        assertThrows(IllegalArgumentException.class, () -> KernelChoice.open("simd-x"));
        assertEquals("scalar", KernelChoice.open("scalar").name());
    }

    @Test
    void checkRejectsWrongAndUnwrittenElements() {
        float[] expected = {1f, 2f, 3f};
        Inputs.requireClose("ok", expected, new float[] {1f, 2.00001f, 3f}, 3, 1e-4);
        IllegalStateException wrong = assertThrows(IllegalStateException.class,
                () -> Inputs.requireClose("op", expected, new float[] {1f, 2.1f, 3f}, 3, 1e-4));
        assertTrue(wrong.getMessage().contains("element 1"), wrong.getMessage());
        assertThrows(IllegalStateException.class,
                () -> Inputs.requireClose("op", expected, new float[] {1f, 2f, Float.NaN}, 3, 1e-4));
        float[] gradient = {1e-3f, 1e-9f, -2e-3f};
        Inputs.requireCloseToScale("ok", gradient, new float[] {1e-3f, -1e-9f, -2e-3f}, 3, 1e-3);
        assertThrows(IllegalStateException.class,
                () -> Inputs.requireCloseToScale("op", gradient, new float[] {1e-3f, 1e-4f, -2e-3f}, 3, 1e-3));
    }

    private static boolean allFinite(float[] x) {
        for (float v : x) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
