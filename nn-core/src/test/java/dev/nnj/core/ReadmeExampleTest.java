package dev.nnj.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.loss.Loss;
import dev.nnj.core.optim.Optimizers;
import dev.nnj.core.train.ArrayDataset;
import dev.nnj.core.train.Evaluation;
import dev.nnj.core.train.Trainer;
import dev.nnj.core.train.TrainingOptions;
import org.junit.jupiter.api.Test;

/** The library example of README.md, kept here so that it compiles and does what the README says. */
class ReadmeExampleTest {

    @Test
    void readmeExampleTrainsAndEvaluates() {
        // --- README example starts here (the README builds with the default kernels) ---
        // Two interleaved classes on a circle: points inside radius 1 are class 0, outside class 1.
        Rng rng = new Rng(7);
        Matrix x = new Matrix(1000, 2);
        int[] labels = new int[1000];
        for (int i = 0; i < 1000; i++) {
            float a = rng.nextFloat() * 4 - 2, b = rng.nextFloat() * 4 - 2;
            x.set(i, 0, a);
            x.set(i, 1, b);
            labels[i] = a * a + b * b < 1.5f ? 0 : 1;
        }
        Network net = Network.builder(2)
                .dense(16, Activation.TANH)
                .dense(2, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY)
                .seed(42)
                .kernels(Kernels.scalar())
                .build();
        Trainer trainer = new Trainer(Optimizers.create("adam", 0.01f),
                TrainingOptions.defaults().withEpochs(100).withBatchSize(32));
        trainer.fit(net, ArrayDataset.classification(x, labels, 2), null);
        Evaluation result = Evaluation.of(net, ArrayDataset.classification(x, labels, 2), 256);
        // --- README example ends here ---
        assertTrue(result.accuracy() > 0.95, "accuracy " + result.accuracy());
    }
}
