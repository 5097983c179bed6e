package dev.nnj.bench;

import dev.nnj.core.Parameter;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.io.ModelFile;
import dev.nnj.io.Preprocessing;
import dev.nnj.io.SavedModel;
import dev.nnj.io.TrainingSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Saving and loading the 784-256-128-10 model as a {@code .safetensors} file (0.9 MB of weights plus a
 * JSON header). Save is measured as users get it: an atomic replace, forced to the device, so its time
 * includes the file system's flush latency (small on the tmpfs JMH's temporary directory often is).
 * Load reads, validates and builds the network on scalar kernels, so no SIMD start-up is timed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// Two forks: file-system caching and JIT both vary between JVMs.
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
// Calls take about a millisecond, so three 1 s warm-ups run thousands of them, enough for Jackson's and
// the reader's code paths to be compiled.
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ModelIoBenchmark {

    private Kernels kernels;
    private SavedModel model;
    private Path directory;
    private Path saved;
    private Path target;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        kernels = Kernels.scalar();
        List<String> classes = IntStream.range(0, Mlp.CLASSES).mapToObj(Integer::toString).toList();
        model = new SavedModel(Mlp.build(kernels), Preprocessing.none(Mlp.INPUTS), classes,
                TrainingSummary.untrained(Inputs.SEED));
        directory = Files.createTempDirectory("nnj-bench-");
        saved = directory.resolve("model.safetensors");
        target = directory.resolve("saved-by-benchmark.safetensors");
        ModelFile.save(saved, model);
        checkRoundTrip();
    }

    /** Timing a loader that returns the wrong weights would be pointless; compare every tensor once. */
    private void checkRoundTrip() throws IOException {
        List<Parameter> expected = model.network().parameters();
        List<Parameter> actual = ModelFile.load(saved, kernels).network().parameters();
        for (int i = 0; i < expected.size(); i++) {
            if (!Arrays.equals(expected.get(i).value(), actual.get(i).value())) {
                throw new IllegalStateException("model file round trip changed " + expected.get(i).name());
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(saved);
        Files.deleteIfExists(target);
        Files.deleteIfExists(directory);
    }

    @Benchmark
    public Path save() throws IOException {
        ModelFile.save(target, model);
        return target;
    }

    @Benchmark
    public SavedModel load() throws IOException {
        return ModelFile.load(saved, kernels);
    }
}
