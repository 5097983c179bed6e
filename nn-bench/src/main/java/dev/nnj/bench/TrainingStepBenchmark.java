package dev.nnj.bench;

import dev.nnj.core.Network;
import dev.nnj.core.Parameter;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.optim.Optimizer;
import dev.nnj.core.optim.Optimizers;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * One full training step of the 784-256-128-10 network: zero the gradients, forward, backward through
 * the loss, optimizer update. Its {@code gc.alloc.rate.norm} is the allocation the CI gate watches: a
 * steady-state step must allocate nothing.
 *
 * <p>Throughput mode, with the auxiliary counter {@link Samples#samples} giving training samples per
 * second; steps per second is the primary score.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Two forks, as for GemmBenchmark: the step inlines many kernels, so JIT decisions vary between JVMs.
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
// Five warm-up seconds: a step is dozens of kernel calls, each of which must reach C2; the scalar step at
// batch 512 takes most of a second, so fewer would leave it in the interpreter-compiled mix.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class TrainingStepBenchmark {

    @Param({"32", "128", "512"})
    public int batch;

    @Param({"scalar", "simd-1", "simd"})
    public String kernels;

    /** An id of {@link Optimizers}; Adam by default, the usual choice and the costlier update. */
    @Param({"adam"})
    public String optimizer;

    /**
     * Batches cycled through. Repeating one batch would let the network memorise it within a run,
     * driving the softmax towards 0 and 1 and the gradients towards subnormal numbers, which x86 handles
     * slowly; random labels over several batches keep the arithmetic typical.
     */
    private static final int BATCHES = 8;

    private Kernels backend;
    private Network network;
    private Optimizer update;
    private List<Parameter> parameters;
    private float[][] x;
    private float[][] y;
    private int next;

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Samples {
        public long samples;
    }

    @Setup(Level.Trial)
    public void setUp() {
        backend = KernelChoice.open(kernels);
        network = Mlp.build(backend);
        update = Optimizers.create(optimizer);
        parameters = network.parameters();
        Random rng = new Random(Inputs.SEED);
        x = new float[BATCHES][];
        y = new float[BATCHES][];
        for (int i = 0; i < BATCHES; i++) {
            x[i] = Mlp.images(rng, batch);
            y[i] = Mlp.oneHot(rng, batch);
        }
        if (KernelChoice.needsCheck(kernels)) {
            checkAgainstScalar();
        }
    }

    /**
     * Forward and backward of the same batch from the same initial weights on both backends must give
     * nearly the same output and gradients: then the whole chain of kernels computes the same step. (The
     * update kernels are checked by {@link OptimizerBenchmark}; comparing weights after Adam steps would
     * not work, as Adam turns rounding-level gradients into full-size steps of either sign.)
     */
    private void checkAgainstScalar() {
        Network reference = Mlp.build(Kernels.scalar());
        Network probe = Mlp.build(backend);
        for (Network net : List.of(reference, probe)) {
            net.zeroGrad();
            net.forward(x[0], batch, true);
            net.backward(y[0]);
        }
        float[] expectedOut = reference.forward(x[0], batch, false);
        float[] actualOut = probe.forward(x[0], batch, false);
        Inputs.requireClose("training forward on " + kernels, expectedOut, actualOut, batch * Mlp.CLASSES, 1e-4);
        List<Parameter> expected = reference.parameters();
        List<Parameter> actual = probe.parameters();
        for (int p = 0; p < expected.size(); p++) {
            float[] e = expected.get(p).grad();
            Inputs.requireCloseToScale("gradient of " + expected.get(p).name() + " on " + kernels,
                    e, actual.get(p).grad(), e.length, 1e-3);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public float[] step(Samples counter) {
        int i = next;
        next = (i + 1) % BATCHES;
        network.zeroGrad();
        network.forward(x[i], batch, true);
        network.backward(y[i]);
        update.step(backend, parameters, update.learningRate());
        counter.samples += batch;
        return parameters.get(0).value();
    }
}
