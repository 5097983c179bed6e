package dev.nnj.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.Network;
import dev.nnj.core.Parameter;
import dev.nnj.core.Rng;
import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.optim.Optimizers;
import dev.nnj.core.train.EpochMetrics;
import dev.nnj.core.train.LearningRateSchedule;
import dev.nnj.core.train.Trainer;
import dev.nnj.core.train.TrainingListener;
import dev.nnj.core.train.TrainingOptions;
import dev.nnj.core.train.TrainingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    private static final int EPOCHS = 4;

    @TempDir
    Path dir;

    private final LabeledData data = syntheticData();
    private final Split split = Split.random(data.size(), 0.25, new Rng(3));
    private final Preprocessing prep = Preprocessing.standardize(data, split.train());
    private final LabeledDataset train = new LabeledDataset(data, split.train(), prep);
    private final LabeledDataset validation = new LabeledDataset(data, split.validation(), prep);

    /** 90 samples of 4 features in 3 noisy clusters. */
    private static LabeledData syntheticData() {
        Rng rng = new Rng(17);
        int n = 90;
        float[] x = new float[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) (rng.nextGaussian() + (j == y[i] ? 2.5 : 0) + 10);
            }
        }
        return LabeledData.ofFloats(x, 4, y, List.of("a", "b", "c"), List.of("f0", "f1", "f2", "f3"));
    }

    private static Network network() {
        return Network.builder(4).dense(16, Activation.TANH).dropout(0.3f).dense(3, Activation.SOFTMAX)
                .seed(42).kernels(Kernels.scalar()).build();
    }

    private static TrainingOptions options(int patience) {
        return TrainingOptions.defaults().withEpochs(EPOCHS).withBatchSize(8).withShuffle(true, 9)
                .withSchedule(LearningRateSchedule.parse("step:1:0.7")).withEarlyStopping(patience);
    }

    private static Trainer trainer(int patience) {
        return new Trainer(Optimizers.create("adam", 0.01f), options(patience));
    }

    private SavedModel saved(Network net) {
        return new SavedModel(net, prep, data.classNames(), TrainingSummary.untrained(42));
    }

    private float[][] straightRun(int patience) {
        Network net = network();
        trainer(patience).fit(net, train, validation);
        return weights(net);
    }

    private static float[][] weights(Network net) {
        return net.parameters().stream().map(p -> p.value().clone()).toArray(float[][]::new);
    }

    private static void assertBitIdentical(float[][] expected, Network net) {
        List<Parameter> params = net.parameters();
        for (int i = 0; i < expected.length; i++) {
            float[] actual = params.get(i).value();
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(Float.floatToRawIntBits(expected[i][j]), Float.floatToRawIntBits(actual[j]),
                        params.get(i).name() + "[" + j + "]");
            }
        }
    }

    /**
     * Resumes from {@code file} in a fresh network, optimizer and trainer set up from the saved options
     * (with the epoch count of the full run) and trains to the end.
     */
    private Network resume(Path file, int patience) throws IOException {
        Checkpoint.Loaded loaded = Checkpoint.load(file, Kernels.scalar());
        assertEquals(patience, loaded.options().earlyStoppingPatience());
        assertEquals(options(patience).schedule().describe(), loaded.options().schedule().describe());
        Network net = loaded.model().network();
        Trainer trainer = new Trainer(Optimizers.create("adam", 0.01f), loaded.options().withEpochs(EPOCHS));
        trainer.resume(loaded.state());
        trainer.fit(net, train, validation);
        return net;
    }

    @Test
    void twoEpochsSavedAndTwoMoreEqualFourStraight() throws IOException {
        float[][] straight = straightRun(0);
        Network net = network();
        Trainer first = new Trainer(Optimizers.create("adam", 0.01f), options(0).withEpochs(2));
        first.fit(net, train, validation);
        Path file = dir.resolve("after-2.safetensors");
        Checkpoint.save(file, saved(net), first.state(), first.options());
        assertBitIdentical(straight, resume(file, 0));
    }

    /** Stopping inside an epoch, with early stopping's best weights and patience in flight. */
    @Test
    void resumingMidEpochWithEarlyStoppingStateIsExact() throws IOException {
        float[][] straight = straightRun(3);
        Network net = network();
        Trainer first = trainer(3);
        Path file = dir.resolve("mid.safetensors");
        first.addListener(new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, int samples, double runningLoss) {
                if (epoch == 2 && batch == 3) {
                    first.requestStop();
                }
            }
        });
        first.fit(net, train, validation);
        TrainingState state = first.state();
        assertEquals(2, state.epoch());
        assertEquals(4, state.batch());
        assertFalse(state.bestWeights().isEmpty());
        Checkpoint.save(file, saved(net), state, first.options());

        Checkpoint.Loaded loaded = Checkpoint.load(file, Kernels.scalar());
        TrainingState back = loaded.state();
        assertEquals(state.epochShuffleState(), back.epochShuffleState());
        assertEquals(state.lossSum(), back.lossSum());
        assertEquals(state.bestValidationLoss(), back.bestValidationLoss());
        assertEquals(state.epochsWithoutImprovement(), back.epochsWithoutImprovement());
        assertArrayEquals(state.dropoutStates(), back.dropoutStates());
        assertEquals(state.optimizer().steps(), back.optimizer().steps());
        assertEquals(state.optimizer().buffers().keySet(), back.optimizer().buffers().keySet());
        assertEquals(state.history(), back.history());
        assertBitIdentical(straight, resume(file, 3));
    }

    @Test
    void directoryKeepsTheLastCheckpointsAndLoadsTheNewest() throws IOException {
        CheckpointDirectory checkpoints = new CheckpointDirectory(dir.resolve("ckpt"), "run", 2);
        Network net = network();
        Trainer trainer = trainer(0);
        trainer.addListener(new TrainingListener() {
            @Override
            public void onEpoch(EpochMetrics metrics) {
                try {
                    checkpoints.save(saved(net), trainer.state(), trainer.options());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        trainer.fit(net, train, validation);
        List<Path> files = checkpoints.list();
        assertEquals(List.of("run-e000003-b000000.safetensors", "run-e000004-b000000.safetensors"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        Optional<Checkpoint.Loaded> latest = checkpoints.loadLatest(Kernels.scalar());
        assertEquals(EPOCHS, latest.orElseThrow().state().epoch());

        // A damaged newest file is skipped in favour of the previous one.
        Files.write(files.get(1), new byte[] {1, 2, 3});
        assertEquals(EPOCHS - 1, checkpoints.loadLatest(Kernels.scalar()).orElseThrow().state().epoch());
    }

    @Test
    void anInterruptedWriteLeavesThePreviousFileIntact() throws IOException {
        Path file = dir.resolve("model.safetensors");
        ModelFile.save(file, saved(network()));
        byte[] before = Files.readAllBytes(file);
        IOException failure = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full");
        }));
        assertEquals("disk full", failure.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aModelFileIsNotACheckpointButACheckpointIsAModel() throws IOException {
        Path model = dir.resolve("model.safetensors");
        ModelFile.save(model, saved(network()));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Checkpoint.load(model, Kernels.scalar()));
        assertTrue(e.getMessage().contains("not a checkpoint"));

        Network net = network();
        Trainer trainer = new Trainer(Optimizers.create("adam", 0.01f), options(0).withEpochs(1));
        trainer.fit(net, train, validation);
        Path ckpt = dir.resolve("ckpt.safetensors");
        Checkpoint.save(ckpt, saved(net), trainer.state(), trainer.options());
        SavedModel asModel = ModelFile.load(ckpt, Kernels.scalar());
        assertBitIdentical(weights(net), asModel.network());
    }
}
