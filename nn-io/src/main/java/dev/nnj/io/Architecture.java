package dev.nnj.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nnj.core.Network;
import dev.nnj.core.NetworkBuilder;
import dev.nnj.core.activation.Activation;
import dev.nnj.core.activation.LeakyRelu;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.layer.Dense;
import dev.nnj.core.layer.Dropout;
import dev.nnj.core.layer.Layer;
import dev.nnj.core.loss.Loss;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A network's structure as the module list of the equivalent PyTorch {@code nn.Sequential}: each dense
 * layer is a {@code dense} module (PyTorch {@code Linear}) followed by its activation as a module of
 * its own ({@code relu}, {@code sigmoid}, …; none for identity), and dropout is a {@code dropout}
 * module. A module's position in this list is its index in the {@code nn.Sequential}, and so the
 * number in its tensor names: {@code dense(128, relu), dropout(0.2), dense(10, softmax)} is
 * {@code [dense, relu, dropout, dense, softmax]}, with tensors {@code layers.0.*} and {@code layers.3.*}.
 *
 * <p>JSON form (metadata key {@code architecture}); types come from a fixed list, never class names:
 * <pre>{"inputs": 784, "loss": "cross_entropy", "layers": [
 *   {"type": "dense", "in_features": 784, "out_features": 128}, {"type": "relu"},
 *   {"type": "dropout", "p": 0.2}, {"type": "dense", "in_features": 128, "out_features": 10},
 *   {"type": "softmax"}]}</pre>
 * {@code leaky_relu} carries {@code negative_slope}, as in PyTorch.
 *
 * @param inputs  features per input row
 * @param modules the sequential modules
 * @param loss    the loss id
 */
public record Architecture(int inputs, List<Entry> modules, String loss) {

    static final Set<String> ACTIVATIONS = Set.of("identity", "sigmoid", "tanh", "relu", "leaky_relu", "softmax");
    static final Set<String> LOSSES = Set.of("cross_entropy", "binary_cross_entropy", "sse", "mse");

    /** Far more than any feed-forward network needs; bounds what a hostile header can make us build. */
    static final int MAX_MODULES = 10_000;

    /** One module of the sequential: {@code dense} (with sizes), {@code dropout} (with p) or an activation. */
    public record Entry(String type, int inFeatures, int outFeatures, float parameter) {

        boolean isDense() {
            return type.equals("dense");
        }
    }

    public Architecture {
        modules = List.copyOf(modules);
    }

    /** The architecture of {@code network}. */
    public static Architecture of(Network network) {
        List<Entry> modules = new ArrayList<>();
        for (Layer layer : network.layers()) {
            if (layer instanceof Dense) {
                Dense d = (Dense) layer;
                modules.add(new Entry("dense", d.inputSize(), d.outputSize(), 0f));
                Activation a = d.activation();
                if (!a.id().equals("identity")) {
                    modules.add(new Entry(a.id(), 0, 0, a instanceof LeakyRelu ? ((LeakyRelu) a).slope() : 0f));
                }
            } else if (layer instanceof Dropout) {
                modules.add(new Entry("dropout", 0, 0, ((Dropout) layer).rate()));
            } else {
                throw new IllegalArgumentException("layer " + layer + " has no model-file form");
            }
        }
        return new Architecture(network.inputSize(), modules, network.loss().id());
    }

    /**
     * Throws unless {@link #parse} would read this architecture back: an activation or loss implemented
     * outside nnj has an id no reader knows, and a model saved with it could not be loaded.
     */
    void requireReadable() {
        for (int i = 0; i < modules.size(); i++) {
            String type = modules.get(i).type();
            if (!type.equals("dense") && !type.equals("dropout") && !ACTIVATIONS.contains(type)) {
                throw new IllegalArgumentException("module " + i + " is activation '" + type + "', which model files"
                        + " cannot hold (they know " + ACTIVATIONS + "), so the model could not be loaded again");
            }
        }
        if (!LOSSES.contains(loss)) {
            throw new IllegalArgumentException("loss '" + loss + "' is not one model files can hold (they know "
                    + LOSSES + "), so the model could not be loaded again");
        }
    }

    /** The sequential index of each dense module, in order: the {@code <i>} of its tensor names. */
    public int[] denseIndices() {
        return IntStream.range(0, modules.size()).filter(i -> modules.get(i).isDense()).toArray();
    }

