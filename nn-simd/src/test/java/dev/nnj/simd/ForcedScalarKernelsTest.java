package dev.nnj.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ch.qos.logback.classic.Level;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.kernel.ScalarKernels;
import org.junit.jupiter.api.Test;

/**
 * Runs only in the Surefire execution started with {@code -Dnnj.kernels=scalar} and the vector module
 * present (see the pom): the property overrides the automatic choice, but not an explicit request.
 */
class ForcedScalarKernelsTest {

    @Test
    void propertyForcesScalarAndSaysWhy() {
        assertEquals("scalar", System.getProperty("nnj.kernels"), "run this in the forced-scalar execution");
        assertInstanceOf(ScalarKernels.class, Kernels.auto());
        assertEquals(1, LogEvents.messages(Level.INFO, "nnj.kernels=scalar").size());
        assertFalse(LogEvents.all().stream().anyMatch(e -> e.getLevel() == Level.WARN));
    }

    @Test
    void explicitSimdStillWorks() {
        try (Kernels simd = Kernels.simd(2)) {
            assertInstanceOf(SimdKernels.class, simd);
            assertEquals(2, simd.threads());
        }
    }
}
