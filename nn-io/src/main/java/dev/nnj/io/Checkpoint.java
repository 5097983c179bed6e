package dev.nnj.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nnj.core.Network;
import dev.nnj.core.Parameter;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.optim.Optimizer;
import dev.nnj.core.optim.OptimizerState;
import dev.nnj.core.optim.Optimizers;
import dev.nnj.core.train.TrainingOptions;
import dev.nnj.core.train.TrainingState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A resumable snapshot of a training run in one safetensors file: the model exactly as {@link ModelFile}
 * writes it (so a checkpoint also loads as a model), plus the {@link TrainingState}: optimizer buffers as
 * tensors {@code optimizer.<buffer>} (e.g. {@code optimizer.0.exp_avg}), the best weights for early
 * stopping as {@code best.<parameter index>}, and the scalars (epoch, batch position, random generator
 * states, best validation loss, patience counter, optimizer step count, metric history) as JSON under
 * metadata key {@code checkpoint}, with the optimizer's {@link Optimizer#describe()} text (its kind and
 * hyperparameters) as {@code optimizer_description}, the run's training options under {@code options},
 * and the caller's own notes on the run (such as how it split its data) as a JSON object of strings under
 * {@code notes}.
 * The learning-rate schedule is a function of the epoch, so the epoch is its position.
 *
 * <p>Loading a checkpoint into a fresh network and trainer and continuing gives bit-identical weights to
 * a run that never stopped. Files are written atomically; see {@link CheckpointDirectory} for keeping
 * the last few.
 */
public final class Checkpoint {

    static final String KEY = "checkpoint";
    private static final String OPTIMIZER = "optimizer.";
    private static final String BEST = "best.";

    /**
     * A loaded checkpoint: the model to continue training, the state to pass to {@code Trainer.resume},
     * the options the run was started with (null if they were not saved), and the optimizer recreated
     * from its saved description with the saved state already restored. To continue exactly, give
     * {@code optimizer} and {@code options} to a new {@code Trainer} and {@code state} to its
     * {@code resume} (which restores the same optimizer state again). {@code notes} are those given to
     * {@link #save(Path, SavedModel, TrainingState, TrainingOptions, Map)} (empty if none).
     */
    public record Loaded(SavedModel model, TrainingState state, TrainingOptions options, Optimizer optimizer,
                         Map<String, String> notes) {

        public Loaded {
            notes = Map.copyOf(notes);
        }
    }

    static final String NOTES = "notes";

    private Checkpoint() {
    }

    /**
     * Writes {@code model} (its network's current weights), {@code state} and the run's {@code options}
     * atomically to {@code file}.
     *
     * @throws IllegalArgumentException if the optimizer state has no description of its optimizer (states
     *                                  from {@code Trainer.state()} and {@code Optimizer.state()} have one)
     */
    public static void save(Path file, SavedModel model, TrainingState state, TrainingOptions options)
            throws IOException {
        save(file, model, state, options, Map.of());
    }

    /**
     * As {@link #save(Path, SavedModel, TrainingState, TrainingOptions)}, with the caller's {@code notes} on
     * the run, which {@link #load} returns: what the caller needs to continue the run exactly and that the
     * trainer does not know, such as how the data was split.
     */
    public static void save(Path file, SavedModel model, TrainingState state, TrainingOptions options,
                            Map<String, String> notes) throws IOException {
        if (state.optimizer().description() == null) {
            throw new IllegalArgumentException("the optimizer state has no description of its optimizer '"
                    + state.optimizer().optimizer() + "', so a checkpoint could not recreate it; save the state"
                    + " that Trainer.state() returns");
        }
        List<Parameter> params = model.network().parameters();
        List<Tensor> tensors = new ArrayList<>(ModelFile.weightTensors(model.network()));
        for (Map.Entry<String, float[]> b : state.optimizer().buffers().entrySet()) {
            tensors.add(new Tensor(OPTIMIZER + b.getKey(), new int[] {b.getValue().length}, b.getValue()));
        }
        if (!state.bestWeights().isEmpty() && state.bestWeights().size() != params.size()) {
            throw new IllegalArgumentException(state.bestWeights().size() + " best-weight arrays for "
                    + params.size() + " parameters");
        }
        for (int i = 0; i < state.bestWeights().size(); i++) {
            tensors.add(new Tensor(BEST + i, params.get(i).shape(), state.bestWeights().get(i)));
        }
        Map<String, String> metadata = new LinkedHashMap<>(ModelFile.metadata(model));
        metadata.put(KEY, TrainingStateJson.write(state));
        metadata.put(TrainingOptionsJson.KEY, TrainingOptionsJson.write(options));
        if (!notes.isEmpty()) {
            metadata.put(NOTES, JsonFields.MAPPER.writeValueAsString(new TreeMap<>(notes)));
        }
        SafetensorsFile.of(tensors, metadata).write(file);
    }