    /** The JSON form described in the class comment. */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("inputs", inputs);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Entry m : modules) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", m.type());
            if (m.isDense()) {
                entry.put("in_features", m.inFeatures());
                entry.put("out_features", m.outFeatures());
            } else if (m.type().equals("dropout")) {
                entry.put("p", m.parameter());
            } else if (m.type().equals("leaky_relu")) {
                entry.put("negative_slope", m.parameter());
            }
            list.add(entry);
        }
        root.put("layers", list);
        root.put("loss", loss);
        try {
            return JsonFields.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses and checks the JSON form read from {@code file}: names, sizes and their chaining. */
    static Architecture parse(Path file, String json) throws ModelFormatException {
        JsonFields f = new JsonFields(file, "architecture");
        JsonNode root = f.parse(json, true);
        f.onlyFields(root, "", Set.of("inputs", "layers", "loss"));
        int inputs = f.integer(root, "inputs", "", 1);
        String loss = f.text(root, "loss", "");
        if (!LOSSES.contains(loss)) {
            throw f.error("loss", "'" + loss + "' is not a known loss; expected one of " + LOSSES
                    + " (a newer nnj may know it: upgrade)");
        }
        JsonNode layers = f.required(root, "layers", "");
        if (!layers.isArray() || layers.isEmpty() || layers.size() > MAX_MODULES) {
            throw f.error("layers", "must be an array of 1 to " + MAX_MODULES + " modules");
        }
        List<Entry> modules = new ArrayList<>();
        int width = inputs;
        for (int i = 0; i < layers.size(); i++) {
            String path = "layers[" + i + "]";
            JsonNode m = layers.get(i);
            if (!m.isObject()) {
                throw f.error(path, "must be an object with a type");
            }
            String type = f.text(m, "type", path);
            if (type.equals("dense")) {
                f.onlyFields(m, path, Set.of("type", "in_features", "out_features"));
                int in = f.integer(m, "in_features", path, 1);
                int out = f.integer(m, "out_features", path, 1);
                if (in != width) {
                    throw f.error(path + ".in_features", "is " + in + " but the previous layer gives " + width
                            + " features; the architecture is inconsistent");
                }
                modules.add(new Entry(type, in, out, 0f));
                width = out;
            } else if (type.equals("dropout")) {
                f.onlyFields(m, path, Set.of("type", "p"));
                float p = f.floatField(m, "p", path);
                if (!(p >= 0f && p < 1f)) {
                    throw f.error(path + ".p", "must be in [0, 1), got " + p);
                }
                modules.add(new Entry(type, 0, 0, p));
            } else if (ACTIVATIONS.contains(type)) {
                boolean leaky = type.equals("leaky_relu");
                f.onlyFields(m, path, leaky ? Set.of("type", "negative_slope") : Set.of("type"));
                float slope = leaky ? f.floatField(m, "negative_slope", path) : 0f;
                if (i == 0 || !modules.get(i - 1).isDense()) {
                    throw f.error(path, "activation '" + type + "' must directly follow a dense layer");
                }
                modules.add(new Entry(type, 0, 0, slope));
            } else {
                throw f.error(path + ".type", "'" + type + "' is not a known layer; expected dense, dropout or one of "
                        + ACTIVATIONS + " (a newer nnj may know it: upgrade)");
            }
        }
        return new Architecture(inputs, modules, loss);
    }

    /** Builds a network of this architecture with initial weights from {@code seed}. */
    Network build(Path file, long seed, Kernels kernels) throws ModelFormatException {
        NetworkBuilder b = Network.builder(inputs);
        try {
            for (int i = 0; i < modules.size(); i++) {
                Entry m = modules.get(i);
                if (m.isDense()) {
                    Entry next = i + 1 < modules.size() ? modules.get(i + 1) : null;
                    boolean activated = next != null && ACTIVATIONS.contains(next.type());
                    b.dense(m.outFeatures(), activated ? activation(next) : Activation.IDENTITY);
                } else if (m.type().equals("dropout")) {
                    b.dropout(m.parameter());
                }
            }
            return b.loss(Loss.parse(loss)).seed(seed).kernels(kernels).build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ModelFormatException(file, 8, "metadata 'architecture' does not describe a valid network: "
                    + e.getMessage(), e);
        }
    }

    private static Activation activation(Entry m) {
        return m.type().equals("leaky_relu") ? new LeakyRelu(m.parameter()) : Activation.parse(m.type());
    }
}
