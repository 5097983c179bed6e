package dev.nnj.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each initialisation draws weights with the variance its formula states (Glorot, He, LeCun). */
class InitTest {

    private static final int FAN_IN = 200;
    private static final int FAN_OUT = 100;

    @ParameterizedTest
    @EnumSource(Init.class)
    void sampleVarianceMatchesTheFormula(Init init) {
        double expected = switch (init) {
            case GLOROT_UNIFORM, GLOROT_NORMAL -> 2.0 / (FAN_IN + FAN_OUT);
            case HE_UNIFORM, HE_NORMAL -> 2.0 / FAN_IN;
            default -> 1.0 / FAN_IN;
        };
        float[] w = new float[FAN_IN * FAN_OUT];
        init.fill(w, FAN_IN, FAN_OUT, new Rng(5));
        double sum = 0;
        double squares = 0;
        double largest = 0;
        for (float v : w) {
            sum += v;
            squares += (double) v * v;
            largest = Math.max(largest, Math.abs(v));
        }
        int n = w.length;
        // 20 000 draws: the sample variance is within a few percent of the true one
        assertEquals(0, sum / n, 0.05 * Math.sqrt(expected));
        assertEquals(expected, squares / n, 0.05 * expected);
        if (init.isUniform()) {
            assertTrue(largest <= Math.sqrt(3 * expected), "uniform draws stay within ±√(3·Var)");
        }
    }

    @Test
    void parsesNames() {
        assertSame(Init.HE_UNIFORM, Init.parse("he-uniform"));
        assertSame(Init.GLOROT_NORMAL, Init.parse(" Glorot_Normal "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Init.parse("xavier"));
        assertTrue(e.getMessage().contains("'xavier'") && e.getMessage().contains("lecun_normal"), e.getMessage());
    }
}
