package dev.nnj.io;

import java.util.HashSet;
import java.util.List;

/** Checks that two sets of data have the same named feature columns, in the same order. */
public final class FeatureColumns {

    private FeatureColumns() {
    }

    /**
     * Checks {@code columns} against {@code expected} when both are known: a column out of place would be fed
     * to another input and give wrong outputs without any error.
     *
     * @param expected the feature columns trained on, in order (empty when unknown: nothing to check)
     * @param columns  the data's feature columns, in order (empty when they have no names: nothing to check)
     * @param source   the data, as the message should name it
     * @throws IllegalArgumentException naming the first column that differs, and saying whether the columns
     *                                  are the expected ones in another order
     */
    public static void requireSame(List<String> expected, List<String> columns, String source) {
        if (expected.isEmpty() || columns.isEmpty() || expected.equals(columns)) {
            return;
        }
        if (columns.size() != expected.size()) {
            throw new IllegalArgumentException(source + " has " + columns.size() + " feature columns, but "
                    + expected.size() + " were trained on: " + expected);
        }
        int i = 0;
        while (expected.get(i).equals(columns.get(i))) {
            i++;
        }
        boolean reordered = new HashSet<>(expected).equals(new HashSet<>(columns));
        throw new IllegalArgumentException(source + ": feature column " + (i + 1) + " is '" + columns.get(i)
                + "', where '" + expected.get(i) + "' was trained on"
                + (reordered ? "; the columns are the trained ones in another order: put them in the order "
                        : "; expected the columns ") + expected);
    }
}
