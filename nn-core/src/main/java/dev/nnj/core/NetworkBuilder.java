package dev.nnj.core;

import dev.nnj.core.activation.Activation;
import dev.nnj.core.activation.Sigmoid;
import dev.nnj.core.activation.Softmax;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.layer.Dense;
import dev.nnj.core.layer.Dropout;
import dev.nnj.core.layer.Init;
import dev.nnj.core.layer.Layer;
import dev.nnj.core.loss.Loss;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Network} layer by layer. Weights are drawn from the seed (default 0) with each
 * layer's {@link Init} (default: {@link Activation#defaultInit()}); the loss defaults to the canonical
 * partner of the output activation (softmax → cross-entropy, sigmoid → binary cross-entropy, otherwise
 * mse); kernels default to {@link Kernels#auto()}.
 */
public final class NetworkBuilder {

    /** Stream ids of the seed's derived generators, so adding one purpose never shifts another. */
    static final long INIT_STREAM = 1;
    static final long DROPOUT_STREAM = 2;

    private final int inputs;
    private final List<LayerSpec> specs = new ArrayList<>();
    private Loss loss;
    private long seed;
    private Kernels kernels;

    private interface LayerSpec {
    }

    private static final class DenseSpec implements LayerSpec {
        final int units;
        final Activation activation;
        final Init init;

        DenseSpec(int units, Activation activation, Init init) {
            this.units = units;
            this.activation = activation;
            this.init = init;
        }
    }

    private static final class DropoutSpec implements LayerSpec {
        final float rate;

        DropoutSpec(float rate) {
            this.rate = rate;
        }
    }

    NetworkBuilder(int inputs) {
        if (inputs < 1) {
            throw new IllegalArgumentException("a network needs at least 1 input, got " + inputs);
        }
        this.inputs = inputs;
    }

    /** Adds a fully connected layer of {@code units} outputs with the activation's default initialisation. */
    public NetworkBuilder dense(int units, Activation activation) {
        return dense(units, activation, activation.defaultInit());
    }

    public NetworkBuilder dense(int units, Activation activation, Init init) {
        if (units < 1) {
            throw new IllegalArgumentException("layer " + specs.size() + ": Dense needs at least 1 unit, got " + units);
        }
        specs.add(new DenseSpec(units, activation, init));
        return this;
    }

    /** Adds inverted dropout with drop probability {@code rate} in [0, 1). */
    public NetworkBuilder dropout(float rate) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("layer " + specs.size() + ": dropout probability must be in [0, 1), got " + rate);
        }
        specs.add(new DropoutSpec(rate));
        return this;
    }

    public NetworkBuilder loss(Loss loss) {
        this.loss = loss;
        return this;
    }

    public NetworkBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    public NetworkBuilder kernels(Kernels kernels) {
        this.kernels = kernels;
        return this;
    }

    public Network build() {
        if (specs.isEmpty() || !(specs.get(specs.size() - 1) instanceof DenseSpec)) {
            throw new IllegalStateException("a network must end with a dense output layer; add .dense(outputs, activation) last");
        }
        Rng initRng = Rng.stream(seed, INIT_STREAM);
        List<Layer> layers = new ArrayList<>();
        int width = inputs;
        int dropouts = 0;
        // The index in the equivalent nn.Sequential, which names parameters as model files and PyTorch do:
        // an activation other than identity is a module of its own.
        int module = 0;
        for (int i = 0; i < specs.size(); i++) {
            LayerSpec spec = specs.get(i);
            if (spec instanceof DenseSpec) {
                DenseSpec d = (DenseSpec) spec;
                Dense dense = new Dense(i, module, width, d.units, d.activation);
                dense.initialize(d.init, initRng);
                layers.add(dense);
                width = d.units;
                module += d.activation.id().equals("identity") ? 1 : 2;
            } else {
                DropoutSpec d = (DropoutSpec) spec;
                layers.add(new Dropout(i, width, d.rate, Rng.stream(seed, DROPOUT_STREAM + 16L * dropouts++)));
                module++;
            }
        }
        Activation out = ((DenseSpec) specs.get(specs.size() - 1)).activation;
        for (int i = 0; i < layers.size() - 1; i++) {
            if (layers.get(i) instanceof Dense && ((Dense) layers.get(i)).activation() instanceof Softmax) {
                throw new IllegalStateException("layer " + i + ": softmax is an output function; use it on the last layer only");
            }
        }
        return new Network(layers, loss != null ? loss : defaultLoss(out), kernels != null ? kernels : Kernels.auto(), seed);
    }

    private static Loss defaultLoss(Activation output) {
        if (output instanceof Softmax) {
            return Loss.CROSS_ENTROPY;
        }
        return output instanceof Sigmoid ? Loss.BINARY_CROSS_ENTROPY : Loss.MSE;
    }
}
