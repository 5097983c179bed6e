package dev.nnj.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.optim.Adam;
import dev.nnj.core.optim.Sgd;
import dev.nnj.core.train.ArrayDataset;
import dev.nnj.core.train.Trainer;
import dev.nnj.core.train.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Wrong shapes and invalid settings fail early, with a message that says what, expected vs actual. */
class BadInputTest {

    private final Network net = Network.builder(3).dense(4, Activation.TANH).dense(2, Activation.SOFTMAX)
            .kernels(Kernels.scalar()).build();

    @Test
    void wrongInputWidthNamesTheLayer() {
        assertMessage(IllegalArgumentException.class, () -> net.predict(new Matrix(2, 4)),
                "layer 0 (Dense 3→4 tanh)", "4 columns", "expected 3");
        assertMessage(IllegalArgumentException.class, () -> net.forward(new float[5], 2, false),
                "layer 0 (Dense 3→4 tanh)", "holds 5 values", "2 rows × 3 = 6");
        assertMessage(IllegalArgumentException.class, () -> net.forward(new float[3], 0, false), "at least 1 row, got 0");
    }

    @Test
    void targetsTooShort() {
        net.forward(new float[6], 2, true);
        assertMessage(IllegalArgumentException.class, () -> net.loss(new float[3]), "targets hold 3 values", "2 rows × 2 = 4");
        assertMessage(IllegalArgumentException.class, () -> net.backward(new float[3]), "targets hold 3 values", "2 rows × 2 = 4");
    }

    @Test
    void lossBeforeForward() {
        Network fresh = Network.builder(1).dense(1, Activation.IDENTITY).kernels(Kernels.scalar()).build();
        assertMessage(IllegalStateException.class, () -> fresh.backward(new float[1]), "no forward pass yet");
    }

    @Test
    void mismatchedDataSets() {
        assertMessage(IllegalArgumentException.class, () -> ArrayDataset.regression(new Matrix(5, 3), new Matrix(4, 2)),
                "features have 5 rows but targets have 4");
        assertMessage(IllegalArgumentException.class, () -> ArrayDataset.classification(new Matrix(5, 3), new int[4], 2),
                "5 rows but there are 4 labels");
        assertMessage(IllegalArgumentException.class, () -> ArrayDataset.classification(new Matrix(2, 3), new int[] {0, 2}, 2),
                "label 1 is 2, expected 0..1");

        Trainer trainer = new Trainer(new Sgd(0.1f), TrainingOptions.defaults());
        assertMessage(IllegalArgumentException.class,
                () -> trainer.fit(net, ArrayDataset.regression(new Matrix(5, 4), new Matrix(5, 2)), null),
                "training data has 4 features", "expects 3 inputs");
        assertMessage(IllegalArgumentException.class,
                () -> trainer.fit(net, ArrayDataset.regression(new Matrix(5, 3), new Matrix(5, 3)), null),
                "training data has 3 targets", "network has 2 outputs");
        assertMessage(IllegalArgumentException.class,
                () -> trainer.fit(net, ArrayDataset.regression(new Matrix(5, 3), new Matrix(5, 2)),
                        ArrayDataset.regression(new Matrix(5, 3), new Matrix(5, 1))),
                "validation data has 1 targets", "network has 2 outputs");
        assertMessage(IllegalArgumentException.class,
                () -> trainer.fit(net, ArrayDataset.regression(new Matrix(0, 3), new Matrix(0, 2)), null),
                "training data is empty");
        Trainer stopping = new Trainer(new Sgd(0.1f), TrainingOptions.defaults().withEarlyStopping(2));
        assertMessage(IllegalArgumentException.class,
                () -> stopping.fit(net, ArrayDataset.regression(new Matrix(5, 3), new Matrix(5, 2)), null),
                "early stopping needs validation data");
    }

    @Test
    void nullTrainerPartsFailWhenGiven() {
        assertMessage(NullPointerException.class, () -> new Trainer(null, TrainingOptions.defaults()),
                "optimizer must not be null");
        assertMessage(NullPointerException.class, () -> new Trainer(new Sgd(0.1f), null),
                "training options must not be null");
        assertMessage(NullPointerException.class,
                () -> new Trainer(new Sgd(0.1f), TrainingOptions.defaults()).addListener(null), "listener must not be null");
    }

    @Test
    void invalidHyperparameters() {
        assertMessage(IllegalArgumentException.class, () -> new Sgd(-0.1f), "learning rate must be > 0", "got -0.1");
        assertMessage(IllegalArgumentException.class, () -> new Adam(0f), "learning rate must be > 0", "got 0.0");
        assertMessage(IllegalArgumentException.class, () -> Network.builder(3).dense(4, Activation.RELU).dropout(1f),
                "layer 1: dropout probability must be in [0, 1), got 1.0");
        assertMessage(IllegalArgumentException.class, () -> Network.builder(3).dropout(-0.1f),
                "dropout probability must be in [0, 1), got -0.1");
        assertMessage(IllegalArgumentException.class, () -> TrainingOptions.defaults().withEpochs(0), "epochs must be >= 1, got 0");
        assertMessage(IllegalArgumentException.class, () -> TrainingOptions.defaults().withBatchSize(0), "batch size must be >= 1, got 0");
        assertMessage(IllegalArgumentException.class, () -> TrainingOptions.defaults().withClipNorm(-1f), "clip norm", "got -1.0");
        assertMessage(IllegalArgumentException.class, () -> TrainingOptions.defaults().withEarlyStopping(-1), "patience", "got -1");
    }

    @Test
    void invalidArchitectures() {
        assertMessage(IllegalStateException.class,
                () -> Network.builder(3).dense(4, Activation.SOFTMAX).dense(2, Activation.SOFTMAX).build(),
                "layer 0: softmax is an output function");
        assertMessage(IllegalStateException.class, () -> Network.builder(3).build(), "must end with a dense output layer");
        assertMessage(IllegalStateException.class, () -> Network.builder(3).dense(4, Activation.RELU).dropout(0.5f).build(),
                "must end with a dense output layer");
        assertMessage(IllegalArgumentException.class, () -> Network.builder(0), "at least 1 input, got 0");
        assertMessage(IllegalArgumentException.class, () -> Network.builder(3).dense(4, Activation.RELU).dense(0, Activation.RELU),
                "layer 1: Dense needs at least 1 unit, got 0");
    }

    @Test
    void aLayerWithMoreWeightsThanAnArrayHoldsNamesBothSizes() {
        // 64 × 100 000 000 = 6.4e9 and 65 536 × 65 537 = 2^32 + 2^16, which an int multiplication wraps to 65 536.
        assertMessage(IllegalArgumentException.class,
                () -> Network.builder(64).dense(100_000_000, Activation.RELU).dense(10, Activation.SOFTMAX).build(),
                "layer 0 (Dense 64→100000000)", "= 6400000000 weights", "more than one array holds");
        assertMessage(IllegalArgumentException.class,
                () -> Network.builder(3).dense(65_536, Activation.RELU).dense(65_537, Activation.SOFTMAX).build(),
                "layer 1 (Dense 65536→65537)", "= 4295032832 weights");
    }

    private static void assertMessage(Class<? extends Exception> type, Executable call, String... parts) {
        Exception e = assertThrows(type, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message \"" + e.getMessage() + "\" should contain \"" + part + "\"");
        }
    }
}
