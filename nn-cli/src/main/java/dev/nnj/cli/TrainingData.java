package dev.nnj.cli;

import dev.nnj.core.Rng;
import dev.nnj.io.DatasetFormatException;
import dev.nnj.io.FeatureColumns;
import dev.nnj.io.LabeledData;
import dev.nnj.io.LabeledDataset;
import dev.nnj.io.Preprocessing;
import dev.nnj.io.SavedModel;
import dev.nnj.io.Split;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training, validation and test sets of a run, all views of the data as read (no copies), sharing
 * one preprocessing whose statistics come from the training rows only.
 *
 * @param validation null without {@code --val-split}
 * @param test       null when there is neither test data nor a test split
 */
record TrainingData(LabeledDataset train, LabeledDataset validation, LabeledDataset test,
                    List<String> classNames, Preprocessing preprocessing, String description,
                    List<String> featureNames) {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingData.class);

    /**
     * Seed streams of the two splits, far from the network's and trainer's streams (1, 2 + 16k, 3), so
     * that changing the architecture never changes which samples are held out.
     */
    static final long TEST_SPLIT_STREAM = 1001;
    static final long VALIDATION_SPLIT_STREAM = 1002;
    /** More distinct fractional labels than this are a numeric target (see refuseNumericTarget). */
    static final int MAX_FRACTIONAL_CLASSES = 20;

    /**
     * Reads and splits the data of {@code config}, with the splits drawn from {@code seed}.
     *
     * @param modelFile the model or checkpoint being continued ({@code --init} or {@code --resume}), or null
     * @param model     its contents: its classes and preprocessing apply to the data; null for a new network
     */
    static TrainingData load(TrainConfig config, long seed, Path modelFile, SavedModel model) throws IOException {
        String modelName = model == null ? null : (config.resume() != null ? "--resume " : "--init ") + modelFile;
        if (model != null && model.classNames().isEmpty()) {
            throw new IllegalArgumentException(modelName + " is a regression model (no classes), but nnj train reads"
                    + " labelled classes (--data " + config.data().source() + "); start from a classification model");
        }
        if (model != null && config.data().kind() == DataSource.Kind.DIGITS
                && !model.classNames().containsAll(DataSource.DIGIT_CLASSES)) {
            // Most likely --data was left out, and it defaults to the digits.
            throw new UsageException(modelName + " was trained on the classes " + shortList(model.classNames())
                    + ", not on the built-in digits (--data digits, the default): give the data it was trained on"
                    + " with --data");
        }
        DataSource.Parts parts = config.data().read(model == null ? null : model.classNames());
        LabeledData all = parts.train();
        if (model == null && config.data().kind() == DataSource.Kind.CSV) {
            refuseNumericTarget(all, config.data());
        }
        int features = model == null ? all.featureCount() : model.network().inputSize();
        String expected = model == null ? "the training data (--data " + config.data().source() + ") has " + features
                : modelName + " expects " + features;
        if (model != null) {
            requireFeatures(all, "--data " + config.data().source(), features, expected);
            model.requireFeatureNames(all.featureNames(), "--data " + config.data().source() + " (" + modelName + ")");
        }
        LabeledData testData = parts.test();
        String testName = "the test part of --data " + config.data().source();
        if (config.test() != null) {
            testData = readTest(config, all, model != null);
            testName = "--test " + config.test().source();
        }
        if (testData != null) {
            requireFeatures(testData, testName, features, expected);
            FeatureColumns.requireSame(all.featureNames(), testData.featureNames(),
                    testName + " (against --data " + config.data().source() + ")");
        }
        int[] rows = Split.all(all.size()).train();
        int[] testRows = null;
        if (testData == null && config.testSplit() > 0) {
            Split split = testSplit(config.testSplit(), all.size(), seed);
            rows = split.train();
            testRows = split.validation();
        }
        int[] validationRows = null;
        if (config.validationSplit() > 0) {
            Split split = split("--val-split", config.validationSplit(), rows.length, "training sample", "validation", "",
                    Rng.stream(seed, VALIDATION_SPLIT_STREAM));
            validationRows = pick(rows, split.validation());
            rows = pick(rows, split.train());
        }
        // After the splits, whose errors say more about data too small to split.
        if (model == null && all.classCount() < 2) {
            // One class trains to a loss of 0 and an accuracy of 1 while learning nothing: most likely the
            // wrong label column.
            throw new UsageException("--data " + config.data().source() + ": every sample has the label '"
                    + all.classNames().get(0) + "', but a classifier needs at least two classes"
                    + (config.data().kind() == DataSource.Kind.CSV ? "; name the label column with --label" : ""));
        }
        Preprocessing prep = model != null ? model.preprocessing() : preprocessing(config.preprocessing(), all, rows);
        LabeledDataset train = new LabeledDataset(all, rows, prep);
        LabeledDataset validation = validationRows == null ? null : new LabeledDataset(all, validationRows, prep);
        LabeledDataset test = testRows != null ? new LabeledDataset(all, testRows, prep)
                : testData != null ? LabeledDataset.of(testData, prep) : null;
        LOG.info(String.format(Locale.ROOT, "Data: %s: %d training, %s validation, %s test samples; %d features, %d classes",
                parts.description(), train.size(), validation == null ? "no" : validation.size(),
                test == null ? "no" : test.size(), all.featureCount(), all.classCount()));
        return new TrainingData(train, validation, test, all.classNames(), prep, parts.description(),
                all.featureNames().isEmpty() && model != null ? model.featureNames() : all.featureNames());
    }

    /**
     * Refuses a label column of numbers with fractions, such as prices: a regression target, which the
     * reader would turn into one class per distinct value and train on without complaint, to an accuracy
     * near 0. Whole numbers (also written 1.0) stay classes, and so do a few fractional values, such as
     * ratings in half stars: a target has many distinct values, most of them seen once or twice.
     */
    static void refuseNumericTarget(LabeledData data, DataSource source) {
        String fractional = null;
        for (String name : data.classNames()) {
            double value;
            try {
                value = Double.parseDouble(name);
            } catch (NumberFormatException e) {
                return; // a text label: classes
            }
            if (fractional == null && Double.isFinite(value) && value != Math.rint(value)) {
                fractional = name;
            }
        }
        if (fractional != null && (data.classCount() > MAX_FRACTIONAL_CLASSES || 2 * data.classCount() > data.size())) {
            String column = source.labelColumn() == null ? "the last column" : "column " + source.labelColumn();
            throw new UsageException(String.format(Locale.ROOT, "--data %s: the label (%s) holds numbers such as %s,"
                    + " %d distinct values: nnj train fits classifiers, one class per label, not a numeric target;"
                    + " name the column of class labels with --label", source.source(), column, fractional,
                    data.classCount()));
        }
    }

    /** Named like predict names them: the data, its width, and whose width it should have been. */
    private static void requireFeatures(LabeledData data, String name, int features, String expected) {
        if (data.featureCount() != features) {
            throw new IllegalArgumentException(name + " has " + data.featureCount() + " features per sample, but "
                    + expected);
        }
    }

    /**
     * The {@code --test} data, its labels mapped to the training classes. The readers call those "the
     * model's classes"; in a new run they are the training data's, so such an error is worded again here,
     * from the labels the test data has.
     */
    private static LabeledData readTest(TrainConfig config, LabeledData train, boolean continuingModel)
            throws IOException {
        try {
            return config.test().read(train.classNames()).train();
        } catch (DatasetFormatException e) {
            if (continuingModel) {
                throw e;
            }
            LabeledData alone = config.test().read(null).train();
            boolean[] present = new boolean[alone.classCount()];
            for (int i = 0; i < alone.size(); i++) {
                present[alone.label(i)] = true;
            }
            List<String> unknown = new ArrayList<>();
            for (int c = 0; c < present.length; c++) {
                if (present[c] && !train.classNames().contains(alone.classNames().get(c))) {
                    unknown.add(alone.classNames().get(c));
                }
            }
            if (unknown.isEmpty()) {
                throw e;
            }
            throw new IllegalArgumentException("--test " + config.test().source() + " has labels " + shortList(unknown)
                    + " that are not among the training data's classes " + shortList(train.classNames()) + " (--data "
                    + config.data().source() + ")");
        }
    }

    private static String shortList(List<String> names) {
        return names.size() <= 10 ? names.toString()
                : names.subList(0, 10).toString().replaceFirst("]$", ", … (" + names.size() + " in all)]");
    }

    /** The --test-split of {@code size} samples that a run with {@code seed} holds out: its validation part. */
    static Split testSplit(double fraction, int size, long seed) {
        return split("--test-split", fraction, size, "sample", "test", ", or --test-split 0 to train without a test",
                Rng.stream(seed, TEST_SPLIT_STREAM));
    }

    /**
     * {@link Split#random} of {@code size} rows, refused when either part would be empty, which would
     * otherwise test on nothing (a NaN accuracy) or silently turn early stopping off.
     *
     * @param rows    what the rows are, singular: "sample", "training sample"
     * @param heldOut what the held-out part is for: "test", "validation"
     * @param orElse  another way out, appended to the message, or ""
     */
    private static Split split(String option, double fraction, int size, String rows, String heldOut, String orElse,
                               Rng rng) {
        String what = option + " " + BigDecimal.valueOf(fraction).stripTrailingZeros().toPlainString() + " of " + size
                + " " + rows + (size == 1 ? "" : "s");
        if (size < 2) {
            throw new UsageException(what + " cannot be split into training and " + heldOut + " samples; give more data"
                    + orElse);
        }
        // Split.random holds out round(size · fraction) rows; these bounds keep that count within 1..size-1.
        String smallest = decimal(1.0 / size, RoundingMode.CEILING);
        String largest = decimal((size - 1.0) / size, RoundingMode.FLOOR);
        String works = "; give " + option + (smallest.equals(largest) ? " " + smallest
                : " between " + smallest + " and " + largest) + orElse;
        long held = Math.round(size * fraction);
        if (held == 0) {
            throw new UsageException(what + " holds out 0 " + heldOut + " samples" + works);
        }
        if (held == size) {
            throw new UsageException(what + " leaves 0 training samples" + works);
        }
        return Split.random(size, fraction, rng);
    }

    /** {@code x} to two significant digits, rounded the given way. */
    private static String decimal(double x, RoundingMode mode) {
        return new BigDecimal(x).round(new MathContext(2, mode)).stripTrailingZeros().toPlainString();
    }

    /**
     * The preprocessing named by {@code kind}, or the default: image bytes scaled from 0..255 to 0..1
     * (the range is known, so no statistics are needed), other features standardised.
     */
    static Preprocessing preprocessing(String kind, LabeledData data, int[] trainRows) {
        String k = kind != null ? kind : isBytes(data) ? Preprocessing.SCALE : Preprocessing.STANDARDIZE;
        switch (k) {
            case Preprocessing.NONE:
                return Preprocessing.none(data.featureCount());
            case Preprocessing.SCALE:
                return isBytes(data) ? Preprocessing.range(data.featureCount(), 0, 255) : Preprocessing.minMax(data, trainRows);
            default:
                return Preprocessing.standardize(data, trainRows);
        }
    }

    private static boolean isBytes(LabeledData data) {
        return data.featureBytes() == (long) data.featureCount() * data.size();
    }

    /** {@code rows[indices[i]]} for each i: a split of a subset, mapped back to row numbers. */
    private static int[] pick(int[] rows, int[] indices) {
        int[] picked = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            picked[i] = rows[indices[i]];
        }
        return picked;
    }
}
