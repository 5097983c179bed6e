package dev.nnj.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureColumnsTest {

    private static final List<String> TRAINED = List.of("sepal_length", "sepal_width", "petal_length");

    @Test
    void theSameColumnsOrUnknownOnesPass() {
        FeatureColumns.requireSame(TRAINED, List.of("sepal_length", "sepal_width", "petal_length"), "new.csv");
        FeatureColumns.requireSame(List.of(), List.of("a", "b", "c"), "new.csv");
        FeatureColumns.requireSame(TRAINED, List.of(), "images.idx");
    }

    @Test
    void theFirstDifferenceIsNamedAndAReorderingSaidToBeOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureColumns.requireSame(
                TRAINED, List.of("sepal_length", "petal_length", "sepal_width"), "new.csv"));
        assertEquals("new.csv: feature column 2 is 'petal_length', where 'sepal_width' was trained on; the columns are"
                + " the trained ones in another order: put them in the order [sepal_length, sepal_width, petal_length]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FeatureColumns.requireSame(
                TRAINED, List.of("sepal_length", "sepal_width", "petal_width"), "new.csv"));
        assertEquals("new.csv: feature column 3 is 'petal_width', where 'petal_length' was trained on; expected the"
                + " columns [sepal_length, sepal_width, petal_length]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FeatureColumns.requireSame(
                TRAINED, List.of("sepal_length", "sepal_width"), "new.csv"));
        assertEquals("new.csv has 2 feature columns, but 3 were trained on: [sepal_length, sepal_width, petal_length]",
                e.getMessage());
    }
}