    /** Reads a checkpoint written by {@link #save}; every part is validated before anything is returned. */
    public static Loaded load(Path file, Kernels kernels) throws IOException {
        SafetensorsFile st = SafetensorsFile.read(file);
        String json = st.metadata().get(KEY);
        if (json == null) {
            throw new ModelFormatException(file, 8, "metadata 'checkpoint' is missing: this is a model file, not a"
                    + " checkpoint; load it with ModelFile.load");
        }
        TrainingStateJson.Parsed parsed = TrainingStateJson.parse(file, json);
        SavedModel model = ModelFile.fromFile(file, st, kernels, Checkpoint::isStateTensor);
        Network network = model.network();
        List<Parameter> params = network.parameters();

        Map<String, float[]> buffers = new LinkedHashMap<>();
        for (String name : parsed.bufferNames()) {
            Tensor t = st.tensor(OPTIMIZER + name);
            if (t == null) {
                throw new ModelFormatException(file, 8, "tensor '" + OPTIMIZER + name + "' is missing; metadata"
                        + " 'checkpoint' lists it among the optimizer buffers");
            }
            int p = parameterIndex(name);
            if (p < 0 || p >= params.size() || t.data().length != params.get(p).size()) {
                throw new ModelFormatException(file, 8, "tensor '" + t.name() + "' has " + t.data().length
                        + " elements but does not match a parameter of the network (expected <index>.<kind> with"
                        + " the parameter's size)");
            }
            requireFinite(file, t);
            buffers.put(name, t.data());
        }
        List<float[]> best = new ArrayList<>();
        if (parsed.bestWeights() != 0 && parsed.bestWeights() != params.size()) {
            throw new ModelFormatException(file, 8, "metadata 'checkpoint': best_weights is " + parsed.bestWeights()
                    + ", expected 0 or the network's " + params.size() + " parameters");
        }
        for (int i = 0; i < parsed.bestWeights(); i++) {
            Tensor t = st.tensor(BEST + i);
            if (t == null || !Arrays.equals(t.shape(), params.get(i).shape())) {
                throw new ModelFormatException(file, 8, "tensor '" + BEST + i + "' is " + (t == null ? "missing"
                        : "of shape " + Arrays.toString(t.shape())) + ", expected shape "
                        + Arrays.toString(params.get(i).shape()) + " of " + params.get(i).name());
            }
            requireFinite(file, t);
            best.add(t.data());
        }
        for (String name : st.tensors().keySet()) {
            boolean listed = name.startsWith(OPTIMIZER) ? buffers.containsKey(name.substring(OPTIMIZER.length()))
                    : !name.startsWith(BEST) || best.size() > index(name.substring(BEST.length()));
            if (!listed) {
                throw new ModelFormatException(file, 8, "tensor '" + name + "' is not listed in metadata 'checkpoint'");
            }
        }
        TrainingState state = TrainingStateJson.state(file, parsed, best, buffers);
        if (state.dropoutStates().length != network.dropoutGenerators().size()) {
            throw new ModelFormatException(file, 8, "metadata 'checkpoint': " + state.dropoutStates().length
                    + " dropout generator states for " + network.dropoutGenerators().size() + " dropout layers");
        }
        String options = st.metadata().get(TrainingOptionsJson.KEY);
        return new Loaded(model, state, options == null ? null : TrainingOptionsJson.parse(file, options),
                optimizer(file, state.optimizer()), notes(file, st.metadata().get(NOTES)));
    }

    /** The notes object: string values only, as {@link #save} writes them. */
    private static Map<String, String> notes(Path file, String json) throws ModelFormatException {
        if (json == null) {
            return Map.of();
        }
        JsonFields f = new JsonFields(file, NOTES);
        JsonNode root = f.parse(json, true);
        Map<String, String> notes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (!e.getValue().isTextual()) {
                throw f.error(e.getKey(), "must be a string, got " + e.getValue());
            }
            notes.put(e.getKey(), e.getValue().textValue());
        }
        return notes;
    }

    /** The optimizer that {@code state} describes, with {@code state} restored into it. */
    private static Optimizer optimizer(Path file, OptimizerState state) throws ModelFormatException {
        JsonFields f = new JsonFields(file, KEY);
        Optimizer optimizer;
        try {
            optimizer = Optimizers.parse(state.description());
        } catch (IllegalArgumentException e) {
            throw f.error("optimizer_description", "is not valid: " + e.getMessage());
        }
        try {
            optimizer.restore(state);
        } catch (IllegalArgumentException e) {
            throw f.error("optimizer_description", "'" + state.description() + "' does not match the saved"
                    + " optimizer state: " + e.getMessage());
        }
        return optimizer;
    }

    /** Whether {@code name} is one of the training-state tensors that a checkpoint adds to a model file. */
    static boolean isStateTensor(String name) {
        return name.startsWith(OPTIMIZER) || name.startsWith(BEST);
    }

    /** The parameter index of optimizer buffer {@code <index>.<kind>}, or -1 if the name has no index. */
    private static int parameterIndex(String buffer) {
        int dot = buffer.indexOf('.');
        int index = dot < 0 ? Integer.MAX_VALUE : index(buffer.substring(0, dot));
        return index == Integer.MAX_VALUE ? -1 : index;
    }

    /** A non-negative decimal index, or Integer.MAX_VALUE if {@code digits} is not one. */
    private static int index(String digits) {
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Integer.MAX_VALUE;
        }
        return Integer.parseInt(digits);
    }

    private static void requireFinite(Path file, Tensor t) throws ModelFormatException {
        float[] v = t.data();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new ModelFormatException(file, t.offsetOf(i), "tensor '" + t.name() + "' element " + i + " is "
                        + v[i] + "; checkpoint state must be finite (the file is damaged: use an earlier checkpoint)");
            }
        }
    }
}
