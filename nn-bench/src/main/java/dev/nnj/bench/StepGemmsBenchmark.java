package dev.nnj.bench;

import dev.nnj.core.Network;
import dev.nnj.core.Parameter;
import dev.nnj.core.kernel.Kernels;
import java.util.List;
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
 * overhead = steps per second of this benchmark ÷ steps per second of the step.
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
    private static final int H1 = 256;
    private static final int H2 = 128;

    private Kernels backend;
    private float[][] x;
    private float[] w1;
    private float[] w2;
    private float[] w3;
    private float[] gw1;
    private float[] gw2;
    private float[] gw3;
    private float[] a1;
    private float[] a2;
    private float[] a3;
    private float[] g1;
    private float[] g2;
    private float[] g3;
    private float[] d1;
    private float[] d2;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        backend = KernelChoice.open(kernels);
        Network network = Mlp.build(backend);
        List<Parameter> p = network.parameters();
        w1 = p.get(0).value();
        gw1 = p.get(0).grad();
        w2 = p.get(2).value();
        gw2 = p.get(2).grad();
        w3 = p.get(4).value();
        gw3 = p.get(4).grad();
        Random rng = new Random(Inputs.SEED);
        x = new float[BATCHES][];
        for (int i = 0; i < BATCHES; i++) {
            x[i] = Mlp.images(rng, batch);
        }
        a1 = new float[batch * H1];
        a2 = new float[batch * H2];
        a3 = new float[batch * Mlp.CLASSES];
        // Gradients of the size a trained network sees; their values do not change the work.
        g1 = Inputs.uniform(rng, batch * H1, -1e-3f, 1e-3f);
        g2 = Inputs.uniform(rng, batch * H2, -1e-3f, 1e-3f);
        g3 = Inputs.uniform(rng, batch * Mlp.CLASSES, -1e-2f, 1e-2f);
        d1 = new float[batch * H1];
        d2 = new float[batch * H2];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    /** Forward X·Wᵀ for each layer, then each layer's Gᵀ·H (β = 0, as right after zeroGrad) and G·W. */
    @Benchmark
    public float[] gemms() {
        int i = next;
        next = (i + 1) % BATCHES;
        int m = batch;
        int in = Mlp.INPUTS;
        int c = Mlp.CLASSES;
        Kernels k = backend;
        k.sgemm(false, true, m, H1, in, 1f, x[i], 0, in, w1, 0, in, 0f, a1, 0, H1);
        k.sgemm(false, true, m, H2, H1, 1f, a1, 0, H1, w2, 0, H1, 0f, a2, 0, H2);
        k.sgemm(false, true, m, c, H2, 1f, a2, 0, H2, w3, 0, H2, 0f, a3, 0, c);
        k.sgemm(true, false, c, H2, m, 1f, g3, 0, c, a2, 0, H2, 0f, gw3, 0, H2);
        k.sgemm(false, false, m, H2, c, 1f, g3, 0, c, w3, 0, H2, 0f, d2, 0, H2);
        k.sgemm(true, false, H2, H1, m, 1f, g2, 0, H2, a1, 0, H1, 0f, gw2, 0, H1);
        k.sgemm(false, false, m, H1, H2, 1f, g2, 0, H2, w2, 0, H1, 0f, d1, 0, H1);
        k.sgemm(true, false, H1, in, m, 1f, g1, 0, H1, x[i], 0, in, 0f, gw1, 0, in);
        return gw1;
    }
}
