package dev.nnj.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.Matrix;
import dev.nnj.core.Network;
import dev.nnj.core.Rng;
import dev.nnj.core.activation.Activation;
import dev.nnj.core.loss.Loss;
import dev.nnj.core.optim.Optimizers;
import dev.nnj.core.train.ArrayDataset;
import dev.nnj.core.train.Evaluation;
import dev.nnj.core.train.Trainer;
import dev.nnj.core.train.TrainingOptions;
import org.junit.jupiter.api.Test;

/**
 * The library example of README.md, verbatim between the markers, so that it compiles and does what
 * the README says. It lives here, beside nn-simd, because the README builds with the default kernels,
 * which are the SIMD ones when nn-simd and the incubator module are present, as in this test.
 */
class ReadmeExampleTest {

    @Test
    void readmeExampleTrainsEvaluatesAndPredicts() {
        // --- README example starts here ---
        // Two classes on the plane: inside radius √1.5 is class 0, outside class 1.
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
                .build();
        Trainer trainer = new Trainer(Optimizers.create("adam", 0.01f),
                TrainingOptions.defaults().withEpochs(100).withBatchSize(32));
        trainer.fit(net, ArrayDataset.classification(x, labels, 2), null);
        Evaluation result = Evaluation.of(net, ArrayDataset.classification(x, labels, 2), 256);
        System.out.printf("accuracy %.3f%n", result.accuracy());   // above 0.95
        Matrix probabilities = net.predict(x);
        // --- README example ends here ---
        assertInstanceOf(SimdKernels.class, net.kernels(), "the default kernels");
        assertTrue(result.accuracy() > 0.95, "accuracy " + result.accuracy());
        assertEquals(1000, probabilities.rows());
        assertEquals(2, probabilities.cols());
        int agree = 0;
        for (int i = 0; i < 1000; i++) {
            float p0 = probabilities.get(i, 0);
            assertEquals(1f, p0 + probabilities.get(i, 1), 1e-5f, "row " + i + " is a distribution");
            agree += (p0 > 0.5f ? 0 : 1) == labels[i] ? 1 : 0;
        }
        assertEquals(result.accuracy(), agree / 1000.0, 1e-9, "predict agrees with the evaluation");
    }
}
