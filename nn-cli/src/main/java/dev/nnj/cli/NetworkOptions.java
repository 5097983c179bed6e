package dev.nnj.cli;

import dev.nnj.core.activation.Activation;
import dev.nnj.core.loss.Loss;
import picocli.CommandLine.Option;

/**
 * The architecture: hidden layers, their activation and dropout, and the output. Unset options come
 * from the data set's {@link Preset}; the output activation and loss follow from the task
 * (classification: softmax and cross-entropy) unless given.
 */
public final class NetworkOptions {

    /** One value, parsed by the train command, so that a repeated --layers is refused rather than appended. */
    @Option(names = "--layers", paramLabel = "N[,N...]",
            description = "Hidden layer widths, e.g. 256,128; 0 for none (logistic regression). Default: 128 (512,256 for"
                    + " fashion-mnist).")
    String layers;

    @Option(names = "--activation", paramLabel = "NAME", converter = Converters.ActivationName.class,
            description = "Hidden activation: relu, leaky_relu[:slope], tanh, sigmoid, identity. Default: relu.")
    Activation activation;

    @Option(names = "--dropout", paramLabel = "P",
            description = "Dropout probability after each hidden layer, in [0, 1). Default: 0 (0.1 for fashion-mnist).")
    Float dropout;

    @Option(names = "--output-activation", paramLabel = "NAME", converter = Converters.ActivationName.class,
            description = "Output activation (default: softmax for classification).")
    Activation outputActivation;

    @Option(names = "--loss", paramLabel = "NAME", converter = Converters.LossName.class,
            description = "Loss: cross_entropy, binary_cross_entropy, mse (default: the output activation's partner).")
    Loss loss;

    /** True when any architecture option was given. */
    boolean anyGiven() {
        return layers != null || activation != null || dropout != null || outputActivation != null || loss != null;
    }
}
