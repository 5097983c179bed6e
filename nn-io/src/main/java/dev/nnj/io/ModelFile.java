package dev.nnj.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nnj.core.Network;
import dev.nnj.core.Parameter;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.layer.Dense;
import dev.nnj.core.layer.Layer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Saves and loads models as one {@code .safetensors} file, readable by the Python {@code safetensors}
 * package and by PyTorch.
 *
 * <p>Tensors: {@code layers.<i>.weight} (F32, {@code [out, in]}) and {@code layers.<i>.bias} (F32,
 * {@code [out]}) for each dense layer, where {@code i} is the layer's index in the equivalent
 * {@code nn.Sequential} (see {@link Architecture}). Metadata strings: {@code format} = {@code nnj},
 * {@code format_version}, {@code architecture}, {@code preprocessing}, {@code classes},
 * {@code training} and, when the inputs have names, {@code features} (JSON). Loading checks all of it before a network is handed out: a newer format, an
 * unknown layer, activation or loss, a missing, extra or misshapen tensor and non-finite weights are
 * refused with a {@link ModelFormatException} that names the tensor or field.
 */
public final class ModelFile {

    /** Version of the layout described above; readers refuse files with a larger one. */
    public static final int FORMAT_VERSION = 1;
    static final String FORMAT = "nnj";
    private static final Pattern ASCII_DIGITS = Pattern.compile("[0-9]+");

    private ModelFile() {
    }

    /**
     * Writes {@code model} to {@code file} atomically.
     *
     * @throws IllegalArgumentException naming the tensor if a weight is NaN or infinite, or the activation
     *                                  or loss if it is not one of nnj's: {@link #load} would refuse such
     *                                  a file, so it is not written
     */
    public static void save(Path file, SavedModel model) throws IOException {
        SafetensorsFile.of(weightTensors(model.network()), metadata(model)).write(file);
    }

    /** Loads a model saved by {@link #save}, on the automatically chosen kernels. */
    public static SavedModel load(Path file) throws IOException {
        return load(file, Kernels.auto());
    }

    /**
     * Loads a model saved by {@link #save}, or the model part of a {@link Checkpoint}; its network
     * computes on {@code kernels}.
     */
    public static SavedModel load(Path file, Kernels kernels) throws IOException {
        SafetensorsFile st = SafetensorsFile.read(file);
        boolean checkpoint = st.metadata().containsKey(Checkpoint.KEY);
        return fromFile(file, st, kernels, checkpoint ? Checkpoint::isStateTensor : name -> false);
    }

    /**
     * Loads only weights into {@code network}, whose architecture the caller provides: for files written
     * elsewhere, such as a PyTorch {@code nn.Sequential} {@code state_dict} saved with
     * {@code safetensors.torch.save_file}, and for nnj models and {@link Checkpoint}s (whose training state
     * is skipped, as {@link #load} skips it). Tensors may be named {@code layers.<i>.weight} or, as in a
     * bare {@code nn.Sequential}, {@code <i>.weight}. Nothing is copied unless every tensor matches.
     */
    public static void loadWeights(Path file, Network network) throws IOException {
        SafetensorsFile st = SafetensorsFile.read(file);
        boolean checkpoint = st.metadata().containsKey(Checkpoint.KEY);
        assignWeights(file, st, network, checkpoint ? Checkpoint::isStateTensor : name -> false);
    }

