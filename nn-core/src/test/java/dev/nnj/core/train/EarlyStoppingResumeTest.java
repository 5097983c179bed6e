package dev.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.Network;
import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.loss.Loss;
import dev.nnj.core.optim.Sgd;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Resuming interacts with early stopping: the state of a run that early stopping ended must not
 * train further, and a run interrupted before it stops must stop at the same epoch with the same weights.
 */
class EarlyStoppingResumeTest {

    private static final int PATIENCE = 3;
    private static final TrainingOptions OPTIONS = TrainingOptions.defaults()
            .withEpochs(100).withBatchSize(8).withShuffle(true, 1).withEarlyStopping(PATIENCE);

    // the validation loss falls, then rises (TrainingData.overfitting)
    private final ArrayDataset train;
    private final ArrayDataset validation;

    EarlyStoppingResumeTest() {
        TrainingData.Split split = TrainingData.overfitting();
        train = split.train();
        validation = split.validation();
    }

    @Test
    void resumingAFinishedEarlyStoppedRunTrainsNoFurther() {
        Network net = network();
        Trainer trainer = new Trainer(new Sgd(0.02f), OPTIONS);
        TrainingHistory straight = trainer.fit(net, train, validation);
        assertTrue(straight.stoppedEarly());
        float[][] best = TrainingData.weights(net);

        Network again = network();
        TrainingData.load(again, best);
        Trainer resumed = new Trainer(new Sgd(0.02f), OPTIONS);
        resumed.resume(trainer.state());
        TrainingHistory history = resumed.fit(again, train, validation);

        assertEquals(straight.epochs().size(), history.epochs().size(), "no extra epochs");
        assertTrue(history.stoppedEarly());
        assertTrue(Arrays.deepEquals(best, TrainingData.weights(again)));
    }

    @Test
    void aRunInterruptedBeforeItStopsEarlyEndsTheSame() {
        Network straightNet = network();
        TrainingHistory straight = new Trainer(new Sgd(0.02f), OPTIONS).fit(straightNet, train, validation);
        assertTrue(straight.bestEpoch() > 1);

        Network first = network();
        Trainer trainer = new Trainer(new Sgd(0.02f), OPTIONS);
        int stopAt = straight.bestEpoch() + 1; // after the best weights were saved, before patience runs out
        trainer.addListener(new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, int samples, double runningLoss) {
                if (epoch == stopAt && batch == 1) {
                    trainer.requestStop();
                }
            }
        });
        trainer.fit(first, train, validation);
        Network second = network();
        TrainingData.load(second, TrainingData.weights(first));
        Trainer resumed = new Trainer(new Sgd(0.02f), OPTIONS);
        resumed.resume(trainer.state());
        TrainingHistory history = resumed.fit(second, train, validation);

        assertTrue(history.stoppedEarly());
        assertEquals(straight.bestEpoch(), history.bestEpoch());
        assertEquals(straight.epochs().size(), history.epochs().size());
        assertTrue(Arrays.deepEquals(TrainingData.weights(straightNet), TrainingData.weights(second)));
    }

    private static Network network() {
        Network net = Network.builder(1).dense(1, Activation.IDENTITY).loss(Loss.MSE).kernels(Kernels.scalar()).build();
        net.parameters().get(0).value()[0] = 0f;
        return net;
    }
}
