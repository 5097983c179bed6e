package dev.nnj.bench;

import dev.nnj.core.kernel.Kernels;
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
 * The row softmax of the output layer (fused with its bias) and its Jacobian-vector product, at the
 * output size of a 784-256-128-10 network: 10 classes, batch 128 and 512. Rows this short stress the
 * per-row overhead and the tails of vector loops rather than bandwidth.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// As for ActivationBenchmark: short element-wise loops, two forks expose the JIT's run-to-run spread.
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SoftmaxBenchmark {

    /** rows×cols: batch × classes. */
    @Param({"128x10", "512x10"})
    public String shape;

    @Param({"scalar", "simd"})
    public String kernels;

    private Kernels backend;
    private int rows;
    private int cols;
    private float[] a;
    private float[] bias;
    private float[] h;
    private float[] dH;
    private float[] dA;

    @Setup(Level.Trial)
    public void setUp() {
        String[] rc = shape.split("x");
        rows = Integer.parseInt(rc[0]);
        cols = Integer.parseInt(rc[1]);
        Random rng = new Random(Inputs.SEED);
        a = Inputs.uniform(rng, rows * cols, -5f, 5f);
        // Zero, so that the in-place A += b of every call leaves A unchanged (see ActivationBenchmark).
        bias = new float[cols];
        h = Inputs.poisoned(rows * cols);
        dH = Inputs.uniform(rng, rows * cols);
        dA = Inputs.poisoned(rows * cols);
        backend = KernelChoice.open(kernels);
        if (KernelChoice.needsCheck(kernels)) {
            checkAgainstScalar();
        }
        // backward reads H: it must hold real probabilities, not the poison.
        backend.biasSoftmax(a, bias, h, rows, cols);
    }

    private void checkAgainstScalar() {
        Kernels scalar = Kernels.scalar();
        float[] hRef = new float[h.length];
        float[] dARef = new float[dA.length];
        scalar.biasSoftmax(a, bias, hRef, rows, cols);
        scalar.softmaxBackward(dARef, dH, hRef, rows, cols);
        backend.biasSoftmax(a, bias, h, rows, cols);
        backend.softmaxBackward(dA, dH, h, rows, cols);
        Inputs.requireClose("softmax forward on " + kernels, hRef, h, h.length, 1e-4);
        Inputs.requireClose("softmax backward on " + kernels, dARef, dA, dA.length, 1e-4);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public float[] forward() {
        backend.biasSoftmax(a, bias, h, rows, cols);
        return h;
    }

    @Benchmark
    public float[] backward() {
        // dA and dH are distinct, so every call computes the same thing from the same inputs.
        backend.softmaxBackward(dA, dH, h, rows, cols);
        return dA;
    }
}
