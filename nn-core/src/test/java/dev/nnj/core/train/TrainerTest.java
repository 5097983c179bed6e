package dev.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.Matrix;
import dev.nnj.core.Network;
import dev.nnj.core.Parameter;
import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.loss.Loss;
import dev.nnj.core.optim.Sgd;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trainer's mechanics: batching, averaging, early stopping, divergence and clipping. */
class TrainerTest {

    @Test
    void trainsTheLastPartialBatch() {
        ArrayDataset data = TrainingData.linear(10, 0.1, 1);
        Network net = linearNetwork(1);
        Sgd sgd = new Sgd(0.01f);
        List<int[]> calls = new ArrayList<>();
        Trainer trainer = new Trainer(sgd, TrainingOptions.defaults().withEpochs(2).withBatchSize(4));
        trainer.addListener(new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, int samples, double runningLoss) {
                calls.add(new int[] {epoch, batch, batches, samples});
            }
        });

        trainer.fit(net, data, null);

        // 10 samples in batches of 4: 4 + 4 + 2, so three optimizer steps per epoch
        assertEquals(6, sgd.steps());
        assertEquals(6, calls.size());
        assertArrayEquals(new int[] {0, 2, 3, 10}, calls.get(2));
        assertArrayEquals(new int[] {1, 2, 3, 10}, calls.get(5));
    }

    @Test
    void averagesGradientsOverTheMinibatch() {
        // M copies of one sample in one batch must move the weights exactly as that sample alone
        int copies = 5;
        Matrix x = new Matrix(copies, 2);
        Matrix y = new Matrix(copies, 1);
        for (int i = 0; i < copies; i++) {
            x.set(i, 0, 0.7f);
            x.set(i, 1, -0.4f);
            y.set(i, 0, 1.5f);
        }
        Network batched = tanhNetwork(4);
        Network single = tanhNetwork(4);
        TrainingOptions once = TrainingOptions.defaults().withEpochs(1).withShuffle(false, 0);

        new Trainer(new Sgd(0.5f), once.withBatchSize(copies)).fit(batched, ArrayDataset.regression(x, y), null);
        new Trainer(new Sgd(0.5f), once.withBatchSize(1)).fit(single, ArrayDataset.regression(
                Matrix.of(new float[][] {{0.7f, -0.4f}}), Matrix.of(new float[][] {{1.5f}})), null);

        float[][] a = TrainingData.weights(batched);
        float[][] b = TrainingData.weights(single);
        float[][] start = TrainingData.weights(tanhNetwork(4));
        for (int p = 0; p < a.length; p++) {
            for (int i = 0; i < a[p].length; i++) {
                float step = b[p][i] - start[p][i];
                assertEquals(step, a[p][i] - start[p][i], 1e-6 * Math.max(Math.abs(step), 1e-3), "parameter " + p + "[" + i + "]");
            }
        }
        assertFalse(Arrays.equals(a[0], start[0]), "the step moved the weights");
    }

    /** A one-weight network from w = 0 on {@link TrainingData#overfitting}, with its weights after every epoch. */
    private static final class OverfittingRun {
        final Network net = Network.builder(1).dense(1, Activation.IDENTITY).loss(Loss.MSE)
                .kernels(Kernels.scalar()).build();
        final List<float[][]> snapshots = new ArrayList<>();
        final TrainingHistory history;

        OverfittingRun(int epochs, int patience) {
            TrainingData.Split data = TrainingData.overfitting();
            net.parameters().get(0).value()[0] = 0f;
            Trainer trainer = new Trainer(new Sgd(0.1f),
                    TrainingOptions.defaults().withEpochs(epochs).withBatchSize(32).withEarlyStopping(patience));
            trainer.addListener(new TrainingListener() {
                @Override
                public void onEpoch(EpochMetrics metrics) {
                    snapshots.add(TrainingData.weights(net));
                }
            });
            history = trainer.fit(net, data.train(), data.validation());
        }

        /** The epoch of the lowest validation loss, found from the metrics. */
        int best() {
            int best = 0;
            for (EpochMetrics m : history.epochs()) {
                best = m.validationLoss() < history.epochs().get(best).validationLoss() ? m.epoch() : best;
            }
            return best;
        }
    }

    @Test
    void earlyStoppingRestoresTheBestWeights() {
        OverfittingRun run = new OverfittingRun(100, 3);
        TrainingHistory history = run.history;

        assertTrue(history.stoppedEarly());
        int best = run.best();
        assertEquals(best, history.bestEpoch());
        assertTrue(best > 0, "validation loss first fell");
        assertEquals(best + 3 + 1, history.epochs().size(), "stopped after 3 epochs without improvement");
        float[][] bestWeights = run.snapshots.get(best);
        assertTrue(Arrays.deepEquals(bestWeights, TrainingData.weights(run.net)), "final weights are the best epoch's");
        assertFalse(Arrays.deepEquals(bestWeights, run.snapshots.get(best + 1)), "training went on past them");
    }

    @Test
    void withEarlyStoppingARunThatUsesEveryEpochEndsOnTheBestWeightsAndReportsTheirMetrics() {
        // More patience than epochs: the validation loss rises in the last epochs, but training never
        // stops early.
        OverfittingRun run = new OverfittingRun(20, 50);
        TrainingHistory history = run.history;

        assertFalse(history.stoppedEarly());
        assertEquals(20, history.epochs().size());
        int best = run.best();
        assertTrue(best < 19, "the validation loss rose again before the last epoch");
        assertTrue(history.endedOnBest());
        assertSame(history.epochs().get(best), history.metricsOfFinalWeights());
        assertTrue(Arrays.deepEquals(run.snapshots.get(best), TrainingData.weights(run.net)),
                "final weights are the best epoch's");
    }

    @Test
    void withoutEarlyStoppingTheFinalWeightsAreTheLastEpochs() {
        Network net = Network.builder(2).dense(1, Activation.IDENTITY).loss(Loss.MSE).kernels(Kernels.scalar()).build();
        ArrayDataset data = TrainingData.linear(16, 0, 4);
        TrainingHistory history = new Trainer(new Sgd(0.1f), TrainingOptions.defaults().withEpochs(3))
                .fit(net, data, data);
        assertFalse(history.endedOnBest());
        assertSame(history.last(), history.metricsOfFinalWeights());
    }

    @Test
    void aHistoryCannotEndOnABestEpochItDoesNotHave() {
        EpochMetrics only = new EpochMetrics(0, 1, Double.NaN, 1, Double.NaN, 0.1f, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingHistory(List.of(only), false, 1, false, true));
        assertTrue(e.getMessage().contains("best epoch 1 is not one of the 1 epochs"), e.getMessage());
    }

    @Test
    void earlyStoppingRefusesAnEmptyValidationSet() {
        ArrayDataset empty = ArrayDataset.regression(new Matrix(0, 2), new Matrix(0, 1));
        Trainer trainer = new Trainer(new Sgd(0.1f), TrainingOptions.defaults().withEpochs(3).withEarlyStopping(1));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(linearNetwork(1), TrainingData.linear(8, 0.1, 2), empty));

        assertEquals("early stopping needs validation data (patience 1 was given with an empty validation set)",
                e.getMessage());
    }

    @Test
    void nanLossStopsWithAnActionableMessage() {
        ArrayDataset data = TrainingData.linear(10, 0.1, 5);
        data.features().set(5, 1, Float.NaN); // sample 5 is in batch 3 (0-based 2) when unshuffled in pairs
        Trainer trainer = new Trainer(new Sgd(0.01f), TrainingOptions.defaults().withShuffle(false, 0).withBatchSize(2));

        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer.fit(linearNetwork(1), data, null));

        assertEquals(0, e.epoch());
        assertEquals(2, e.batch());
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertTrue(e.getMessage().contains("epoch 1, batch 3 of 5"), e.getMessage());
        assertTrue(e.getMessage().contains("lower the learning rate"), e.getMessage());
    }

    /**
     * Targets of 1e30: the loss (1e60, in double) is finite, but the bias gradient is about −2e30 and a
     * step of 1e10 takes the bias past the float range. No later batch exists to see it in its loss.
     */
    @Test
    void weightsLeftNonFiniteByTheLastUpdateStopTheRun() {
        Matrix x = new Matrix(8, 2);
        Matrix y = new Matrix(8, 1);
        for (int i = 0; i < 8; i++) {
            x.set(i, 0, i / 8f);
            y.set(i, 0, 1e30f);
        }
        Trainer trainer = new Trainer(new Sgd(1e10f), TrainingOptions.defaults().withEpochs(1).withBatchSize(8));

        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer.fit(linearNetwork(1), ArrayDataset.regression(x, y), null));

        assertEquals(0, e.epoch());
        assertEquals(0, e.batch());
        assertTrue(e.getMessage().contains("became NaN or infinite in the update of epoch 1, batch 1 of 1"), e.getMessage());
        assertTrue(e.getMessage().contains("lower the learning rate"), e.getMessage());
    }

    /** A NaN in the validation data, with early stopping, which used to fail restoring best weights it never had. */
    @Test
    void aNonFiniteValidationLossOnFiniteWeightsBlamesTheValidationData() {
        ArrayDataset train = TrainingData.linear(16, 0.1, 5);
        ArrayDataset validation = TrainingData.linear(8, 0.1, 6);
        validation.features().set(3, 0, Float.NaN);
        Trainer trainer = new Trainer(new Sgd(0.01f),
                TrainingOptions.defaults().withEpochs(3).withBatchSize(4).withEarlyStopping(1));

        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer.fit(linearNetwork(1), train, validation));

        assertEquals(0, e.epoch());
        assertEquals("the validation loss after epoch 1 is NaN although the weights and the training loss are"
                + " finite: check the validation data for NaN or infinite values", e.getMessage());
    }

    @Test
    void explodingLossStopsWithTheEpochAndBatch() {
        ArrayDataset data = TrainingData.linear(64, 0.1, 6);
        Trainer trainer = new Trainer(new Sgd(1e6f), TrainingOptions.defaults().withEpochs(50).withBatchSize(8));

        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer.fit(tanhNetwork(7), data, null));

        assertTrue(e.getMessage().contains("epoch " + (e.epoch() + 1) + ", batch " + (e.batch() + 1) + " of 8"), e.getMessage());
        assertTrue(e.getMessage().contains("lower the learning rate (now 1000000.0"), e.getMessage());
    }

    @Test
    void clipGlobalNormRescalesToTheGivenNorm() {
        Parameter p = Parameter.zeros("p", 2);
        Parameter q = Parameter.zeros("q", 1);
        p.grad()[0] = 3f;
        q.grad()[0] = 4f;

        double norm = GradientClipping.clipGlobalNorm(Kernels.scalar(), List.of(p, q), 1f);

        assertEquals(5.0, norm, 0);
        double scale = 1 / (5 + 1e-6); // maxNorm / (norm + 1e-6), as torch.nn.utils.clip_grad_norm_
        assertEquals(3 * scale, p.grad()[0], 1e-7);
        assertEquals(0f, p.grad()[1]);
        assertEquals(4 * scale, q.grad()[0], 1e-7);

        float[] before = {p.grad()[0], p.grad()[1], q.grad()[0]};
        GradientClipping.clipGlobalNorm(Kernels.scalar(), List.of(p, q), 2f);
        assertArrayEquals(before, new float[] {p.grad()[0], p.grad()[1], q.grad()[0]}, 0f, "under the limit: unchanged");
    }

    @Test
    void trainerClipsBeforeTheOptimizerStep() {
        // one SGD step with η = 1 moves the weights by exactly the (clipped) gradient
        ArrayDataset data = TrainingData.linear(8, 0.1, 7);
        Network probe = tanhNetwork(8);
        probe.forward(data.features().data(), 8, true);
        probe.backward(data.targets().data());
        double raw = 0;
        for (Parameter p : probe.parameters()) {
            for (float g : p.grad()) {
                raw += (double) g * g;
            }
        }
        raw = Math.sqrt(raw);
        float limit = 0.25f;
        assertTrue(raw > 2 * limit, "the gradient must be large enough to be clipped: " + raw);

        Network net = tanhNetwork(8);
        float[][] start = TrainingData.weights(net);
        new Trainer(new Sgd(1f), TrainingOptions.defaults().withEpochs(1).withBatchSize(8).withClipNorm(limit))
                .fit(net, data, null);

        float[][] end = TrainingData.weights(net);
        double moved = 0;
        for (int p = 0; p < end.length; p++) {
            for (int i = 0; i < end[p].length; i++) {
                moved += Math.pow((double) end[p][i] - start[p][i], 2);
            }
        }
        assertEquals(limit, Math.sqrt(moved), 1e-5);
    }

    private static Network linearNetwork(long seed) {
        return Network.builder(2).dense(1, Activation.IDENTITY).loss(Loss.MSE).seed(seed).kernels(Kernels.scalar()).build();
    }

    private static Network tanhNetwork(long seed) {
        return Network.builder(2).dense(3, Activation.TANH).dense(1, Activation.IDENTITY).loss(Loss.MSE)
                .seed(seed).kernels(Kernels.scalar()).build();
    }
}
