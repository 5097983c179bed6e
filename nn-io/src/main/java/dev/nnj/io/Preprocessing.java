package dev.nnj.io;

import dev.nnj.core.Matrix;
import java.util.Arrays;

/**
 * The per-feature affine map applied to raw features before they reach the network,
 * {@code x' = (x − offset[j]) · scale[j]}, stored with the model so that {@code predict} sees inputs
 * exactly as training did. Statistics come from the training rows only, never from validation or test
 * data, which would leak them into training.
 * <ul>
 *   <li>{@code none}: offset 0, scale 1.</li>
 *   <li>{@code scale}: to [0, 1]: offset = minimum, scale = 1/(maximum − minimum), per feature from the
 *       training rows or from a fixed range such as 0..255 for image bytes.</li>
 *   <li>{@code standardize}: offset = mean, scale = 1/standard deviation (population), per feature.</li>
 * </ul>
 * A feature that is constant in the training rows gets scale 1, so it maps to 0 instead of dividing by 0.
 *
 * <p>The offset and scale arrays are held and returned as they are, not copied, since every minibatch reads
 * them: do not change them.
 *
 * @param kind   {@code none}, {@code scale} or {@code standardize}
 * @param offset subtracted from each feature
 * @param scale  then multiplied into each feature
 */
public record Preprocessing(String kind, float[] offset, float[] scale) {

    public static final String NONE = "none";
    public static final String SCALE = "scale";
    public static final String STANDARDIZE = "standardize";

    public Preprocessing {
        if (!kind.equals(NONE) && !kind.equals(SCALE) && !kind.equals(STANDARDIZE)) {
            throw new IllegalArgumentException("unknown preprocessing '" + kind + "'; expected none, scale or standardize");
        }
        if (offset.length != scale.length) {
            throw new IllegalArgumentException(offset.length + " offsets but " + scale.length + " scales");
        }
        for (int j = 0; j < offset.length; j++) {
            if (!Float.isFinite(offset[j]) || !Float.isFinite(scale[j])) {
                throw new IllegalArgumentException("preprocessing of feature " + j + " is not finite: offset "
                        + offset[j] + ", scale " + scale[j]);
            }
        }
    }

    /** The identity. */
    public static Preprocessing none(int features) {
        float[] ones = new float[features];
        Arrays.fill(ones, 1f);
        return new Preprocessing(NONE, new float[features], ones);
    }

    /** Maps the fixed range [lo, hi] of every feature to [0, 1], e.g. 0..255 for image bytes. */
    public static Preprocessing range(int features, float lo, float hi) {
        if (!(hi > lo)) {
            throw new IllegalArgumentException("range must have hi > lo, got " + lo + ".." + hi);
        }
        float[] offset = new float[features];
        float[] scale = new float[features];
        Arrays.fill(offset, lo);
        Arrays.fill(scale, (float) (1.0 / ((double) hi - lo)));
        return new Preprocessing(SCALE, offset, scale);
    }

    /** Raw feature j of sample i, from whichever container holds the samples. */
    private interface Features {
        float get(int i, int j);
    }

    /** Maps each feature's minimum and maximum over {@code rows} of {@code data} to 0 and 1. */
    public static Preprocessing minMax(LabeledData data, int[] rows) {
        return minMax(data.featureCount(), rows, data::feature);
    }

    /**
     * Maps each column's minimum and maximum over the rows of {@code training} (the training samples
     * only, e.g. for regression data held in a matrix) to 0 and 1.
     */
    public static Preprocessing minMax(Matrix training) {
        return minMax(training.cols(), allRows(training), training::get);
    }

    /** Centres each column on its mean over the rows of {@code training} and divides by its standard deviation. */
    public static Preprocessing standardize(Matrix training) {
        return standardize(training.cols(), allRows(training), training::get);
    }

    private static int[] allRows(Matrix m) {
        int[] rows = new int[m.rows()];
        Arrays.setAll(rows, i -> i);
        return rows;
    }

    private static Preprocessing minMax(int f, int[] rows, Features data) {
        float[] offset = new float[f];
        float[] scale = new float[f];
        for (int j = 0; j < f; j++) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int i : rows) {
                float v = data.get(i, j);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            offset[j] = rows.length == 0 ? 0 : min;
            scale[j] = max > min ? (float) (1.0 / ((double) max - min)) : 1f;
        }
        return new Preprocessing(SCALE, offset, scale);
    }

    /** Centres each feature on its mean over {@code rows} and divides by its standard deviation there. */
    public static Preprocessing standardize(LabeledData data, int[] rows) {
        return standardize(data.featureCount(), rows, data::feature);
    }

    private static Preprocessing standardize(int f, int[] rows, Features data) {
        float[] offset = new float[f];
        float[] scale = new float[f];
        for (int j = 0; j < f; j++) {
            // Two passes in double: the textbook one-pass formula loses everything to cancellation
            // when the mean is large compared with the spread.
            double sum = 0;
            for (int i : rows) {
                sum += data.get(i, j);
            }
            double mean = rows.length == 0 ? 0 : sum / rows.length;
            double squares = 0;
            for (int i : rows) {
                double d = data.get(i, j) - mean;
                squares += d * d;
            }
            double std = rows.length == 0 ? 0 : Math.sqrt(squares / rows.length);
            offset[j] = (float) mean;
            scale[j] = std > 0 && Float.isFinite((float) (1.0 / std)) ? (float) (1.0 / std) : 1f;
        }
        return new Preprocessing(STANDARDIZE, offset, scale);
    }

    public int featureCount() {
        return offset.length;
    }

    /** Preprocesses {@code rows} row-major samples of {@link #featureCount()} values in place. */
    public void applyInPlace(float[] x, int rows) {
        int f = offset.length;
        if ((long) rows * f > x.length) {
            throw new IllegalArgumentException(rows + " rows of " + f + " features need " + (long) rows * f
                    + " values, got " + x.length);
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0, at = r * f; j < f; j++, at++) {
                x[at] = (x[at] - offset[j]) * scale[j];
            }
        }
    }

    /** Equal when kind and every offset and scale are: a record compares arrays by identity. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing p && kind.equals(p.kind) && Arrays.equals(offset, p.offset)
                && Arrays.equals(scale, p.scale);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * kind.hashCode() + Arrays.hashCode(offset)) + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "Preprocessing[" + kind + ", " + offset.length + " features]";
    }
}
