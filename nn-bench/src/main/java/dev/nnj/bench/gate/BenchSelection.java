package dev.nnj.bench.gate;

import java.util.List;
import java.util.Map;

/**
 * A fixed set of benchmark runs: which benchmarks, with which parameters, and how long to run them.
 * Fixed so that a baseline and a later run measure the same things and can be matched one to one.
 *
 * @param name     for messages
 * @param passes   JMH runs made one after the other; their results go into one file
 * @param forks    forks per benchmark, or 0 to keep each benchmark's own {@code @Fork}
 * @param warmup   warm-up iterations, or 0 to keep the benchmark's own
 * @param measure  measurement iterations, or 0 to keep the benchmark's own
 * @param millisPerIteration length of each iteration, or 0 to keep the benchmark's own
 * @param jvmArgs  options put before each benchmark's own in its forks' command line
 */
public record BenchSelection(String name, List<Pass> passes, int forks, int warmup, int measure, int millisPerIteration,
                             List<String> jvmArgs) {

    public BenchSelection {
        passes = List.copyOf(passes);
        jvmArgs = List.copyOf(jvmArgs);
    }

    /**
     * One JMH run: the benchmarks whose full name matches {@code include} (a regular expression, found
     * anywhere in the name), with {@code params} overriding their {@code @Param} defaults, and
     * {@code warmup} iterations, or 0 for the selection's.
     */
    public record Pass(String include, Map<String, List<String>> params, int warmup) {
        public Pass {
            params = Map.copyOf(params);
        }

        public Pass(String include, Map<String, List<String>> params) {
            this(include, params, 0);
        }
    }

    /** HotSpot's option that makes a thread wait for the compilation it triggers (also spelt -Xbatch). */
    static final String FOREGROUND_COMPILATION = "-XX:-BackgroundCompilation";

    /** Every benchmark with every default parameter and its own fork and iteration counts: tens of minutes. */
    public static BenchSelection full() {
        return new BenchSelection("full", List.of(new Pass("^dev\\.nnj\\.bench\\.", Map.of())), 0, 0, 0, 0, List.of());
    }

    /**
     * A cross-section in under three minutes on two cores: every op family once at the MLP's main shape
     * (batch 128), SIMD against scalar, the training step the allocation gate watches, model save and
     * load, and the calibration; 21 benchmarks. One fork and 0.5 s iterations: about 5 s per benchmark
     * including the JVM start. Three warm-up iterations: C2 has compiled the SIMD GEMM within the first
     * second here, so the third is a margin. Five measured ones: JMH's 99.9% error bar is the Student t
     * quantile times the standard error, 8.6 for five iterations against 31.6 for three, and narrow bars
     * are what lets a 2× slowdown stand out.
     *
     * <p>Compiled in the foreground ({@value #FOREGROUND_COMPILATION}): a method due for compilation waits
     * for its compiled code instead of running on in the interpreter or C1, so the warm-up ends with C2's
     * code in place however busy the host is. Without it, with a busy loop on each core, one JVM in six
     * still ran the Adam step from C1 code after 12 s (8.7 MB allocated per step in every measured
     * iteration, 349 steps/s) and four more allocated 8 to 470 KB per step in their first one or two
     * measured iterations; with it, six JVMs of six allocated 13-22 B per step from the first
     * (nn-bench/results/2026-12-07-settled-allocation).
     */
    public static BenchSelection quick() {
        String mlp = "128x784x256";
        return new BenchSelection("quick", List.of(
                new Pass("\\.CalibrationBenchmark\\.", Map.of()),
                new Pass("\\.GemmBenchmark\\.", Map.of("shape", List.of(mlp), "transpose", List.of("NT"),
                        "kernels", List.of("scalar", "simd-1", "simd"))),
                new Pass("\\.GemmBenchmark\\.", Map.of("shape", List.of(mlp), "transpose", List.of("TN", "NN"),
                        "kernels", List.of("simd"))),
                new Pass("\\.ActivationBenchmark\\.", Map.of("activation", List.of("relu"), "shape", List.of("128x256"),
                        "kernels", List.of("scalar", "simd"))),
                new Pass("\\.SoftmaxBenchmark\\.", Map.of("shape", List.of("128x10"), "kernels", List.of("scalar", "simd"))),
                new Pass("\\.OptimizerBenchmark\\.", Map.of("optimizer", List.of("adam"), "size", List.of("200704"),
                        "kernels", List.of("scalar", "simd"))),
                // Ten warm-up iterations for the step and for inference: until C2 has compiled all of it,
                // Vector API code allocates its vectors (tens of KB per step or call, measured), and the
                // allocation figures must show the steady state.
                new Pass("\\.TrainingStepBenchmark\\.", Map.of("batch", List.of("128"), "kernels", List.of("scalar", "simd")), 10),
                new Pass("\\.InferenceBenchmark\\.", Map.of("batch", List.of("128"), "kernels", List.of("simd")), 10),
                new Pass("\\.ModelIoBenchmark\\.", Map.of())),
                1, 3, 5, 500, List.of(FOREGROUND_COMPILATION));
    }
}
