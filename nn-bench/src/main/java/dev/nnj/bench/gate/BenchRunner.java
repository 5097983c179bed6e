package dev.nnj.bench.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs a {@link BenchSelection} through JMH's Runner API in this JVM (the benchmarks themselves run in
 * forked JVMs, with the flags their {@code @Fork} names) and writes one JMH JSON file for all passes.
 * Always with the GC profiler, whose {@code gc.alloc.rate.norm} the comparison gates on.
 */
public final class BenchRunner {

    private BenchRunner() {
    }

    /** The JMH options of one pass; separate from running so that the selection can be checked without JMH. */
    static Options options(BenchSelection selection, BenchSelection.Pass pass, Optional<String> jvm) {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include(pass.include())
                .addProfiler(GCProfiler.class)
                // A benchmark that throws (a SIMD result that fails its setup check) must fail the run,
                // not silently drop out of the results and hence out of the comparison.
                .shouldFailOnError(true);
        pass.params().forEach((name, values) -> b.param(name, values.toArray(String[]::new)));
        if (selection.forks() > 0) {
            b.forks(selection.forks());
        }
        int warmup = pass.warmup() > 0 ? pass.warmup() : selection.warmup();
        if (warmup > 0) {
            b.warmupIterations(warmup);
        }
        if (selection.measure() > 0) {
            b.measurementIterations(selection.measure());
        }
        if (selection.millisPerIteration() > 0) {
            b.warmupTime(TimeValue.milliseconds(selection.millisPerIteration()));
            b.measurementTime(TimeValue.milliseconds(selection.millisPerIteration()));
        }
        if (!selection.jvmArgs().isEmpty()) {
            // Prepended: options appended here would replace the @Fork(jvmArgsAppend) that adds the vector module.
            b.jvmArgsPrepend(selection.jvmArgs().toArray(String[]::new));
        }
        jvm.ifPresent(b::jvm);
        return b.build();
    }

    /**
     * Runs every pass and writes the combined results to {@code out} as JMH JSON.
     *
     * @param jvm the {@code java} executable for the forks (another JDK), or empty for this JVM's
     * @throws RunnerException when a benchmark fails or a pass selects nothing
     */
    public static Collection<RunResult> run(BenchSelection selection, Path out, Optional<String> jvm)
            throws RunnerException, IOException {
        List<RunResult> all = new ArrayList<>();
        for (BenchSelection.Pass pass : selection.passes()) {
            all.addAll(new Runner(options(selection, pass, jvm)).run());
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ResultFormatFactory.getInstance(ResultFormatType.JSON, out.toString()).writeOut(all);
        return all;
    }
}
