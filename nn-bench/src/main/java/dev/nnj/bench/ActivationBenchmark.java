package dev.nnj.bench;

import dev.nnj.core.kernel.Kernels;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fused bias + activation of a hidden layer's forward pass and its backward, at the hidden-layer
 * sizes of a 784-256-128-10 network at batch 128.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Element-wise loops have few inlining choices, so one extra fork suffices to expose JIT variance.
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
// Calls take microseconds: C2 has compiled the loop within the first iteration, the rest settles it.
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ActivationBenchmark {

    @Param({"relu", "leaky_relu", "sigmoid", "tanh"})
    public String activation;

    /** rows×cols of the pre-activation: batch × layer width. */
    @Param({"128x256", "128x128"})
    public String shape;

    @Param({"scalar", "simd"})
    public String kernels;

    private enum Kind { RELU, LEAKY_RELU, SIGMOID, TANH }

    private static final float SLOPE = 0.01f;

    private Kernels backend;
    private Kind kind;
    private int rows;
    private int cols;
    private float[] a;
    private float[] bias;
    private float[] h;
    private float[] dH;
    private float[] dA;

    @Setup(Level.Trial)
    public void setUp() {
        kind = Kind.valueOf(activation.toUpperCase(Locale.ROOT));
        String[] rc = shape.split("x");
        rows = Integer.parseInt(rc[0]);
        cols = Integer.parseInt(rc[1]);
        Random rng = new Random(Inputs.SEED);
        a = Inputs.uniform(rng, rows * cols, -3f, 3f);
        // A zero bias: forward adds it to A in place, and a non-zero one would shift A on every call,
        // drifting the inputs (and the activations' branches) over the run. The add costs the same.
        bias = new float[cols];
        h = Inputs.poisoned(rows * cols);
        dH = Inputs.uniform(rng, rows * cols);
        dA = Inputs.poisoned(rows * cols);
        backend = KernelChoice.open(kernels);
        if (KernelChoice.needsCheck(kernels)) {
            checkAgainstScalar();
        }
        // backward reads H for sigmoid and tanh: it must hold real activations, not the poison.
        forward(backend, h);
    }

    private void checkAgainstScalar() {
        float[] hRef = new float[h.length];
        float[] dARef = new float[dA.length];
        Kernels scalar = Kernels.scalar();
        forward(scalar, hRef);
        backward(scalar, hRef, dARef);
        forward(backend, h);
        backward(backend, h, dA);
        // SIMD exponentials may be polynomial approximations; 1e-4 relative is above their error and far
        // below that of a wrong element.
        Inputs.requireClose(activation + " forward on " + kernels, hRef, h, h.length, 1e-4);
        Inputs.requireClose(activation + " backward on " + kernels, dARef, dA, dA.length, 1e-4);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public float[] forward() {
        forward(backend, h);
        return h;
    }

    @Benchmark
    public float[] backward() {
        backward(backend, h, dA);
        return dA;
    }

    private void forward(Kernels kernels, float[] out) {
        switch (kind) {
            case RELU -> kernels.biasRelu(a, bias, out, rows, cols);
            case LEAKY_RELU -> kernels.biasLeakyRelu(a, bias, out, rows, cols, SLOPE);
            case SIGMOID -> kernels.biasSigmoid(a, bias, out, rows, cols);
            case TANH -> kernels.biasTanh(a, bias, out, rows, cols);
        }
    }

    /** Reads H for sigmoid and tanh, A for the ReLUs: what the real layers cache for backward. */
    private void backward(Kernels kernels, float[] hIn, float[] out) {
        int n = rows * cols;
        switch (kind) {
            case RELU -> kernels.reluBackward(out, dH, a, n);
            case LEAKY_RELU -> kernels.leakyReluBackward(out, dH, a, n, SLOPE);
            case SIGMOID -> kernels.sigmoidBackward(out, dH, hIn, n);
            case TANH -> kernels.tanhBackward(out, dH, hIn, n);
        }
    }
}
