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
 * One fused optimizer update over a parameter tensor the size of each weight matrix of a
 * 784-256-128-10 network (784·256, 256·128, 128·10 elements). The largest is memory-bound (four to five
 * arrays of 0.8 MB), the smallest fits in L1, so together they show both limits.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// As for ActivationBenchmark: short element-wise loops, two forks expose the JIT's run-to-run spread.
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OptimizerBenchmark {

    @Param({"sgd", "momentum", "adam", "adamw", "rmsprop", "adagrad"})
    public String optimizer;

    @Param({"200704", "32768", "1280"})
    public int size;

    @Param({"scalar", "simd"})
    public String kernels;

    private enum Update { SGD, MOMENTUM, ADAM, ADAMW, RMSPROP, ADAGRAD }

    // Typical hyperparameters; a small weight decay keeps every update's fixed point finite, so the
    // values stay in a normal range however many calls a run makes.
    private static final float LR = 1e-3f;
    private static final float DECAY = 1e-4f;

    private Kernels backend;
    private Update update;
    private float[] param;
    private float[] grad;
    private float[] state1;
    private float[] state2;
    private long step;

    @Setup(Level.Trial)
    public void setUp() {
        update = Update.valueOf(optimizer.toUpperCase(Locale.ROOT));
        backend = KernelChoice.open(kernels);
        if (KernelChoice.needsCheck(kernels)) {
            checkAgainstScalar();
        }
        reset();
    }

    private void reset() {
        Random rng = new Random(Inputs.SEED);
        param = Inputs.uniform(rng, size);
        grad = Inputs.uniform(rng, size);
        state1 = new float[size];
        state2 = new float[size];
        step = 0;
    }

    /** Three updates from the same start with each backend, so that the state terms take part too. */
    private void checkAgainstScalar() {
        reset();
        for (int i = 0; i < 3; i++) {
            update(Kernels.scalar());
        }
        float[] expected = param;
        reset();
        for (int i = 0; i < 3; i++) {
            update(backend);
        }
        Inputs.requireClose(optimizer + " update on " + kernels, expected, param, size, 1e-5);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public float[] update() {
        update(backend);
        return param;
    }

    private void update(Kernels kernels) {
        step++;
        switch (update) {
            case SGD -> kernels.sgdUpdate(param, grad, state1, size, LR, 0f, DECAY, false, step == 1);
            case MOMENTUM -> kernels.sgdUpdate(param, grad, state1, size, LR, 0.9f, DECAY, false, step == 1);
            case ADAM -> kernels.adamUpdate(param, grad, state1, state2, size, LR, 0.9f, 0.999f, 1e-8f, DECAY, false, step);
            case ADAMW -> kernels.adamUpdate(param, grad, state1, state2, size, LR, 0.9f, 0.999f, 1e-8f, DECAY, true, step);
            case RMSPROP -> kernels.rmspropUpdate(param, grad, state1, state2, size, LR, 0.99f, 1e-8f, DECAY, 0.9f);
            case ADAGRAD -> kernels.adagradUpdate(param, grad, state1, size, LR, 1e-10f, DECAY);
        }
    }
}
