package dev.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.Network;
import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.optim.Adam;
import dev.nnj.core.optim.Sgd;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A run continued from {@link Trainer#state()} in a fresh trainer and network ends on the same bits as
 * an uninterrupted one, with shuffling, dropout, a partial last batch and Adam's moments all in play.
 */
class TrainerResumeTest {

    private static final int EPOCHS = 4;
    private static final TrainingOptions OPTIONS = TrainingOptions.defaults()
            .withEpochs(EPOCHS).withBatchSize(7).withShuffle(true, 9); // 45 samples: 6 full batches + 3
    private final ArrayDataset data = TrainingData.blobs(15, 8);

    @Test
    void resumingAfterTwoEpochsMatchesAStraightRun() {
        float[][] straight = trainStraight();

        Network first = network();
        Trainer trainer = new Trainer(new Adam(0.01f), OPTIONS.withEpochs(2));
        trainer.fit(first, data, null);
        TrainingState state = trainer.state();
        assertEquals(2, state.epoch());

        Network second = network();
        TrainingData.load(second, TrainingData.weights(first));
        Trainer resumed = new Trainer(new Adam(0.01f), OPTIONS);
        resumed.resume(state);
        TrainingHistory history = resumed.fit(second, data, null);

        assertEquals(EPOCHS, history.epochs().size());
        assertTrue(Arrays.deepEquals(straight, TrainingData.weights(second)), "bit-identical weights");
    }

    @Test
    void earlyStoppingCannotBeTurnedOnWhenResumingARunWithoutIt() {
        Network net = network();
        Trainer trainer = new Trainer(new Sgd(0.1f), OPTIONS.withEpochs(2));
        trainer.fit(net, data, data);
        TrainingState state = trainer.state();
        assertTrue(state.bestEpoch() >= 0, "validation tracked a best epoch");
        assertTrue(state.bestWeights().isEmpty(), "but kept no copy of its weights");

        Trainer resumed = new Trainer(new Sgd(0.1f), OPTIONS.withEarlyStopping(1));
        resumed.resume(state);
        float[][] before = TrainingData.weights(net);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resumed.fit(net, data, data));

        assertEquals("training state has no best weights (its run did not use early stopping), so early stopping"
                + " could not restore those of epoch " + (state.bestEpoch() + 1) + "; resume without early stopping,"
                + " or start a new run", e.getMessage());
        assertTrue(Arrays.deepEquals(before, TrainingData.weights(net)), "nothing trained");
    }

    @Test
    void resumingIntoANetworkOfOtherShapesIsRefusedBeforeTraining() {
        Network first = Network.builder(2).dense(8, Activation.TANH).dense(3, Activation.SOFTMAX)
                .seed(1).kernels(Kernels.scalar()).build();
        Trainer trainer = new Trainer(new Sgd(0.1f), OPTIONS.withEpochs(2).withEarlyStopping(5));
        trainer.fit(first, data, data);
        TrainingState state = trainer.state();
        assertEquals(4, state.bestWeights().size(), "early stopping kept best weights");

        Network smaller = Network.builder(2).dense(4, Activation.TANH).dense(3, Activation.SOFTMAX)
                .seed(1).kernels(Kernels.scalar()).build();
        Trainer resumed = new Trainer(new Sgd(0.1f), OPTIONS.withEarlyStopping(5));
        resumed.resume(state);
        float[][] before = TrainingData.weights(smaller);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resumed.fit(smaller, data, data));

        assertEquals("training state's best weights for layers.0.weight hold 16 values, expected 8; resume with the"
                + " network of the saved run", e.getMessage());
        assertTrue(Arrays.deepEquals(before, TrainingData.weights(smaller)), "nothing trained");
    }

    @Test
    void resumingAfterAStopRequestMidEpochMatchesAStraightRun() {
        float[][] straight = trainStraight();

        Network first = network();
        Trainer trainer = stoppingAfter(1, 2);
        TrainingHistory partial = trainer.fit(first, data, null);
        TrainingState state = trainer.state();
        assertTrue(partial.interrupted());
        assertEquals(1, state.epoch());
        assertEquals(3, state.batch());
        assertFalse(Arrays.deepEquals(straight, TrainingData.weights(first)));

        Network second = network();
        TrainingData.load(second, TrainingData.weights(first));
        Trainer resumed = new Trainer(new Adam(0.01f), OPTIONS);
        resumed.resume(state);
        TrainingHistory history = resumed.fit(second, data, null);

        assertFalse(history.interrupted());
        assertEquals(EPOCHS, history.epochs().size());
        assertTrue(Arrays.deepEquals(straight, TrainingData.weights(second)), "bit-identical weights");
    }

    /** 45 samples in batches of 7 stopped after 3 batches; batches of 5 (21 seen ≠ 15) or of 23 (2 batches) cannot continue it. */
    @Test
    void aPositionTheDataCannotHaveProducedIsRefused() {
        Trainer trainer = stoppingAfter(0, 2);
        trainer.fit(network(), data, null);
        TrainingState state = trainer.state();
        assertEquals(3, state.batch());

        for (int batchSize : new int[] {5, 23}) {
            Trainer other = new Trainer(new Adam(0.01f), OPTIONS.withBatchSize(batchSize));
            other.resume(state);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> other.fit(network(), data, null));
            int batches = (45 + batchSize - 1) / batchSize;
            assertEquals("cannot resume at batch 3 of epoch 1 after 21 samples: these 45 training samples make "
                    + batches + " batches of " + batchSize + "; resume with the data and batch size of the saved run",
                    e.getMessage());
        }
    }

    @Test
    void aStraightRunIsNotTrivial() {
        // guards the two tests above: dropout and shuffling do change the outcome of a different run
        float[][] straight = trainStraight();
        Network other = network();
        new Trainer(new Adam(0.01f), OPTIONS.withShuffle(true, 10)).fit(other, data, null);
        assertFalse(Arrays.deepEquals(straight, TrainingData.weights(other)));
    }

    @Test
    void resumedEpochMetricsMatchTheStraightRun() {
        Network straightNet = network();
        TrainingHistory straight = new Trainer(new Adam(0.01f), OPTIONS).fit(straightNet, data, null);

        Network first = network();
        Trainer trainer = new Trainer(new Adam(0.01f), OPTIONS);
        trainer.addListener(new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, int samples, double runningLoss) {
                if (epoch == 2 && batch == 4) {
                    trainer.requestStop();
                }
            }
        });
        trainer.fit(first, data, null);
        Network second = network();
        TrainingData.load(second, TrainingData.weights(first));
        Trainer resumed = new Trainer(new Adam(0.01f), OPTIONS);
        resumed.resume(trainer.state());
        TrainingHistory history = resumed.fit(second, data, null);

        // the interrupted epoch's running loss and accuracy carry over the stop
        for (int e = 0; e < EPOCHS; e++) {
            assertEquals(straight.epochs().get(e).trainLoss(), history.epochs().get(e).trainLoss(), 0, "epoch " + e);
            assertEquals(straight.epochs().get(e).trainAccuracy(), history.epochs().get(e).trainAccuracy(), 0, "epoch " + e);
        }
    }

    private float[][] trainStraight() {
        Network net = network();
        new Trainer(new Adam(0.01f), OPTIONS).fit(net, data, null);
        return TrainingData.weights(net);
    }

    private static Network network() {
        return Network.builder(2).dense(8, Activation.RELU).dropout(0.3f).dense(3, Activation.SOFTMAX)
                .seed(5).kernels(Kernels.scalar()).build();
    }

    /** A trainer that asks itself to stop after batch {@code stopBatch} (0-based) of epoch {@code stopEpoch}. */
    private static Trainer stoppingAfter(int stopEpoch, int stopBatch) {
        Trainer trainer = new Trainer(new Adam(0.01f), OPTIONS);
        trainer.addListener(new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, int samples, double runningLoss) {
                if (epoch == stopEpoch && batch == stopBatch) {
                    trainer.requestStop();
                }
            }
        });
        return trainer;
    }
}
