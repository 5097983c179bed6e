package dev.nnj.bench;

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
 * {@code sgemm} for the three transpose variants training uses (NT forward, TN weight gradient, NN input
 * gradient), square and MLP shapes, per backend and thread count.
 *
 * <p>Throughput mode, so that the auxiliary counter {@link Flops#gflop} comes out as GFLOP/s in the JSON
 * ({@code secondaryMetrics.gflop}); the primary score is products per second, its inverse the time of one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Two forks: C2's inlining and loop-unrolling decisions differ from one JVM to the next, and one fork
// would hide that run-to-run spread from the error bars.
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
// Five 1 s warm-up iterations: the Vector API loops are intrinsified only after C2 compiles them, which
// takes 1-3 s here; the 1024³ scalar product needs a few seconds per call, so fewer would not get there.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBenchmark {

    /** op(A)·op(B): N keeps a matrix as stored, T transposes it. */
    @Param({"NN", "NT", "TN"})
    public String transpose;

    @Param({"64", "128", "256", "512", "1024", "128x784x256", "128x256x128", "128x128x10"})
    public String shape;

    @Param({"scalar", "simd-1", "simd"})
    public String kernels;

    // Non-final, so that the JIT cannot treat the inputs as constants.
    private Kernels backend;
    private boolean transA;
    private boolean transB;
    private int m;
    private int n;
    private int k;
    private int lda;
    private int ldb;
    private float[] a;
    private float[] b;
    private float[] c;
    private double gflopPerCall;

    /** Counts floating-point work; JMH divides it by the measured time, giving GFLOP/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public double gflop;
    }

    @Setup(Level.Trial)
    public void setUp() {
        if (transpose.length() != 2 || "NT".indexOf(transpose.charAt(0)) < 0 || "NT".indexOf(transpose.charAt(1)) < 0) {
            throw new IllegalArgumentException("transpose must be NN, NT, TN or TT, got '" + transpose + "'");
        }
        transA = transpose.charAt(0) == 'T';
        transB = transpose.charAt(1) == 'T';
        GemmShape s = GemmShape.parse(shape);
        m = s.m();
        n = s.n();
        k = s.k();
        lda = transA ? m : k;
        ldb = transB ? k : n;
        gflopPerCall = s.flops() / 1e9;
        Random rng = new Random(Inputs.SEED);
        a = Inputs.uniform(rng, m * k);
        b = Inputs.uniform(rng, k * n);
        c = Inputs.poisoned(m * n);
        backend = KernelChoice.open(kernels);
        if (KernelChoice.needsCheck(kernels)) {
            checkAgainstScalar();
        }
    }

    /**
     * Compares the first rows of C with the scalar reference. Rows of C depend only on the same rows of
     * op(A), so a few rows suffice and the check stays fast even for 1024³, where a full scalar product
     * would take seconds.
     */
    private void checkAgainstScalar() {
        int rows = Math.min(m, 16);
        backend.sgemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
        float[] expected = new float[rows * n];
        Kernels.scalar().sgemm(transA, transB, rows, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, expected, 0, n);
        // Inputs in [-1, 1): rounding error of a k-term dot product grows about linearly with k.
        Inputs.requireClose("sgemm " + transpose + " " + shape + " on " + kernels, expected, c, rows * n, 1e-6 * k);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public float[] sgemm(Flops flops) {
        // beta = 0: C is overwritten, so repeated calls neither grow the values nor read stale ones.
        backend.sgemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
        flops.gflop += gflopPerCall;
        return c;
    }
}
