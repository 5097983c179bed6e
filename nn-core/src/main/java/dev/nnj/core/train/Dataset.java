package dev.nnj.core.train;

/**
 * Samples for training or evaluation, drawn a minibatch at a time. Implementations may store data
 * compactly (e.g. unsigned bytes) and convert each minibatch as it is drawn; {@link #fill} must not
 * allocate.
 */
public interface Dataset {

    /** Number of samples. */
    int size();

    /** Features per sample (the network's input size). */
    int featureCount();

    /** Target values per sample (the network's output size): one-hot rows for classification. */
    int targetCount();

    /**
     * True when targets stand for classes, so accuracy is meaningful: one-hot (or probability) rows, or a
     * single 0/1 column for a sigmoid output (see {@link dev.nnj.core.Matrix#classOf}).
     */
    boolean isClassification();

    /**
     * Copies the samples {@code order[from] … order[from + count − 1]} into {@code x} (count×featureCount,
     * row-major) and their targets into {@code y} (count×targetCount).
     */
    void fill(int[] order, int from, int count, float[] x, float[] y);
}
