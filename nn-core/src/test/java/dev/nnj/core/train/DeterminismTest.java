package dev.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.Network;
import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.optim.Adam;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A run is a function of its seeds: initialisation, dropout masks and shuffling included. */
class DeterminismTest {

    private final ArrayDataset data = TrainingData.blobs(20, 40);

    @Test
    void sameSeedGivesIdenticalBits() {
        assertTrue(Arrays.deepEquals(TrainingData.weights(network(3)), TrainingData.weights(network(3))));
        assertTrue(Arrays.deepEquals(train(3, 4), train(3, 4)));
    }

    @Test
    void differentSeedGivesDifferentWeights() {
        assertFalse(Arrays.equals(TrainingData.weights(network(3))[0], TrainingData.weights(network(4))[0]));
        assertFalse(Arrays.deepEquals(train(3, 4), train(4, 4)), "network seed");
        assertFalse(Arrays.deepEquals(train(3, 4), train(3, 5)), "shuffle seed");
    }

    private float[][] train(long networkSeed, long shuffleSeed) {
        Network net = network(networkSeed);
        new Trainer(new Adam(0.01f), TrainingOptions.defaults().withEpochs(3).withBatchSize(8).withShuffle(true, shuffleSeed))
                .fit(net, data, null);
        return TrainingData.weights(net);
    }

    private static Network network(long seed) {
        return Network.builder(2).dense(6, Activation.TANH).dropout(0.25f).dense(3, Activation.SOFTMAX)
                .seed(seed).kernels(Kernels.scalar()).build();
    }
}
