package dev.nnj.core.metrics;

import dev.nnj.core.Matrix;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;

/**
 * Counts of (true class, predicted class) pairs for a classifier, and the scores derived from them.
 * Row i, column j counts the samples of true class i predicted as class j (the convention of
 * scikit-learn). Counts accumulate, so an evaluation can add one minibatch at a time.
 *
 * <p>Per-class scores follow scikit-learn with {@code zero_division=0}: precision = TP/(TP+FP), recall =
 * TP/(TP+FN), F1 = 2PR/(P+R), each 0 when its denominator is 0. Macro averages are unweighted means over
 * the classes that occur among the true or the predicted classes, as scikit-learn's when it is not given
 * the labels (macro F1 is the mean of the per-class F1 scores, not the F1 of the mean P and R): a class
 * that a data set lacks, and that nothing was predicted as, has no score to average.
 */
public final class ConfusionMatrix {

    private final int classes;
    /** counts[actual * classes + predicted]. */
    private final long[] counts;

    /** An empty matrix for {@code classes} ≥ 1 classes. */
    public ConfusionMatrix(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("number of classes must be >= 1, got " + classes);
        }
        this.classes = classes;
        this.counts = new long[Math.multiplyExact(classes, classes)];
    }

    /** The matrix of {@code predicted} against {@code actual}, both class indices in [0, classes). */
    public static ConfusionMatrix of(int classes, int[] predicted, int[] actual) {
        ConfusionMatrix matrix = new ConfusionMatrix(classes);
        matrix.addAll(predicted, actual);
        return matrix;
    }

    /**
     * The matrix of network outputs against targets, one sample per row; see {@link #addRows}.
     * The number of classes is the column count, or 2 for a single column.
     */
    public static ConfusionMatrix ofRows(Matrix outputs, Matrix targets) {
        ConfusionMatrix matrix = new ConfusionMatrix(Math.max(outputs.cols(), 2));
        matrix.addRows(outputs, targets);
        return matrix;
    }

    /** Counts one sample. */
    public void add(int predicted, int actual) {
        checkClass("predicted", predicted);
        checkClass("true", actual);
        counts[actual * classes + predicted]++;
    }

    /** Counts {@code predicted[i]} against {@code actual[i]} for every i. */
    public void addAll(int[] predicted, int[] actual) {
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException(predicted.length + " predicted classes but " + actual.length
                    + " true classes; both arrays need one entry per sample");
        }
        for (int i = 0; i < predicted.length; i++) {
            add(predicted[i], actual[i]);
        }
    }

    /**
     * Counts each row of {@code outputs} (predictions) against the same row of {@code targets}. With
     * several columns the class of a row is its argmax (first on ties), as for softmax outputs and
     * one-hot targets. With one column (a sigmoid output) the class is 1 when the value is ≥ 0.5, else 0.
     */
    public void addRows(Matrix outputs, Matrix targets) {
        targets.requireShape("targets", outputs.rows(), outputs.cols());
        int expected = Math.max(outputs.cols(), 2);
        if (expected != classes) {
            throw new IllegalArgumentException("outputs have " + outputs.cols() + " columns (" + expected
                    + " classes) but this confusion matrix has " + classes + " classes");
        }
        addAll(classesOf(outputs), classesOf(targets));
    }

    private static int[] classesOf(Matrix rows) {
        int[] result = new int[rows.rows()];
        for (int i = 0; i < result.length; i++) {
            result[i] = Matrix.classOf(rows.data(), i * rows.cols(), rows.cols());
        }
        return result;
    }

    private void checkClass(String what, int c) {
        if (c < 0 || c >= classes) {
            throw new IllegalArgumentException(what + " class " + c + " is outside [0, " + classes + ")");
        }
    }

    public int classes() {
        return classes;
    }

    /** Samples of true class {@code actual} predicted as {@code predicted}. */
    public long count(int actual, int predicted) {
        checkClass("true", actual);
        checkClass("predicted", predicted);
        return counts[actual * classes + predicted];
    }

    /** All samples counted. */
    public long total() {
        return Arrays.stream(counts).sum();
    }

    /** Samples of class c (row sum). */
    public long support(int c) {
        long sum = 0;
        for (int j = 0; j < classes; j++) {
            sum += count(c, j);
        }
        return sum;
    }

    /** Samples predicted as class c (column sum). */
    public long predictedCount(int c) {
        long sum = 0;
        for (int i = 0; i < classes; i++) {
            sum += count(i, c);
        }
        return sum;
    }

    /** Fraction of samples on the diagonal; 0 when empty. */
    public double accuracy() {
        return ratio(correct(), total());
    }

    /** Samples on the diagonal. */
    public long correct() {
        long correct = 0;
        for (int c = 0; c < classes; c++) {
            correct += count(c, c);
        }
        return correct;
    }

    /** TP/(TP+FP) for class c; 0 when the class was never predicted. */
    public double precision(int c) {
        return ratio(count(c, c), predictedCount(c));
    }

    /** TP/(TP+FN) for class c; 0 when the class never occurs. */
    public double recall(int c) {
        return ratio(count(c, c), support(c));
    }

    /** Harmonic mean of precision and recall for class c; 0 when both are 0. */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** The mean precision of the classes present (see the class comment); NaN when nothing was counted. */
    public double macroPrecision() {
        return macroMean(this::precision);
    }

    /** The mean recall of the classes present; NaN when nothing was counted. */
    public double macroRecall() {
        return macroMean(this::recall);
    }

    /** The mean F1 of the classes present; NaN when nothing was counted. */
    public double macroF1() {
        return macroMean(this::f1);
    }

    private double macroMean(IntToDoubleFunction score) {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            if (support(c) > 0 || predictedCount(c) > 0) {
                sum += score.applyAsDouble(c);
                present++;
            }
        }
        return present == 0 ? Double.NaN : sum / present;
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }

    /**
     * The matrix as an aligned text table: one row per true class with its counts per predicted class,
     * precision, recall, F1 and support, then the macro averages and the accuracy.
     *
     * @param classNames one name per class, or null for the class indices
     */
    public String toTable(String[] classNames) {
        if (classNames != null && classNames.length != classes) {
            throw new IllegalArgumentException(classNames.length + " class names for " + classes + " classes");
        }
        String[] names = new String[classes];
        for (int c = 0; c < classes; c++) {
            names[c] = classNames == null ? String.valueOf(c) : classNames[c];
        }
        String corner = "true\\predicted";
        int nameWidth = corner.length();
        int countWidth = String.valueOf(Arrays.stream(counts).max().orElse(0)).length();
        for (String name : names) {
            nameWidth = Math.max(nameWidth, name.length());
            countWidth = Math.max(countWidth, name.length());
        }
        StringBuilder out = new StringBuilder();
        out.append(pad(corner, nameWidth));
        for (String name : names) {
            out.append("  ").append(pad(name, -countWidth));
        }
        out.append("  precision     recall         f1    support\n");
        for (int i = 0; i < classes; i++) {
            out.append(pad(names[i], nameWidth));
            for (int j = 0; j < classes; j++) {
                out.append("  ").append(pad(String.valueOf(count(i, j)), -countWidth));
            }
            out.append(scores(precision(i), recall(i), f1(i))).append(pad(String.valueOf(support(i)), -11)).append('\n');
        }
        out.append(pad("macro average", nameWidth + classes * (countWidth + 2)))
                .append(scores(macroPrecision(), macroRecall(), macroF1()))
                .append(pad(String.valueOf(total()), -11)).append('\n');
        out.append(String.format(Locale.ROOT, "accuracy %.4f (%d of %d)%n", accuracy(), correct(), total()));
        return out.toString();
    }

    private static String scores(double precision, double recall, double f1) {
        return String.format(Locale.ROOT, "%11.4f%11.4f%11.4f", precision, recall, f1);
    }

    /** Left-aligns in {@code width} columns, or right-aligns in −width columns. */
    private static String pad(String text, int width) {
        return String.format(Locale.ROOT, "%" + (width < 0 ? "" : "-") + Math.abs(width) + "s", text);
    }
}
