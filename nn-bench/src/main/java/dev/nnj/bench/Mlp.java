package dev.nnj.bench;

import dev.nnj.core.Network;
import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.loss.Loss;
import java.util.Random;

/**
 * The network the end-to-end benchmarks time: 784-256-128-10 with ReLU hidden layers and a softmax
 * output under cross-entropy, the MNIST-sized classifier nnj is built for; and random data shaped for it.
 */
final class Mlp {

    static final int INPUTS = 784;
    static final int CLASSES = 10;

    private Mlp() {
    }

    static Network build(Kernels kernels) {
        return Network.builder(INPUTS)
                .dense(256, Activation.RELU)
                .dense(128, Activation.RELU)
                .dense(CLASSES, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY)
                .seed(Inputs.SEED)
                .kernels(kernels)
                .build();
    }

    /** rows×784 pixels in [0, 1), like normalised MNIST images. */
    static float[] images(Random rng, int rows) {
        return Inputs.uniform(rng, rows * INPUTS, 0f, 1f);
    }

    /** rows×10 one-hot targets of random classes. */
    static float[] oneHot(Random rng, int rows) {
        float[] y = new float[rows * CLASSES];
        for (int i = 0; i < rows; i++) {
            y[i * CLASSES + rng.nextInt(CLASSES)] = 1f;
        }
        return y;
    }
}
