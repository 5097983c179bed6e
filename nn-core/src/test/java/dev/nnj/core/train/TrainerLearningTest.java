package dev.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.Matrix;
import dev.nnj.core.Network;
import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.loss.Loss;
import dev.nnj.core.optim.Adam;
import dev.nnj.core.optim.Sgd;
import org.junit.jupiter.api.Test;

/** End-to-end learning: the trainer actually solves small problems whose answers are known. */
class TrainerLearningTest {

    @Test
    void learnsXor() {
        Matrix x = Matrix.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Matrix y = Matrix.of(new float[][] {{0}, {1}, {1}, {0}});
        Network net = Network.builder(2).dense(4, Activation.TANH).dense(1, Activation.SIGMOID)
                .loss(Loss.BINARY_CROSS_ENTROPY).seed(1).kernels(Kernels.scalar()).build();
        Trainer trainer = new Trainer(new Adam(0.05f), TrainingOptions.defaults().withEpochs(500).withBatchSize(4));

        trainer.fit(net, ArrayDataset.regression(x, y), null);

        Matrix p = net.predict(x);
        assertTrue(p.get(0, 0) < 0.5f, "0 xor 0 → " + p.get(0, 0));
        assertTrue(p.get(1, 0) > 0.5f, "0 xor 1 → " + p.get(1, 0));
        assertTrue(p.get(2, 0) > 0.5f, "1 xor 0 → " + p.get(2, 0));
        assertTrue(p.get(3, 0) < 0.5f, "1 xor 1 → " + p.get(3, 0));
    }

    /**
     * A linear network on y = 2x₁ − 3x₂ + 0.5 + ε, ε ~ N(0, 0.1²). No linear model can get below the
     * least-squares fit on the training set, whose MSE (≈ σ² = 0.01) is computed here independently
     * from the normal equations; gradient descent must come within 10% of σ² of that optimum.
     */
    @Test
    void fitsANoisyLinearFunction() {
        ArrayDataset data = TrainingData.linear(200, 0.1, 21);
        Network net = Network.builder(2).dense(1, Activation.IDENTITY).loss(Loss.MSE).seed(2)
                .kernels(Kernels.scalar()).build();
        double before = Evaluation.of(net, data, 64).loss();

        new Trainer(new Sgd(0.1f), TrainingOptions.defaults().withEpochs(100).withBatchSize(16)).fit(net, data, null);

        double optimum = leastSquaresMse(data);
        assertEquals(0.01, optimum, 0.003, "the noise variance bounds the best fit");
        double after = Evaluation.of(net, data, 64).loss();
        assertTrue(before > 1, "starts far from the fit: " + before);
        assertTrue(after <= optimum + 0.001, "trained MSE " + after + ", least squares " + optimum);
    }

    @Test
    void separatesThreeGaussianBlobs() {
        ArrayDataset train = TrainingData.blobs(100, 31);
        ArrayDataset test = TrainingData.blobs(100, 32);
        Network net = Network.builder(2).dense(8, Activation.TANH).dense(3, Activation.SOFTMAX)
                .seed(3).kernels(Kernels.scalar()).build();

        TrainingHistory history = new Trainer(new Adam(0.05f), TrainingOptions.defaults().withEpochs(30).withBatchSize(16))
                .fit(net, train, test);

        // blobs 3 apart with σ = 0.5: the best boundary errs on about 0.1% of points
        double accuracy = Evaluation.of(net, test, 64).accuracy();
        assertTrue(accuracy > 0.95, "test accuracy " + accuracy);
        assertEquals(accuracy, history.last().validationAccuracy(), 1e-12);
        assertTrue(history.last().trainLoss() < history.epochs().get(0).trainLoss());
    }

    /** min over (w₁, w₂, b) of the mean squared residual, from the 3×3 normal equations in float64. */
    private static double leastSquaresMse(ArrayDataset data) {
        int n = data.size();
        double[][] a = new double[3][4]; // [XᵀX | Xᵀy] with the columns x₁, x₂, 1
        for (int i = 0; i < n; i++) {
            double[] row = {data.features().get(i, 0), data.features().get(i, 1), 1};
            double t = data.targets().get(i, 0);
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    a[r][c] += row[r] * row[c];
                }
                a[r][3] += row[r] * t;
            }
        }
        for (int p = 0; p < 3; p++) { // Gauss–Jordan; XᵀX is positive definite, no pivoting needed
            for (int r = 0; r < 3; r++) {
                if (r != p) {
                    double f = a[r][p] / a[p][p];
                    for (int c = 0; c < 4; c++) {
                        a[r][c] -= f * a[p][c];
                    }
                }
            }
        }
        double[] beta = {a[0][3] / a[0][0], a[1][3] / a[1][1], a[2][3] / a[2][2]};
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double r = beta[0] * data.features().get(i, 0) + beta[1] * data.features().get(i, 1) + beta[2]
                    - data.targets().get(i, 0);
            sum += r * r;
        }
        return sum / n;
    }
}
