package dev.nnj.bench;

import dev.nnj.core.Network;
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
 * The eight products of one {@link TrainingStepBenchmark} step and nothing else: the same shapes,
 * transposes and β, on the network's own weights and gradient arrays. Run beside the step, its score
 * gives the step's overhead over its GEMMs (activations, loss, update, cache effects) in one session:
 * overhead = steps per second of this benchmark ÷ steps per second of the step. Measured in separate JVM
 * forks, that ratio carries the fork-to-fork spread of a shared machine; {@link StepProfile} measures the
 * two interleaved in one JVM.
 *
 * <p>A separate class so that the CI's quick selection, which matches {@code .TrainingStepBenchmark.},
 * does not pick it up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class StepGemmsBenchmark {

    @Param({"32", "128", "512"})
    public int batch;

    @Param({"simd-1", "simd"})
    public String kernels;

    private static final int BATCHES = 8;

    private Kernels backend;
    private float[][] x;
    private StepGemms gemms;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        backend = KernelChoice.open(kernels);
        Network network = Mlp.build(backend);
        Random rng = new Random(Inputs.SEED);
        x = new float[BATCHES][];
        for (int i = 0; i < BATCHES; i++) {
            x[i] = Mlp.images(rng, batch);
        }
        gemms = new StepGemms(backend, network, batch, rng);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public float[] gemms() {
        int i = next;
        next = (i + 1) % BATCHES;
        return gemms.run(x[i]);
    }
}
