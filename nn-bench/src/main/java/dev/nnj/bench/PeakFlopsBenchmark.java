package dev.nnj.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's float32 multiply-add peak as the Vector API reaches it: twelve independent FMA chains on
 * the preferred species, registers only, no memory. It is the ceiling GEMM figures are measured against
 * ({@code gflop} in the JSON, GFLOP/s), and run with {@code -t 2} it shows what two threads can gain at
 * best on this machine, before any memory traffic is shared.
 *
 * <p>Twelve chains cover a 4-cycle FMA latency on up to three pipes. The chain values converge (a factor
 * below 1) so they never overflow to infinities, which some cores process more slowly.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PeakFlopsBenchmark {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int STEPS = 4096;
    private static final double GFLOP_PER_CALL = 2.0 * 12 * S.length() * STEPS / 1e9;

    private final float factor = 0.999f;
    private final float addend = 0.001f;

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public double gflop;
    }

    @Benchmark
    public float fma(Flops flops) {
        flops.gflop += GFLOP_PER_CALL;
        return chains(factor, addend);
    }

    /**
     * Compiled on its own: inlined into JMH's measurement loop, the same code ran at two thirds of the
     * speed it reaches alone (140 against 205–215 GFLOP/s on one core).
     */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static float chains(float factor, float addend) {
        FloatVector f = FloatVector.broadcast(S, factor);
        FloatVector c = FloatVector.broadcast(S, addend);
        FloatVector s0 = c, s1 = c, s2 = c, s3 = c, s4 = c, s5 = c;
        FloatVector s6 = c, s7 = c, s8 = c, s9 = c, s10 = c, s11 = c;
        for (int i = 0; i < STEPS; i++) {
            s0 = s0.fma(f, c);
            s1 = s1.fma(f, c);
            s2 = s2.fma(f, c);
            s3 = s3.fma(f, c);
            s4 = s4.fma(f, c);
            s5 = s5.fma(f, c);
            s6 = s6.fma(f, c);
            s7 = s7.fma(f, c);
            s8 = s8.fma(f, c);
            s9 = s9.fma(f, c);
            s10 = s10.fma(f, c);
            s11 = s11.fma(f, c);
        }
        return s0.add(s1).add(s2).add(s3).add(s4).add(s5).add(s6).add(s7).add(s8).add(s9).add(s10).add(s11)
                .reduceLanes(VectorOperators.ADD);
    }
}
