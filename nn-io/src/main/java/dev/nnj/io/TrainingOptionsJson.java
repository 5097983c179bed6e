package dev.nnj.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nnj.core.train.LearningRateSchedule;
import dev.nnj.core.train.TrainingOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@link TrainingOptions} of a run as JSON (checkpoint metadata key {@code options}), so that a
 * resumed run can be set up with exactly the batch size, seed and schedule it started with: resuming
 * with different ones would continue a different run, silently.
 */
final class TrainingOptionsJson {

    static final String KEY = "options";
    private static final Set<String> FIELDS = Set.of("epochs", "batch_size", "shuffle", "seed", "schedule",
            "early_stopping_patience", "clip_norm");

    private TrainingOptionsJson() {
    }

    static String write(TrainingOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", o.epochs());
        m.put("batch_size", o.batchSize());
        m.put("shuffle", o.shuffle());
        m.put("seed", o.seed());
        m.put("schedule", o.schedule().describe());
        m.put("early_stopping_patience", o.earlyStoppingPatience());
        m.put("clip_norm", o.clipNorm());
        return ModelFile.json(m);
    }

    static TrainingOptions parse(Path file, String json) throws ModelFormatException {
        JsonFields f = new JsonFields(file, KEY);
        JsonNode root = f.parse(json, true);
        f.onlyFields(root, "", FIELDS);
        JsonNode shuffle = f.required(root, "shuffle", "");
        if (!shuffle.isBoolean()) {
            throw f.error("shuffle", "must be true or false, got " + shuffle);
        }
        try {
            return new TrainingOptions(f.integer(root, "epochs", "", 1), f.integer(root, "batch_size", "", 1),
                    shuffle.booleanValue(), f.longValue(root, "seed", ""),
                    LearningRateSchedule.parse(f.text(root, "schedule", "")),
                    f.integer(root, "early_stopping_patience", "", 0), f.floatField(root, "clip_norm", ""));
        } catch (IllegalArgumentException e) {
            throw f.error("", "is not valid: " + e.getMessage());
        }
    }
}
