package dev.nnj.bench;

import dev.nnj.core.Network;
import dev.nnj.core.kernel.Kernels;
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
 * Inference of the 784-256-128-10 network: one sample (latency of a single prediction), a batch of 128,
 * and 10 000 samples (a test set in one pass). Calls {@code forward} with {@code training = false}, the
 * pass {@code Network.predict} makes, without predict's copy into a new result matrix.
 *
 * <p>Throughput mode; the auxiliary counter {@link Samples#samples} gives samples per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Two forks and five 1 s warm-ups, as for TrainingStepBenchmark: the scalar pass over 10 000 samples
// takes about a second, and the SIMD GEMMs need a few seconds of C2 compilation first.
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class InferenceBenchmark {

    @Param({"1", "128", "10000"})
    public int batch;

    @Param({"scalar", "simd"})
    public String kernels;

    private Kernels backend;
    private Network network;
    private float[] x;

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Samples {
        public long samples;
    }

    @Setup(Level.Trial)
    public void setUp() {
        backend = KernelChoice.open(kernels);
        network = Mlp.build(backend);
        x = Mlp.images(new Random(Inputs.SEED), batch);
        if (KernelChoice.needsCheck(kernels)) {
            float[] expected = Mlp.build(Kernels.scalar()).forward(x, batch, false).clone();
            float[] actual = network.forward(x, batch, false);
            Inputs.requireClose("inference at batch " + batch + " on " + kernels,
                    expected, actual, batch * Mlp.CLASSES, 1e-4);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public float[] predict(Samples counter) {
        float[] out = network.forward(x, batch, false);
        counter.samples += batch;
        return out;
    }
}
