package dev.nnj.io;

import dev.nnj.core.train.Dataset;
import java.util.List;

/**
 * The rows {@code rows} of some {@link LabeledData}, preprocessed as they are drawn: {@link #fill} turns
 * raw bytes or floats into the network's float inputs and one-hot targets for one minibatch at a time,
 * into the caller's buffers, allocating nothing. Training and validation sets are two views of the same
 * data with different rows and the same preprocessing (whose statistics come from the training rows).
 */
public final class LabeledDataset implements Dataset {

    private final LabeledData data;
    private final int[] rows;
    private final Preprocessing preprocessing;

    public LabeledDataset(LabeledData data, int[] rows, Preprocessing preprocessing) {
        if (preprocessing.featureCount() != data.featureCount()) {
            throw new IllegalArgumentException("preprocessing is for " + preprocessing.featureCount()
                    + " features but the data has " + data.featureCount());
        }
        for (int r : rows) {
            if (r < 0 || r >= data.size()) {
                throw new IllegalArgumentException("row " + r + " is outside the data's " + data.size() + " samples");
            }
        }
        this.data = data;
        this.rows = rows.clone();
        this.preprocessing = preprocessing;
    }

    /** Every row of {@code data}. */
    public static LabeledDataset of(LabeledData data, Preprocessing preprocessing) {
        return new LabeledDataset(data, Split.all(data.size()).train(), preprocessing);
    }

    @Override
    public int size() {
        return rows.length;
    }

    @Override
    public int featureCount() {
        return data.featureCount();
    }

    /** One output per class: the targets are one-hot. */
    @Override
    public int targetCount() {
        return data.classCount();
    }

    @Override
    public boolean isClassification() {
        return true;
    }

    public List<String> classNames() {
        return data.classNames();
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** The class index of sample {@code i} of this view. */
    public int label(int i) {
        return data.label(rows[i]);
    }

    /**
     * Copies the {@code count} samples {@code order[from..from+count)} (indices into this view) into
     * {@code x} ({@code count × featureCount}, preprocessed) and {@code y} ({@code count × targetCount},
     * one-hot), both row-major from index 0.
     */
    @Override
    public void fill(int[] order, int from, int count, float[] x, float[] y) {
        int f = data.featureCount();
        int t = data.classCount();
        if (from < 0 || count < 0 || from + count > order.length || (long) count * f > x.length || (long) count * t > y.length) {
            throw new IllegalArgumentException("cannot fill " + count + " samples from position " + from + " of "
                    + order.length + " into x[" + x.length + "] and y[" + y.length + "] with " + f + " features and "
                    + t + " targets");
        }
        float[] offset = preprocessing.offset();
        float[] scale = preprocessing.scale();
        byte[] bytes = data.unsignedBytes();
        float[] floats = data.floats();
        int[] labels = data.labels();
        for (int r = 0; r < count; r++) {
            int sample = rows[order[from + r]];
            int src = sample * f;
            int dst = r * f;
            // Two loops rather than a per-value branch on the storage type: this is the data-loading hot path.
            if (bytes != null) {
                for (int j = 0; j < f; j++) {
                    x[dst + j] = ((bytes[src + j] & 0xFF) - offset[j]) * scale[j];
                }
            } else {
                for (int j = 0; j < f; j++) {
                    x[dst + j] = (floats[src + j] - offset[j]) * scale[j];
                }
            }
            for (int k = 0, at = r * t; k < t; k++) {
                y[at + k] = 0f;
            }
            y[r * t + labels[sample]] = 1f;
        }
    }
}
