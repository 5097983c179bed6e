package dev.nnj.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.TypeConversionException;

/**
 * How a run split its data (--test-split, --val-split), kept in its checkpoints as notes, so that a resumed
 * run holds out the same samples: resumed with other fractions it would train on other rows, and no longer
 * give the weights of a run that never stopped.
 */
final class DataSplitNotes {

    static final String TEST_SPLIT = "test_split";
    static final String VALIDATION_SPLIT = "val_split";

    private DataSplitNotes() {
    }

    /** The notes for the checkpoints of the run {@code config} describes. */
    static Map<String, String> of(TrainConfig config) {
        return Map.of(TEST_SPLIT, Double.toString(config.testSplit()),
                VALIDATION_SPLIT, Double.toString(config.validationSplit()));
    }

    /**
     * {@code config} with the splits that {@code checkpoint}'s notes record; unchanged for a checkpoint
     * without them (written before they were recorded).
     *
     * @throws IllegalArgumentException naming the checkpoint if a recorded split is not a fraction in [0, 1)
     */
    static TrainConfig resumed(TrainConfig config, Map<String, String> notes, Path checkpoint) {
        if (!notes.containsKey(TEST_SPLIT) || !notes.containsKey(VALIDATION_SPLIT)) {
            return config;
        }
        return config.withSplits(fraction(notes, TEST_SPLIT, checkpoint), fraction(notes, VALIDATION_SPLIT, checkpoint));
    }

    /** The fraction as --test-split and --val-split read it ({@link Converters.Fraction}). */
    private static double fraction(Map<String, String> notes, String key, Path checkpoint) {
        String text = notes.get(key);
        try {
            return new Converters.Fraction().convert(text);
        } catch (TypeConversionException e) {
            throw new IllegalArgumentException(checkpoint + ": metadata 'notes' " + key + " is '" + text
                    + "', expected a fraction in [0, 1)", e);
        }
    }
}
