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
import dev.nnj.core.optim.Adam;
import dev.nnj.core.optim.Optimizer;
import dev.nnj.core.optim.OptimizerState;
import dev.nnj.core.optim.Optimizers;
import dev.nnj.core.optim.RmsProp;
import dev.nnj.core.optim.Sgd;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
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

    /**
     * Optimizers whose hyperparameters are all away from their defaults, so that a resumed run that
     * recreated any of them with a default would not continue exactly.
     */
    private static final List<Supplier<Optimizer>> OPTIMIZERS = List.of(
            () -> new Adam(0.01f, 0.8f, 0.99f, 1e-6f, 0.001f),
            () -> new Sgd(0.05f, 0.7f, 0.002f, true),
            () -> new RmsProp(0.003f, 0.95f, 1e-7f, 0.001f, 0.5f));

    private SavedModel saved(Network net) {
        return new SavedModel(net, prep, data.classNames(), TrainingSummary.untrained(42));
    }

    private float[][] straightRun(int patience) {
        return straightRun(patience, () -> Optimizers.create("adam", 0.01f));
    }

    private float[][] straightRun(int patience, Supplier<Optimizer> optimizer) {
        Network net = network();
        new Trainer(optimizer.get(), options(patience)).fit(net, train, validation);
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
     * Resumes from {@code file} with only what the checkpoint holds: its network, its optimizer and a
     * trainer set up from the saved options (with the epoch count of the full run), and trains to the end.
     */
    private Network resume(Path file, int patience) throws IOException {
        Checkpoint.Loaded loaded = Checkpoint.load(file, Kernels.scalar());
        assertEquals(patience, loaded.options().earlyStoppingPatience());
        assertEquals(options(patience).schedule().describe(), loaded.options().schedule().describe());
        Network net = loaded.model().network();
        Trainer trainer = new Trainer(loaded.optimizer(), loaded.options().withEpochs(EPOCHS));
        trainer.resume(loaded.state());
        trainer.fit(net, train, validation);
        return net;
    }

    @Test
    void twoEpochsSavedAndTwoMoreEqualFourStraight() throws IOException {
        for (Supplier<Optimizer> optimizer : OPTIMIZERS) {
            float[][] straight = straightRun(0, optimizer);
            Network net = network();
            Trainer first = new Trainer(optimizer.get(), options(0).withEpochs(2));
            first.fit(net, train, validation);
            Path file = dir.resolve("after-2.safetensors");
            Checkpoint.save(file, saved(net), first.state(), first.options());

            Optimizer loaded = Checkpoint.load(file, Kernels.scalar()).optimizer();
            assertEquals(first.optimizer().describe(), loaded.describe());
            assertEquals(first.optimizer().steps(), loaded.steps(), "the loaded optimizer has its state restored");
            assertBitIdentical(straight, resume(file, 0));
        }
    }

    @Test
    void aCheckpointWithoutTheOptimizerDescriptionIsRefused() throws IOException {
        Path file = checkpointAfterOneEpoch();
        rewriteCheckpointJson(file, "\"optimizer_description\":\"[^\"]*\",", "");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Checkpoint.load(file, Kernels.scalar()));
        assertTrue(e.getMessage().contains("optimizer_description is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("start the run again"), e.getMessage());
    }

    @Test
    void anOptimizerDescriptionThatDoesNotFitTheStateIsRefused() throws IOException {
        Path file = checkpointAfterOneEpoch();
        rewriteCheckpointJson(file, "adam:lr=0\\.01,", "adam:lr=0.01,beta3=0.5,");
        ModelFormatException bad = assertThrows(ModelFormatException.class, () -> Checkpoint.load(file, Kernels.scalar()));
        assertTrue(bad.getMessage().contains("optimizer_description is not valid"), bad.getMessage());
        assertTrue(bad.getMessage().contains("unknown key 'beta3' for adam"), bad.getMessage());

        Path other = checkpointAfterOneEpoch();
        rewriteCheckpointJson(other, "\"optimizer_description\":\"[^\"]*\"",
                "\"optimizer_description\":\"adagrad:lr=0.01\"");
        ModelFormatException mismatch = assertThrows(ModelFormatException.class,
                () -> Checkpoint.load(other, Kernels.scalar()));
        assertTrue(mismatch.getMessage().contains("does not match the saved optimizer state"), mismatch.getMessage());
        assertTrue(mismatch.getMessage().contains("cannot restore the state of optimizer 'adam' into optimizer"
                + " 'adagrad'"), mismatch.getMessage());
    }

    @Test
    void aStateWithoutAnOptimizerDescriptionIsNotSaved() {
        Network net = network();
        Trainer trainer = trainer(0);
        trainer.fit(net, train, validation);
        TrainingState s = trainer.state();
        TrainingState undescribed = new TrainingState(s.epoch(), s.batch(), s.epochShuffleState(), s.lossSum(),
                s.correct(), s.seen(), s.bestValidationLoss(), s.bestEpoch(), s.epochsWithoutImprovement(),
                s.bestWeights(), s.dropoutStates(), new OptimizerState(s.optimizer().optimizer(),
                        s.optimizer().steps(), s.optimizer().buffers()), s.history());
        Path file = dir.resolve("undescribed.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.save(file, saved(net), undescribed, trainer.options()));
        assertTrue(e.getMessage().contains("no description of its optimizer 'adam'"), e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void theCallersNotesOnTheRunAreKeptAndChecked() throws IOException {
        Network net = network();
        Trainer trainer = trainer(0);
        trainer.fit(net, train, validation);
        Path file = dir.resolve("noted.safetensors");
        Checkpoint.save(file, saved(net), trainer.state(), trainer.options(), Map.of("val_split", "0.25", "note", "ünï"));
        assertEquals(Map.of("val_split", "0.25", "note", "ünï"), Checkpoint.load(file, Kernels.scalar()).notes());
        assertEquals("{\"note\":\"ünï\",\"val_split\":\"0.25\"}", SafetensorsFile.read(file).metadata().get("notes"));

        assertEquals(Map.of(), Checkpoint.load(checkpointAfterOneEpoch(), Kernels.scalar()).notes(), "none given");

        SafetensorsFile st = SafetensorsFile.read(file);
        Map<String, String> metadata = new LinkedHashMap<>(st.metadata());
        metadata.put("notes", "{\"val_split\": 0.25}");
        new SafetensorsFile(st.tensors(), metadata).write(file);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Checkpoint.load(file, Kernels.scalar()));
        assertTrue(e.getMessage().contains("val_split") && e.getMessage().contains("must be a string, got 0.25"),
                e.getMessage());
    }

    private Path checkpointAfterOneEpoch() throws IOException {
        Network net = network();
        Trainer trainer = new Trainer(Optimizers.create("adam", 0.01f), options(0).withEpochs(1));
        trainer.fit(net, train, validation);
        Path file = Files.createTempFile(dir, "one-epoch", ".safetensors");
        Checkpoint.save(file, saved(net), trainer.state(), trainer.options());
        return file;
    }

    /** Replaces {@code regex} in the checkpoint's training-state JSON, keeping everything else. */
    private static void rewriteCheckpointJson(Path file, String regex, String replacement) throws IOException {
        SafetensorsFile st = SafetensorsFile.read(file);
        Map<String, String> metadata = new LinkedHashMap<>(st.metadata());
        String json = metadata.get(Checkpoint.KEY);
        String changed = json.replaceFirst(regex, replacement);
        assertFalse(changed.equals(json), "the pattern " + regex + " is not in " + json);
        metadata.put(Checkpoint.KEY, changed);
        new SafetensorsFile(st.tensors(), metadata).write(file);
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
    void saveKeepsTheNewCheckpointAndLeavesLaterOnesAlone() throws IOException {
        Path ckpt = Files.createDirectories(dir.resolve("ckpt"));
        // Another run's files: one after the position saved below, one before it.
        Path later = Files.write(ckpt.resolve("run-e000333-b000000.safetensors"), new byte[] {1});
        Path earlier = Files.write(ckpt.resolve("run-e000000-b000005.safetensors"), new byte[] {2});
        CheckpointDirectory checkpoints = new CheckpointDirectory(ckpt, "run", 1);
        Network net = network();
        Trainer trainer = trainer(0);
        trainer.fit(net, train, validation);

        Path saved = checkpoints.save(saved(net), trainer.state(), trainer.options());

        assertEquals("run-e000004-b000000.safetensors", saved.getFileName().toString());
        assertTrue(Files.exists(saved), "the checkpoint just written is kept");
        assertTrue(Files.exists(later), "a later checkpoint is not this save's to delete");
        assertFalse(Files.exists(earlier), "keep = 1 leaves nothing before the new checkpoint");
    }

    @Test
    void aRunStartsOnlyInAnEmptyDirectoryOrFromItsNewestCheckpoint() throws IOException {
        Path ckpt = dir.resolve("ckpt");
        CheckpointDirectory checkpoints = new CheckpointDirectory(ckpt, "run", 3);
        checkpoints.checkCanStart(null); // not created yet
        Files.createDirectories(ckpt);
        Path older = Files.write(ckpt.resolve("run-e000002-b000000.safetensors"), new byte[] {1});
        Path newest = Files.write(ckpt.resolve("run-e000010-b000000.safetensors"), new byte[] {2});
        Files.write(ckpt.resolve("other-e000011-b000000.safetensors"), new byte[] {3}); // another prefix

        IllegalStateException fresh = assertThrows(IllegalStateException.class, () -> checkpoints.checkCanStart(null));
        assertTrue(fresh.getMessage().contains(newest.toString()), fresh.getMessage());
        IllegalStateException fromOlder = assertThrows(IllegalStateException.class,
                () -> checkpoints.checkCanStart(older));
        assertTrue(fromOlder.getMessage().contains(older + " is not the newest"), fromOlder.getMessage());
        Path elsewhere = Files.write(dir.resolve("elsewhere.safetensors"), new byte[] {4});
        assertThrows(IllegalStateException.class, () -> checkpoints.checkCanStart(elsewhere));
        checkpoints.checkCanStart(newest);
        checkpoints.checkCanStart(ckpt.resolve("..").resolve("ckpt").resolve(newest.getFileName()));
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

        // its weights load into a network the caller built, as a model file's do
        Network fresh = network();
        ModelFile.loadWeights(ckpt, fresh);
        assertBitIdentical(weights(net), fresh);
    }
}
