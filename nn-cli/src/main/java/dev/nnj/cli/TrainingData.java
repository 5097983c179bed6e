package dev.nnj.cli;

import dev.nnj.core.Rng;
import dev.nnj.io.LabeledData;
import dev.nnj.io.LabeledDataset;
import dev.nnj.io.Preprocessing;
import dev.nnj.io.Split;
import java.io.IOException;
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
                    List<String> classNames, Preprocessing preprocessing, String description) {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingData.class);

    /**
     * Seed streams of the two splits, far from the network's and trainer's streams (1, 2 + 16k, 3), so
     * that changing the architecture never changes which samples are held out.
     */
    static final long TEST_SPLIT_STREAM = 1001;
    static final long VALIDATION_SPLIT_STREAM = 1002;

    /**
     * Reads and splits the data of {@code config}, with the splits drawn from {@code seed}.
     *
     * @param classNames    the classes of a model being continued, or null
     * @param preprocessing the preprocessing of a model being continued, or null to compute it
     */
    static TrainingData load(TrainConfig config, long seed, List<String> classNames, Preprocessing preprocessing)
            throws IOException {
        DataSource.Parts parts = config.data().read(classNames);
        LabeledData all = parts.train();
        LabeledData testData = parts.test();
        if (config.test() != null) {
            testData = config.test().read(all.classNames()).train();
        }
        int[] rows = Split.all(all.size()).train();
        int[] testRows = null;
        if (testData == null && config.testSplit() > 0) {
            Split split = Split.random(all.size(), config.testSplit(), Rng.stream(seed, TEST_SPLIT_STREAM));
            rows = split.train();
            testRows = split.validation();
        }
        int[] validationRows = null;
        if (config.validationSplit() > 0) {
            Split split = Split.random(rows.length, config.validationSplit(), Rng.stream(seed, VALIDATION_SPLIT_STREAM));
            validationRows = pick(rows, split.validation());
            rows = pick(rows, split.train());
        }
        Preprocessing prep = preprocessing != null ? preprocessing : preprocessing(config.preprocessing(), all, rows);
        LabeledDataset train = new LabeledDataset(all, rows, prep);
        LabeledDataset validation = validationRows == null ? null : new LabeledDataset(all, validationRows, prep);
        LabeledDataset test = testRows != null ? new LabeledDataset(all, testRows, prep)
                : testData != null ? LabeledDataset.of(testData, prep) : null;
        LOG.info(String.format(Locale.ROOT, "Data: %s: %d training, %s validation, %s test samples; %d features, %d classes",
                parts.description(), train.size(), validation == null ? "no" : validation.size(),
                test == null ? "no" : test.size(), all.featureCount(), all.classCount()));
        return new TrainingData(train, validation, test, all.classNames(), prep, parts.description());
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
