package dev.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnj.core.Matrix;
import dev.nnj.core.Network;
import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.optim.Sgd;
import org.junit.jupiter.api.Test;

/**
 * Accuracy of a single sigmoid output against 0/1 targets: the output is the probability of class 1, so
 * the predicted class is whether it reaches 0.5. An argmax over the one column is always 0 and used to
 * count every sample as correct.
 */
class BinaryAccuracyTest {

    /** ŷ = σ(x): below 0.5 for x &lt; 0, so the inputs −2, −1, 1, 2 are predicted as 0, 0, 1, 1. */
    private static Network sigmoidOfInput() {
        Network net = Network.builder(1).dense(1, Activation.SIGMOID).kernels(Kernels.scalar()).build();
        net.parameters().get(0).value()[0] = 1f;
        net.parameters().get(1).value()[0] = 0f;
        return net;
    }

    private static ArrayDataset halfRight() {
        Matrix x = Matrix.of(new float[][] {{-2}, {-1}, {1}, {2}});
        Matrix y = Matrix.of(new float[][] {{0}, {1}, {1}, {0}}); // the 1st and 3rd agree with the prediction
        return ArrayDataset.classification(x, y);
    }

    @Test
    void evaluationThresholdsASingleOutputAtOneHalf() {
        Evaluation e = Evaluation.of(sigmoidOfInput(), halfRight(), 2);

        assertEquals(0.5, e.accuracy(), 0);
        assertArrayEquals(new int[] {0, 0, 1, 1}, e.predicted());
        assertArrayEquals(new int[] {0, 1, 1, 0}, e.actual());
    }

    @Test
    void trainingAccuracyThresholdsASingleOutputAtOneHalf() {
        // one batch of all four samples: the accuracy is measured on the outputs before the update
        Trainer trainer = new Trainer(new Sgd(0.1f), TrainingOptions.defaults().withEpochs(1).withBatchSize(4));

        TrainingHistory history = trainer.fit(sigmoidOfInput(), halfRight(), null);

        assertEquals(0.5, history.last().trainAccuracy(), 0);
    }

    @Test
    void classOfTakesTheArgmaxOfSeveralColumnsAndThresholdsOne() {
        float[] rows = {0.2f, 0.7f, 0.1f, 0.5f, 0.49f};
        assertEquals(1, Matrix.classOf(rows, 0, 3));
        assertEquals(1, Matrix.classOf(rows, 3, 1), "0.5 counts as class 1");
        assertEquals(0, Matrix.classOf(rows, 4, 1));
    }
}
