package dev.nnj.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nnj.core.train.EpochMetrics;
import dev.nnj.core.train.TrainingHistory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * How a saved model was trained, stored under metadata key {@code training} for people and tools that
 * inspect the file. Metrics that were not measured (no validation set, regression accuracy) are NaN
 * here and null in the file.
 *
 * <p>The metrics are those of the epoch whose weights the model holds: the last epoch's, or with early
 * stopping the best epoch's ({@link TrainingHistory#metricsOfFinalWeights()}).
 *
 * @param epochs             epochs completed
 * @param trainLoss          training loss of the epoch whose weights the model holds
 * @param trainAccuracy      training accuracy of that epoch
 * @param validationLoss     validation loss of that epoch
 * @param validationAccuracy validation accuracy of that epoch
 * @param bestEpoch          epoch of the lowest validation loss, or -1
 * @param seed               the run's seed
 * @param optimizer          the optimizer id, e.g. {@code adam}
 * @param libraryVersion     the nnj version that trained the model
 */
public record TrainingSummary(int epochs, double trainLoss, double trainAccuracy, double validationLoss,
                              double validationAccuracy, int bestEpoch, long seed, String optimizer,
                              String libraryVersion) {

    /** The nnj version of this library, from the build. */
    public static final String LIBRARY_VERSION = loadVersion();

    private static final Set<String> FIELDS = Set.of("epochs", "train_loss", "train_accuracy", "validation_loss",
            "validation_accuracy", "best_epoch", "seed", "optimizer", "library_version");

    /** Summarises a finished (or interrupted) run of this library version. */
    public static TrainingSummary of(TrainingHistory history, long seed, String optimizer) {
        EpochMetrics m = history.metricsOfFinalWeights();
        return new TrainingSummary(history.epochs().size(),
                m == null ? Double.NaN : m.trainLoss(), m == null ? Double.NaN : m.trainAccuracy(),
                m == null ? Double.NaN : m.validationLoss(), m == null ? Double.NaN : m.validationAccuracy(),
                history.bestEpoch(), seed, optimizer, LIBRARY_VERSION);
    }

    /** For a model that was not trained by nnj (e.g. weights imported from PyTorch). */
    public static TrainingSummary untrained(long seed) {
        return new TrainingSummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1, seed, "none", LIBRARY_VERSION);
    }

    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", epochs);
        m.put("train_loss", JsonFields.nullIfNaN(trainLoss));
        m.put("train_accuracy", JsonFields.nullIfNaN(trainAccuracy));
        m.put("validation_loss", JsonFields.nullIfNaN(validationLoss));
        m.put("validation_accuracy", JsonFields.nullIfNaN(validationAccuracy));
        m.put("best_epoch", bestEpoch);
        m.put("seed", seed);
        m.put("optimizer", optimizer);
        m.put("library_version", libraryVersion);
        try {
            return JsonFields.MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TrainingSummary parse(Path file, String json) throws ModelFormatException {
        JsonFields f = new JsonFields(file, "training");
        JsonNode root = f.parse(json, true);
        f.onlyFields(root, "", FIELDS);
        return new TrainingSummary(f.integer(root, "epochs", "", 0),
                f.optionalDouble(root, "train_loss", ""), f.optionalDouble(root, "train_accuracy", ""),
                f.optionalDouble(root, "validation_loss", ""), f.optionalDouble(root, "validation_accuracy", ""),
                f.integer(root, "best_epoch", "", -1), f.longValue(root, "seed", ""),
                f.text(root, "optimizer", ""), f.text(root, "library_version", ""));
    }

    private static String loadVersion() {
        try (InputStream in = TrainingSummary.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