    /** The weight tensors to write, after checking that they are finite (as loading will). */
    static List<Tensor> weightTensors(Network network) {
        int[] index = Architecture.of(network).denseIndices();
        List<Tensor> tensors = new ArrayList<>();
        int k = 0;
        for (Layer layer : network.layers()) {
            if (layer instanceof Dense) {
                Dense d = (Dense) layer;
                tensors.add(new Tensor("layers." + index[k] + ".weight", d.weight().shape(), d.weight().value()));
                tensors.add(new Tensor("layers." + index[k] + ".bias", d.bias().shape(), d.bias().value()));
                k++;
            }
        }
        for (Tensor t : tensors) {
            float[] v = t.data();
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    throw new IllegalArgumentException("tensor '" + t.name() + "' element " + i + " is " + v[i]
                            + "; a model with non-finite weights could not be loaded again, so it is not saved");
                }
            }
        }
        return tensors;
    }

    static Map<String, String> metadata(SavedModel model) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("format_version", Integer.toString(FORMAT_VERSION));
        Architecture architecture = Architecture.of(model.network());
        architecture.requireReadable();
        m.put("architecture", architecture.toJson());
        Preprocessing p = model.preprocessing();
        Map<String, Object> prep = new LinkedHashMap<>();
        prep.put("kind", p.kind());
        prep.put("offset", p.offset());
        prep.put("scale", p.scale());
        m.put("preprocessing", json(prep));
        m.put("classes", json(model.classNames()));
        m.put("training", model.training().toJson());
        if (!model.featureNames().isEmpty()) {
            m.put("features", json(model.featureNames()));
        }
        return m;
    }

    /** Builds the model described by {@code st}; tensors accepted by {@code extra} belong to the caller. */
    static SavedModel fromFile(Path file, SafetensorsFile st, Kernels kernels, Predicate<String> extra)
            throws ModelFormatException {
        Map<String, String> meta = st.metadata();
        checkFormat(file, meta);
        Architecture architecture = Architecture.parse(file, meta.get("architecture"));
        TrainingSummary training = meta.containsKey("training") ? TrainingSummary.parse(file, meta.get("training"))
                : TrainingSummary.untrained(0);
        List<Tensor> tensors = matchTensors(file, st, architecture, extra);
        Network network = architecture.build(file, training.seed(), kernels);
        Preprocessing preprocessing = meta.containsKey("preprocessing")
                ? parsePreprocessing(file, meta.get("preprocessing"), network.inputSize())
                : Preprocessing.none(network.inputSize());
        List<String> classes = meta.containsKey("classes") ? parseNames(file, "classes", meta.get("classes")) : List.of();
        List<String> features = meta.containsKey("features") ? parseNames(file, "features", meta.get("features"))
                : List.of();
        if (!features.isEmpty() && features.size() != network.inputSize()) {
            throw new ModelFormatException(file, 8, "metadata 'features' names " + features.size()
                    + " features, but the network has " + network.inputSize() + " inputs");
        }
        copy(tensors, network);
        try {
            return new SavedModel(network, preprocessing, classes, training, features);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file, 8, "metadata 'classes': " + e.getMessage(), e);
        }
    }

    private static void checkFormat(Path file, Map<String, String> meta) throws ModelFormatException {
        if (!FORMAT.equals(meta.get("format"))) {
            throw new ModelFormatException(file, 8, meta.containsKey("architecture") || meta.containsKey("format_version")
                    ? "metadata 'format' is " + meta.get("format") + ", expected '" + FORMAT + "'"
                    : "has no nnj metadata (format, architecture); if it is a PyTorch state_dict, build the network"
                    + " in Java and call ModelFile.loadWeights(file, network)");
        }
        checkVersion(file, meta.get("format_version"));
        if (!meta.containsKey("architecture")) {
            throw new ModelFormatException(file, 8, "metadata 'architecture' is missing; the file is incomplete");
        }
    }

    /**
     * Accepts the version as nnj writes it, ASCII digits only: Integer.parseInt would also take "+1" and
     * digits of other scripts ("١"), and would call a number too large for an int "not an integer".
     */
    private static void checkVersion(Path file, String version) throws ModelFormatException {
        String field = "metadata 'format_version' ";
        if (version == null) {
            throw new ModelFormatException(file, 8, field + "is missing; expected a version number such as " + FORMAT_VERSION);
        }
        String shown = version.length() <= 40 ? version : version.substring(0, 40) + "…";
        if (!ASCII_DIGITS.matcher(version).matches()) {
            throw new ModelFormatException(file, 8, field + "is '" + shown + "', expected a version number such as "
                    + FORMAT_VERSION + " (ASCII digits only)");
        }
        String digits = version.replaceFirst("^0+(?=.)", "");
        int v = digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits); // nine digits always fit an int
        if (v > FORMAT_VERSION) {
            throw new ModelFormatException(file, 8, field + "is " + shown + " but this nnj reads versions up to "
                    + FORMAT_VERSION + "; if a newer nnj wrote the file, upgrade nnj to load it");
        }
        if (v < 1) {
            throw new ModelFormatException(file, 8, field + "is " + shown + ", expected 1.." + FORMAT_VERSION);
        }
    }

    private static Preprocessing parsePreprocessing(Path file, String json, int inputs) throws ModelFormatException {
        JsonFields f = new JsonFields(file, "preprocessing");
        JsonNode root = f.parse(json, true);
        f.onlyFields(root, "", Set.of("kind", "offset", "scale"));
        String kind = f.text(root, "kind", "");
        try {
            return new Preprocessing(kind, f.floatArray(root, "offset", "", inputs), f.floatArray(root, "scale", "", inputs));
        } catch (IllegalArgumentException e) {
            throw f.error("", e.getMessage());
        }
    }

    /** A JSON array of strings under metadata key {@code key}: the class or feature names. */
    private static List<String> parseNames(Path file, String key, String json) throws ModelFormatException {
        JsonFields f = new JsonFields(file, key);
        JsonNode root = f.parse(json, false);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            if (!root.get(i).isTextual()) {
                throw f.error("[" + i + "]", "must be a string, got " + root.get(i));
            }
            names.add(root.get(i).textValue());
        }
        return names;
    }

    /** Checks {@code st} against {@code network}'s architecture, then copies the weights into it. */
    static void assignWeights(Path file, SafetensorsFile st, Network network, Predicate<String> extra)
            throws ModelFormatException {
        copy(matchTensors(file, st, Architecture.of(network), extra), network);
    }

    /** Copies tensors matched by {@link #matchTensors} into the parameters, in order. */
    private static void copy(List<Tensor> tensors, Network network) {
        List<Parameter> params = network.parameters();
        for (int i = 0; i < params.size(); i++) {
            float[] source = tensors.get(i).data();
            System.arraycopy(source, 0, params.get(i).value(), 0, source.length);
        }
    }

    /**
     * The weight and bias tensor of each dense module of {@code architecture}, in parameter order, after
     * checking names, shapes and values and that no tensor is left over (unless {@code extra} claims it).
     * This runs before a network is built or changed, so the sizes a network allocates are the sizes of
     * tensors actually present in the file, and a bad file leaves a caller's network untouched.
     */
    private static List<Tensor> matchTensors(Path file, SafetensorsFile st, Architecture architecture,
                                             Predicate<String> extra) throws ModelFormatException {
        List<Tensor> matched = new ArrayList<>();
        Set<String> used = new HashSet<>();
        List<Architecture.Entry> modules = architecture.modules();
        for (int index : architecture.denseIndices()) {
            Architecture.Entry m = modules.get(index);
            for (String kind : new String[] {"weight", "bias"}) {
                Tensor t = find(file, st, index, kind, m, used);
                int[] expected = kind.equals("weight") ? new int[] {m.outFeatures(), m.inFeatures()} : new int[] {m.outFeatures()};
                if (!Arrays.equals(t.shape(), expected)) {
                    throw new ModelFormatException(file, 8, "tensor '" + t.name() + "' has shape "
                            + Arrays.toString(t.shape()) + " but the architecture's dense layer " + index + " ("
                            + m.inFeatures() + "→" + m.outFeatures() + ") needs " + Arrays.toString(expected)
                            + (kind.equals("weight") ? " ([out, in])" : " ([out])")
                            + "; the tensors do not belong to this architecture");
                }
                requireFinite(file, t);
                matched.add(t);
            }
        }
        for (String name : st.tensors().keySet()) {
            if (!used.contains(name) && !extra.test(name)) {
                throw new ModelFormatException(file, 8, "tensor '" + name + "' does not belong to any layer of the"
                        + " architecture (dense layers at sequential indices "
                        + Arrays.toString(architecture.denseIndices()) + "); the file is for a different network");
            }
        }
        return matched;
    }

    private static Tensor find(Path file, SafetensorsFile st, int index, String kind, Architecture.Entry m,
                               Set<String> used) throws ModelFormatException {
        String nnj = "layers." + index + "." + kind;
        String torch = index + "." + kind;
        Tensor a = st.tensor(nnj);
        Tensor b = st.tensor(torch);
        if (a != null && b != null) {
            throw new ModelFormatException(file, 8, "both '" + nnj + "' and '" + torch + "' are present; keep one");
        }
        if (a == null && b == null) {
            throw new ModelFormatException(file, 8, "tensor '" + nnj + "' (or '" + torch + "') is missing; the"
                    + " architecture's dense layer " + index + " (" + m.inFeatures() + "→" + m.outFeatures()
                    + ") needs it. Check that the architecture matches the file");
        }
        Tensor t = a != null ? a : b;
        used.add(t.name());
        return t;
    }

    private static void requireFinite(Path file, Tensor t) throws ModelFormatException {
        float[] v = t.data();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new ModelFormatException(file, t.offsetOf(i), "tensor '" + t.name() + "' element " + i + " is "
                        + v[i] + "; weights must be finite (the training diverged or the file is damaged: retrain,"
                        + " or load an earlier checkpoint)");
            }
        }
    }

    static String json(Object value) {
        try {
            return JsonFields.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
