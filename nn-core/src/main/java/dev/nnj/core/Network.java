package dev.nnj.core;

import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.layer.Dense;
import dev.nnj.core.layer.Dropout;
import dev.nnj.core.layer.Layer;
import dev.nnj.core.loss.Loss;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A sequential feed-forward network: a stack of {@link Layer}s ending in a {@link Dense} output layer,
 * a {@link Loss}, and the {@link Kernels} backend all its arithmetic runs on.
 *
 * <pre>{@code
 * Network net = Network.builder(784)
 *         .dense(256, Activation.RELU).dropout(0.2f)
 *         .dense(10, Activation.SOFTMAX)
 *         .loss(Loss.CROSS_ENTROPY).seed(42).build();
 * }</pre>
 *
 * <p>One training step is {@link #zeroGrad()}, {@link #forward} with {@code training = true},
 * {@link #backward}, then an optimizer step; the {@code Trainer} does this for whole data sets. Buffers are
 * owned by the layers and reused, so steady-state steps allocate nothing.
 *
 * <p>Threads: {@link #predict} may be called from several threads at once; the calls on one network take
 * turns, since they share its buffers. To infer in parallel, give each thread a network of its own on
 * kernels of its own (such as {@code Kernels.simd(1)}): SIMD kernels run one product at a time, on their
 * worker threads, for all the networks that share them, as those of {@code Kernels.auto()} are shared.
 * Everything else, {@link #forward}, {@link #backward}, {@link #loss} and training, is not thread-safe:
 * it must not run while any other call on the same network does, {@code predict} included.
 */
public final class Network {

    /** Rows per forward pass in {@link #predict(Matrix)}, bounding the activation buffers for large inputs. */
    private static final int PREDICT_CHUNK = 1024;
    /** The largest array the JVM allocates (a few elements short of Integer.MAX_VALUE, as in the JDK's own). */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final List<Layer> layers;
    // Arrays for the per-step loops: iterating a List allocates an iterator on every step.
    private final Layer[] layerArray;
    private final Parameter[] parameterArray;
    private final Dense output;
    private final Loss loss;
    private final Kernels kernels;
    private final long seed;
    private final List<Parameter> parameters;
    /** The widest layer (inputs included): a batch's buffers hold rows × width values each. */
    private final Layer widest;
    private final int widestWidth;
    private int lastRows;

    Network(List<Layer> layers, Loss loss, Kernels kernels, long seed) {
        this.layers = Collections.unmodifiableList(new ArrayList<>(layers));
        this.output = (Dense) layers.get(layers.size() - 1);
        this.loss = loss;
        this.kernels = kernels;
        this.seed = seed;
        List<Parameter> params = new ArrayList<>();
        for (Layer layer : layers) {
            params.addAll(layer.parameters());
        }
        this.parameters = Collections.unmodifiableList(params);
        this.layerArray = layers.toArray(new Layer[0]);
        this.parameterArray = params.toArray(new Parameter[0]);
        Layer wide = layers.get(0);
        int width = wide.inputSize();
        for (Layer layer : layers) {
            if (layer.outputSize() > width) {
                wide = layer;
                width = layer.outputSize();
            }
        }
        this.widest = wide;
        this.widestWidth = width;
    }

    /** Starts a network whose input rows have {@code inputs} features. */
    public static NetworkBuilder builder(int inputs) {
        return new NetworkBuilder(inputs);
    }

    public int inputSize() {
        return layers.get(0).inputSize();
    }

    public int outputSize() {
        return output.outputSize();
    }

    public List<Layer> layers() {
        return layers;
    }

    public Dense outputLayer() {
        return output;
    }

    public Activation outputActivation() {
        return output.activation();
    }

    public Loss loss() {
        return loss;
    }

    public Kernels kernels() {
        return kernels;
    }

    /** The seed the weights were initialised from (dropout streams derive from it too). */
    public long seed() {
        return seed;
    }

    /**
     * Every trainable parameter, layer by layer (weight then bias), named as the tensors of a model file
     * and the keys of the equivalent {@code nn.Sequential}'s {@code state_dict} (prefixed {@code layers.}):
     * {@code layers.<i>.weight} where i counts each activation but identity as a module of its own, so
     * {@code dense(8, relu), dense(2, softmax)} has {@code layers.0.*} and {@code layers.2.*}.
     */
    public List<Parameter> parameters() {
        return parameters;
    }

    public long parameterCount() {
        long count = 0;
        for (Parameter p : parameters) {
            count += p.size();
        }
        return count;
    }

    public void zeroGrad() {
        for (Parameter p : parameterArray) {
            p.zeroGrad();
        }
    }

    /**
     * Runs {@code rows} samples (row-major in {@code x}, rows×inputSize) through the network. The first
     * layer keeps a reference to {@code x}, not a copy, for {@link #backward}: do not change it in between.
     *
     * @param training true to apply dropout and keep what backward needs
     * @return the output Ŷ in a network-owned buffer (its first rows×outputSize elements), valid until
     *     the next forward
     */
    public float[] forward(float[] x, int rows, boolean training) {
        if (rows < 1) {
            throw new IllegalArgumentException("batch must have at least 1 row, got " + rows);
        }
        if ((long) rows * widestWidth > MAX_ARRAY) {
            throw new IllegalArgumentException("a batch of " + rows + " rows needs " + (long) rows * widestWidth
                    + " values for " + widest + ", more than a Java array holds (" + MAX_ARRAY
                    + "); use batches of at most " + MAX_ARRAY / widestWidth + " rows");
        }
        if (x.length < (long) rows * inputSize()) {
            throw new IllegalArgumentException("layer 0 (" + layers.get(0) + "): input holds " + x.length
                    + " values, expected " + rows + " rows × " + inputSize() + " = " + (long) rows * inputSize());
        }
        float[] h = x;
        for (Layer layer : layerArray) {
            h = layer.forward(kernels, h, rows, training);
        }
        lastRows = rows;
        return h;
    }

    /**
     * Predictions for every row of {@code x} (inference mode: dropout off), in a new matrix that later
     * calls do not touch. Safe to call from several threads at once (see the class comment).
     */
    public synchronized Matrix predict(Matrix x) {
        x.requireCols("layer 0 (" + layers.get(0) + "): input", inputSize());
        Matrix result = new Matrix(x.rows(), outputSize());
        float[] chunk = null;
        int chunkRows = Math.min(PREDICT_CHUNK, MAX_ARRAY / widestWidth);
        for (int from = 0; from < x.rows(); from += chunkRows) {
            int rows = Math.min(chunkRows, x.rows() - from);
            float[] in;
            if (from == 0 && rows == x.rows()) {
                in = x.data();
            } else {
                chunk = chunk == null ? new float[chunkRows * inputSize()] : chunk;
                System.arraycopy(x.data(), from * inputSize(), chunk, 0, rows * inputSize());
                in = chunk;
            }
            float[] out = forward(in, rows, false);
            System.arraycopy(out, 0, result.data(), from * outputSize(), rows * outputSize());
        }
        return result;
    }

    /** The loss of the last forward pass against targets {@code y} (rows×outputSize). */
    public double loss(float[] y) {
        requireForward();
        requireTargets(y, lastRows);
        return loss.value(output.activation(), output.preActivation(), outputBuffer(), y, lastRows, outputSize());
    }

    /** Back-propagates the loss of the last forward pass against {@code y}, accumulating gradients. */
    public void backward(float[] y) {
        backward(y, false);
    }

    /**
     * As {@link #backward(float[])}; with {@code inputGradient} also returns ∂L/∂X (rows×inputSize, in
     * a network-owned buffer), otherwise null and the first layer skips that product.
     */
    public float[] backward(float[] y, boolean inputGradient) {
        requireForward();
        int rows = lastRows;
        requireTargets(y, rows);
        float[] g = output.preActivationGradientBuffer(rows);
        loss.gradient(kernels, output.activation(), output.preActivation(), outputBuffer(), y, g, rows, outputSize());
        int last = layerArray.length - 1;
        float[] d = output.backwardFromPreActivation(kernels, g, rows, last > 0 || inputGradient);
        for (int i = last - 1; i >= 0; i--) {
            d = layerArray[i].backward(kernels, d, rows, i > 0 || inputGradient);
        }
        return d;
    }

    /** The random generators of the dropout layers, in layer order (their states belong in checkpoints). */
    public List<Rng> dropoutGenerators() {
        List<Rng> rngs = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer instanceof Dropout) {
                rngs.add(((Dropout) layer).rng());
            }
        }
        return rngs;
    }

    private float[] outputBuffer() {
        return output.lastOutput();
    }

    private void requireForward() {
        if (lastRows == 0) {
            throw new IllegalStateException("no forward pass yet: call forward(x, rows, true) before loss or backward");
        }
    }

    private void requireTargets(float[] y, int rows) {
        if (y.length < (long) rows * outputSize()) {
            throw new IllegalArgumentException("targets hold " + y.length + " values, expected " + rows
                    + " rows × " + outputSize() + " = " + (long) rows * outputSize() + " (the batch of the last forward)");
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Network(").append(inputSize());
        for (Layer layer : layers) {
            s.append(" → ").append(layer);
        }
        return s.append(", loss ").append(loss).append(')').toString();
    }
}
