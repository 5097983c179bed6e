package dev.nnj.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nnj.core.Network;
import dev.nnj.core.Parameter;
import dev.nnj.core.activation.Activation;
import dev.nnj.core.optim.Optimizers;
import dev.nnj.core.train.Trainer;
import dev.nnj.core.train.TrainingOptions;
import dev.nnj.core.kernel.Kernels;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the readers: thousands of damaged copies of valid files must each either load
 * consistently or fail with the reader's dedicated exception, never with another exception, an error
 * such as OutOfMemoryError, or a hang (the timeout).
 */
class FuzzTest {

    private static final int ROUNDS = 3000;

    @TempDir
    Path diskDir;

    /** Where the damaged files go: memory-backed when available, as thousands of small writes to a slow disk take a minute. */
    private Path dir;

    @BeforeEach
    void chooseScratchDirectory() throws IOException {
        Path shm = Path.of("/dev/shm");
        dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "nnj-fuzz-") : diskDir;
    }

    @AfterEach
    void removeScratchDirectory() throws IOException {
        if (!dir.equals(diskDir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void damagedSafetensorsFilesLoadConsistentlyOrFailCleanly() throws IOException {
        Path valid = dir.resolve("valid.safetensors");
        SafetensorsFile.of(List.of(
                new Tensor("layers.0.weight", new int[] {3, 4}, ramp(12)),
                new Tensor("layers.0.bias", new int[] {3}, ramp(3)),
                new Tensor("layers.2.weight", new int[] {2, 3}, ramp(6))),
                Map.of("format", "nnj", "architecture", "{\"layers\":[]}")).write(valid);
        byte[] original = Files.readAllBytes(valid);
        Mutator mutator = new Mutator(20261123L);
        Path file = dir.resolve("fuzzed.safetensors");
        int loaded = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] bytes = mutator.mutate(original, 200);
            Files.write(file, bytes);
            try {
                SafetensorsFile read = SafetensorsFile.read(file);
                checkConsistent(read, bytes);
                loaded++;
            } catch (ModelFormatException expected) {
                assertTrue(expected.getMessage().startsWith(file.toString()), expected.getMessage());
            } catch (Throwable other) {
                fail("round " + round + ": " + other + " instead of ModelFormatException", other);
            }
        }
        // Both outcomes must actually occur, or the fuzzer is not exercising anything.
        assertTrue(loaded > 0 && loaded < ROUNDS, "loaded " + loaded + " of " + ROUNDS);
    }

    /** A loaded file must hold exactly the little-endian floats at each tensor's offset, and survive a rewrite. */
    private void checkConsistent(SafetensorsFile read, byte[] bytes) throws IOException {
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : read.tensors().values()) {
            for (int i = 0; i < t.data().length; i++) {
                assertEquals(le.getInt((int) t.offsetOf(i)), Float.floatToRawIntBits(t.data()[i]), t.name());
            }
        }
        Path again = dir.resolve("again.safetensors");
        // Plain write, not the atomic one: thousands of fsyncs would only measure the disk.
        try (OutputStream out = Files.newOutputStream(again)) {
            read.writeTo(out);
        }
        SafetensorsFile reread = SafetensorsFile.read(again);
        assertEquals(read.metadata(), reread.metadata());
        assertEquals(read.tensors().keySet(), reread.tensors().keySet());
        for (Tensor t : read.tensors().values()) {
            assertArrayEquals(t.shape(), reread.tensor(t.name()).shape());
            assertArrayEquals(t.data(), reread.tensor(t.name()).data());
        }
    }

    /**
     * Whole model files: a damaged file either loads into a network whose weights are exactly the file's
     * tensors, or fails with ModelFormatException (never a half-built network or another exception).
     */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void damagedModelFilesLoadExactlyOrFailCleanly() throws IOException {
        Path valid = dir.resolve("model.safetensors");
        ModelFile.save(valid, ModelFileTest.model(12));
        byte[] original = Files.readAllBytes(valid);
        Mutator mutator = new Mutator(42);
        Path file = dir.resolve("fuzzed-model.safetensors");
        int loaded = 0;
        for (int round = 0; round < ROUNDS; round++) {
            // Bias the damage towards the header, where the structure is; the data bytes are plain floats.
            byte[] bytes = mutator.mutate(original, original.length - 4 * 120);
            Files.write(file, bytes);
            try {
                SavedModel model = ModelFile.load(file, Kernels.scalar());
                SafetensorsFile st = SafetensorsFile.read(file);
                int[] index = Architecture.of(model.network()).denseIndices();
                int k = 0;
                for (Parameter p : model.network().parameters()) {
                    String name = "layers." + index[k / 2] + (k % 2 == 0 ? ".weight" : ".bias");
                    Tensor t = st.tensor(name) != null ? st.tensor(name) : st.tensor(name.substring("layers.".length()));
                    assertArrayEquals(t.data(), p.value(), name);
                    k++;
                }
                loaded++;
            } catch (ModelFormatException expected) {
                assertTrue(expected.getMessage().startsWith(file.toString()), expected.getMessage());
            } catch (Throwable other) {
                fail("round " + round + ": " + other + " instead of ModelFormatException", other);
            }
        }
        assertTrue(loaded > 0 && loaded < ROUNDS, "loaded " + loaded + " of " + ROUNDS);
    }

    /** Checkpoints add optimizer buffers, best weights and the training-state JSON to a model file. */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void damagedCheckpointsLoadOrFailCleanly() throws IOException {
        LabeledData data = LabeledData.ofFloats(ramp(40), 4, new int[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 0},
                List.of("a", "b", "c"), List.of());
        LabeledDataset train = LabeledDataset.of(data, Preprocessing.none(4));
        Network net = Network.builder(4).dense(5, Activation.RELU).dropout(0.1f).dense(3, Activation.SOFTMAX)
                .seed(3).kernels(Kernels.scalar()).build();
        TrainingOptions options = TrainingOptions.defaults().withEpochs(2).withBatchSize(4).withEarlyStopping(1);
        Trainer trainer = new Trainer(Optimizers.create("adam", 0.01f), options);
        trainer.fit(net, train, train);
        Path valid = dir.resolve("valid-checkpoint.safetensors");
        Checkpoint.save(valid, new SavedModel(net, Preprocessing.none(4), List.of("a", "b", "c"),
                TrainingSummary.untrained(3)), trainer.state(), options);
        byte[] original = Files.readAllBytes(valid);
        Mutator mutator = new Mutator(99);
        Path file = dir.resolve("fuzzed-checkpoint.safetensors");
        int loaded = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Files.write(file, mutator.mutate(original, original.length / 2));
            try {
                Checkpoint.Loaded l = Checkpoint.load(file, Kernels.scalar());
                assertEquals(net.parameters().size(), l.model().network().parameters().size());
                loaded++;
            } catch (ModelFormatException expected) {
                assertTrue(expected.getMessage().startsWith(file.toString()), expected.getMessage());
            } catch (Throwable other) {
                fail("round " + round + ": " + other + " instead of ModelFormatException", other);
            }
        }
        assertTrue(loaded > 0 && loaded < ROUNDS, "loaded " + loaded + " of " + ROUNDS);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void damagedIdxFilesLoadConsistentlyOrFailCleanly() throws IOException {
        byte[] pixels = new byte[5 * 4 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 37);
        }
        byte[] plain = TestFiles.idx(0x08, new int[] {5, 4, 3}, pixels);
        fuzzIdx("images-idx3-ubyte", plain, 16);
        fuzzIdx("images-idx3-ubyte.gz", TestFiles.gzip(plain), 40);
        ByteBuffer floats = ByteBuffer.allocate(24);
        for (int i = 0; i < 6; i++) {
            floats.putFloat(i * 0.5f);
        }
        fuzzIdx("values.idx", TestFiles.idx(0x0D, new int[] {2, 3}, floats.array()), 16);
    }

    private void fuzzIdx(String name, byte[] original, int headerBias) throws IOException {
        Mutator mutator = new Mutator(name.hashCode());
        Path file = dir.resolve(name);
        int loaded = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] bytes = mutator.mutate(original, headerBias);
            Files.write(file, bytes);
            try {
                IdxFile idx = IdxFile.read(file);
                long product = Arrays.stream(idx.dims()).asLongStream().reduce(1, (a, b) -> a * b);
                int length = idx.isUnsignedByte() ? idx.unsignedBytes().length : idx.floats().length;
                assertEquals(product, length, "dimensions and data agree");
                if (!name.endsWith(".gz") && idx.isUnsignedByte()) {
                    assertArrayEquals(Arrays.copyOfRange(bytes, bytes.length - length, bytes.length), idx.unsignedBytes());
                }
                loaded++;
            } catch (DatasetFormatException expected) {
                assertTrue(expected.getMessage().startsWith(file.toString()), expected.getMessage());
            } catch (Throwable other) {
                fail(name + " round " + round + ": " + other + " instead of DatasetFormatException", other);
            }
        }
        assertTrue(loaded > 0 && loaded < ROUNDS, name + ": loaded " + loaded + " of " + ROUNDS);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void damagedCsvFilesLoadOrFailCleanly() throws IOException {
        byte[] original = ("sepal,\"petal width\",species\n5.1,0.2,setosa\n7.0,1.4,\"versi,color\"\n6.3,-2.5e0,virginica\n"
                + "4.9,.3,setosa\n").getBytes(StandardCharsets.UTF_8);
        Mutator mutator = new Mutator(7);
        Path file = dir.resolve("fuzzed.csv");
        int loaded = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Files.write(file, mutator.mutate(original, original.length));
            try {
                LabeledData data = CsvReader.read(file, CsvFormat.labelAt(-1));
                assertEquals(data.featureCount(), data.featureNames().size());
                for (int i = 0; i < data.size(); i++) {
                    assertTrue(data.label(i) >= 0 && data.label(i) < data.classCount());
                    for (int j = 0; j < data.featureCount(); j++) {
                        assertTrue(Float.isFinite(data.feature(i, j)));
                    }
                }
                loaded++;
            } catch (DatasetFormatException expected) {
                assertTrue(expected.getMessage().startsWith(file.toString()), expected.getMessage());
            } catch (Throwable other) {
                fail("round " + round + ": " + other + " instead of DatasetFormatException", other);
            }
        }
        assertTrue(loaded > 0 && loaded < ROUNDS, "loaded " + loaded + " of " + ROUNDS);
    }

    private static float[] ramp(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i - n / 2f) / 7f;
        }
        return v;
    }
}
