package dev.nnj.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A yardstick for the machine, not for nnj: a chain of dependent multiply-adds over an L1-resident
 * array. Each step waits for the previous one (Java may not reassociate float arithmetic, so the JIT
 * can neither vectorise nor reorder it), so its time measures the core's clock and FP latency and
 * nothing that nnj's code could change. {@code compare --normalize} divides every score by it, turning
 * results from two machines of different speeds into comparable numbers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// One fork and short iterations: a latency-bound loop has one obvious compilation and settles at once.
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CalibrationBenchmark {

    /** 4 KB each, well inside L1, so memory never enters the measurement. */
    private static final int LENGTH = 1024;

    private float[] factor;
    private float[] addend;

    @Setup
    public void setUp() {
        Random rng = new Random(Inputs.SEED);
        // Factors below 1 keep the running value bounded (it converges to about addend / (1 − factor)).
        factor = Inputs.uniform(rng, LENGTH, 0.5f, 0.99f);
        addend = Inputs.uniform(rng, LENGTH, 0f, 1f);
    }

    @Benchmark
    public float multiplyAddChain() {
        float acc = 0f;
        for (int i = 0; i < LENGTH; i++) {
            acc = acc * factor[i] + addend[i];
        }
        return acc;
    }
}
