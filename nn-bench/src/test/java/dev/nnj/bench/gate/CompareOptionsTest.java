package dev.nnj.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CompareOptionsTest {

    @Test
    void parsesPercentagesAndFractions() {
        assertEquals(0.10, CompareOptions.parseThreshold("10%"), 1e-12);
        assertEquals(0.10, CompareOptions.parseThreshold("10"), 1e-12);
        assertEquals(0.10, CompareOptions.parseThreshold("0.1"), 1e-12);
        assertEquals(0.025, CompareOptions.parseThreshold("2.5%"), 1e-12);
        assertEquals(0.0, CompareOptions.parseThreshold("0"), 1e-12);
    }

    @Test
    void rejectsNonsenseWithTheText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CompareOptions.parseThreshold("ten"));
        assertTrue(e.getMessage().contains("'ten'"));
        assertThrows(IllegalArgumentException.class, () -> CompareOptions.parseThreshold("-5%"));
        assertThrows(IllegalArgumentException.class, () -> CompareOptions.defaults().withThreshold(Double.NaN));
    }
}
