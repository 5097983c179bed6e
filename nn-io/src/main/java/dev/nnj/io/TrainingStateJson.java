package dev.nnj.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nnj.core.optim.OptimizerState;
import dev.nnj.core.train.EpochMetrics;
import dev.nnj.core.train.TrainingState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scalar part of a {@link TrainingState} as JSON (metadata key {@code checkpoint}); its arrays
 * (optimizer buffers, best weights) are tensors of the checkpoint file. Doubles are written as their
 * shortest exact decimal and read back through an exact decimal, so every value round-trips bit for bit;
 * +∞ (no best validation loss yet) and NaN (metrics not measured) are written as null.
 */
final class TrainingStateJson {

    private static final Set<String> FIELDS = Set.of("epoch", "batch", "epoch_shuffle_state", "loss_sum", "correct",
            "seen", "best_validation_loss", "best_epoch", "epochs_without_improvement", "best_weights",
            "dropout_states", "optimizer", "optimizer_description", "optimizer_steps", "optimizer_buffers", "history");
    private static final Set<String> METRIC_FIELDS = Set.of("epoch", "train_loss", "train_accuracy", "validation_loss",
            "validation_accuracy", "learning_rate", "seconds");

    private TrainingStateJson() {
    }

    static String write(TrainingState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", s.epoch());
        m.put("batch", s.batch());
        m.put("epoch_shuffle_state", s.epochShuffleState());
        m.put("loss_sum", s.lossSum());
        m.put("correct", s.correct());
        m.put("seen", s.seen());
        m.put("best_validation_loss", JsonFields.nullIfNaN(s.bestValidationLoss()));
        m.put("best_epoch", s.bestEpoch());
        m.put("epochs_without_improvement", s.epochsWithoutImprovement());
        m.put("best_weights", s.bestWeights().size());
        m.put("dropout_states", s.dropoutStates());
        m.put("optimizer", s.optimizer().optimizer());
        m.put("optimizer_description", s.optimizer().description());
        m.put("optimizer_steps", s.optimizer().steps());
        m.put("optimizer_buffers", List.copyOf(s.optimizer().buffers().keySet()));
        List<Map<String, Object>> history = new ArrayList<>();
        for (EpochMetrics e : s.history()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("epoch", e.epoch());
            h.put("train_loss", JsonFields.nullIfNaN(e.trainLoss()));
            h.put("train_accuracy", JsonFields.nullIfNaN(e.trainAccuracy()));
            h.put("validation_loss", JsonFields.nullIfNaN(e.validationLoss()));
            h.put("validation_accuracy", JsonFields.nullIfNaN(e.validationAccuracy()));
            h.put("learning_rate", e.learningRate());
            h.put("seconds", e.seconds());
            history.add(h);
        }
        m.put("history", history);
        return ModelFile.json(m);
    }

    /** The parsed JSON: everything except the arrays, which {@link Checkpoint} reads from tensors. */
    record Parsed(JsonNode root, int bestWeights, List<String> bufferNames) {
    }

    static Parsed parse(Path file, String json) throws ModelFormatException {
        JsonFields f = new JsonFields(file, "checkpoint");
        JsonNode root = f.parse(json, true);
        f.onlyFields(root, "", FIELDS);
        JsonNode names = f.required(root, "optimizer_buffers", "");
        if (!names.isArray()) {
            throw f.error("optimizer_buffers", "must be an array of buffer names");
        }
        List<String> bufferNames = new ArrayList<>();
        for (JsonNode n : names) {
            if (!n.isTextual()) {
                throw f.error("optimizer_buffers", "must hold only strings, got " + n);
            }
            bufferNames.add(n.textValue());
        }
        return new Parsed(root, f.integer(root, "best_weights", "", 0), bufferNames);
    }

    /** Completes the state with the arrays read from tensors. */
    static TrainingState state(Path file, Parsed p, List<float[]> bestWeights, Map<String, float[]> buffers)
            throws ModelFormatException {
        JsonFields f = new JsonFields(file, "checkpoint");
        JsonNode r = p.root();
        double best = f.optionalDouble(r, "best_validation_loss", "");
        JsonNode dropout = f.required(r, "dropout_states", "");
        if (!dropout.isArray()) {
            throw f.error("dropout_states", "must be an array of 64-bit integers");
        }
        long[] dropoutStates = new long[dropout.size()];
        for (int i = 0; i < dropoutStates.length; i++) {
            JsonNode d = dropout.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong()) {
                throw f.error("dropout_states[" + i + "]", "must be a 64-bit integer, got " + d);
            }
            dropoutStates[i] = d.longValue();
        }
        long steps = f.longValue(r, "optimizer_steps", "");
        if (steps < 0) {
            throw f.error("optimizer_steps", "must be >= 0, got " + steps);
        }
        if (r.get("optimizer_description") == null) {
            throw f.error("optimizer_description", "is missing: the checkpoint does not say how to recreate its"
                    + " optimizer (learning rate, momentum, …), so it cannot be resumed exactly; start the run again");
        }
        OptimizerState optimizer = new OptimizerState(f.text(r, "optimizer", ""), steps, buffers,
                f.text(r, "optimizer_description", ""));
        int epoch = f.integer(r, "epoch", "", 0);
        List<EpochMetrics> history = history(f, f.required(r, "history", ""));
        if (history.size() != epoch) {
            throw f.error("epoch", "is " + epoch + " but the history holds " + history.size() + " epochs");
        }
        return new TrainingState(epoch, f.integer(r, "batch", "", 0),
                f.longValue(r, "epoch_shuffle_state", ""), f.optionalDouble(r, "loss_sum", ""),
                f.longValue(r, "correct", ""), f.longValue(r, "seen", ""),
                Double.isNaN(best) ? Double.POSITIVE_INFINITY : best, f.integer(r, "best_epoch", "", -1),
                f.integer(r, "epochs_without_improvement", "", 0), bestWeights, dropoutStates, optimizer, history);
    }

    private static List<EpochMetrics> history(JsonFields f, JsonNode list) throws ModelFormatException {
        if (!list.isArray()) {
            throw f.error("history", "must be an array of epoch metrics");
        }
        List<EpochMetrics> history = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "history[" + i + "]";
            JsonNode e = list.get(i);
            if (!e.isObject()) {
                throw f.error(path, "must be an object");
            }
            f.onlyFields(e, path, METRIC_FIELDS);
            history.add(new EpochMetrics(f.integer(e, "epoch", path, 0), f.optionalDouble(e, "train_loss", path),
                    f.optionalDouble(e, "train_accuracy", path), f.optionalDouble(e, "validation_loss", path),
                    f.optionalDouble(e, "validation_accuracy", path), f.floatField(e, "learning_rate", path),
                    f.optionalDouble(e, "seconds", path)));
        }
        return history;
    }
}
