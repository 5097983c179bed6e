package dev.nnj.cli;

import dev.nnj.io.IdxFile;
import dev.nnj.io.LabeledData;

/** The raw feature rows {@code nnj predict} reads, with their labels when the data has them. */
interface PredictionInput {

    int size();

    int featureCount();

    boolean hasLabels();

    /** The class name of row {@code i}, or null without labels. */
    String label(int i);

    /** Copies {@code rows} rows from row {@code from} into {@code dst}, row-major. */
    void copyRows(int from, int rows, float[] dst);

    static PredictionInput of(LabeledData data) {
        return new PredictionInput() {
            @Override
            public int size() {
                return data.size();
            }

            @Override
            public int featureCount() {
                return data.featureCount();
            }

            @Override
            public boolean hasLabels() {
                return true;
            }

            @Override
            public String label(int i) {
                return data.classNames().get(data.label(i));
            }

            @Override
            public void copyRows(int from, int rows, float[] dst) {
                int f = data.featureCount();
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < f; j++) {
                        dst[r * f + j] = data.feature(from + r, j);
                    }
                }
            }
        };
    }

    /** Features only, row-major, {@code featureCount} per row: a CSV file without a label column. */
    static PredictionInput ofFeatures(float[] values, int featureCount) {
        return unlabeled(values.length / featureCount, featureCount,
                (from, rows, dst) -> System.arraycopy(values, from * featureCount, dst, 0, rows * featureCount));
    }

    /** Images only (an IDX file without its labels): every item flattened into one row. */
    static PredictionInput of(IdxFile images) {
        if (images.dims().length < 2) {
            throw new IllegalArgumentException("an IDX input for predict needs at least 2 dimensions (count, values…), got "
                    + images.dims().length + "; is this a labels file?");
        }
        int f = images.itemSize();
        return unlabeled(images.count(), f, (from, rows, dst) -> {
            int at = from * f;
            for (int k = 0; k < rows * f; k++) {
                dst[k] = images.isUnsignedByte() ? images.unsignedBytes()[at + k] & 0xFF : images.floats()[at + k];
            }
        });
    }

    /** How an unlabelled input fills rows: {@link #copyRows}. */
    @FunctionalInterface
    interface RowCopy {
        void copy(int from, int rows, float[] dst);
    }

    private static PredictionInput unlabeled(int size, int featureCount, RowCopy rows) {
        return new PredictionInput() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public int featureCount() {
                return featureCount;
            }

            @Override
            public boolean hasLabels() {
                return false;
            }

            @Override
            public String label(int i) {
                return null;
            }

            @Override
            public void copyRows(int from, int count, float[] dst) {
                rows.copy(from, count, dst);
            }
        };
    }
}
