package dev.nnj.io;

import java.util.List;

/**
 * Samples for classification as read from a file, before any preprocessing: {@code size} rows of
 * {@code featureCount} raw values each, and one class index per row.
 *
 * <p>Features are kept in the file's own compact form: unsigned bytes (images; read with {@code & 0xFF})
 * or floats (CSV). Scaling and standardisation are applied later, a minibatch at a time, by
 * {@link LabeledDataset}, so the raw data is stored once whatever preprocessing is chosen.
 */
public final class LabeledData {

    private final int size;
    private final int featureCount;
    private final byte[] unsignedBytes;
    private final float[] floats;
    private final int[] labels;
    private final List<String> classNames;
    private final List<String> featureNames;

    private LabeledData(int featureCount, byte[] unsignedBytes, float[] floats, int[] labels,
                        List<String> classNames, List<String> featureNames) {
        int values = unsignedBytes != null ? unsignedBytes.length : floats.length;
        if (featureCount <= 0 || values != (long) labels.length * featureCount) {
            throw new IllegalArgumentException(labels.length + " labels and " + featureCount + " features per sample need "
                    + (long) labels.length * featureCount + " feature values, got " + values);
        }
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("at least one class name is needed");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("label of sample " + i + " is " + labels[i] + ", expected 0.."
                        + (classNames.size() - 1) + " for classes " + classNames);
            }
        }
        if (!featureNames.isEmpty() && featureNames.size() != featureCount) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + featureCount + " features");
        }
        this.size = labels.length;
        this.featureCount = featureCount;
        this.unsignedBytes = unsignedBytes;
        this.floats = floats;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        this.featureNames = List.copyOf(featureNames);
    }

    /** Unsigned-byte features (row-major, {@code labels.length × featureCount}); the arrays are not copied. */
    public static LabeledData ofUnsignedBytes(byte[] features, int featureCount, int[] labels, List<String> classNames) {
        return new LabeledData(featureCount, features, null, labels, classNames, List.of());
    }

    /** Float features (row-major); the arrays are not copied. Every value must be finite. */
    public static LabeledData ofFloats(float[] features, int featureCount, int[] labels, List<String> classNames,
                                       List<String> featureNames) {
        for (int i = 0; i < features.length; i++) {
            if (!Float.isFinite(features[i])) {
                throw new IllegalArgumentException("feature " + i % featureCount + " of sample " + i / featureCount
                        + " is " + features[i] + "; features must be finite");
            }
        }
        return new LabeledData(featureCount, null, features, labels, classNames, featureNames);
    }

    public int size() {
        return size;
    }

    public int featureCount() {
        return featureCount;
    }

    public int classCount() {
        return classNames.size();
    }

    /** Class names by index; the index is what the network predicts. */
    public List<String> classNames() {
        return classNames;
    }

    /** Column names from a CSV header, or empty. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The class index of sample {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** The raw (unpreprocessed) value of feature {@code j} of sample {@code i}. */
    public float feature(int i, int j) {
        int at = i * featureCount + j;
        return unsignedBytes != null ? unsignedBytes[at] & 0xFF : floats[at];
    }

    /** Bytes used by the feature values: one per value for images, four for floats. */
    public long featureBytes() {
        return unsignedBytes != null ? unsignedBytes.length : 4L * floats.length;
    }

    byte[] unsignedBytes() {
        return unsignedBytes;
    }

    float[] floats() {
        return floats;
    }

    int[] labels() {
        return labels;
    }
}
