package dev.nnj.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.kernel.ScalarKernels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs only in the Surefire execution without {@code --add-modules jdk.incubator.vector} (see the pom):
 * nn-simd is on the class path but the JVM cannot use it, so the library must fall back to the scalar
 * kernels and say once, at WARN, which flag to add. This class must not touch {@link SimdKernels}.
 */
class ScalarFallbackTest {

    private static final String FLAG = "--add-modules jdk.incubator.vector";

    @Test
    void theVectorModuleIsAbsentInThisJvm() {
        assertFalse(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "this test belongs to the Surefire execution without " + FLAG);
    }

    @Test
    void autoFallsBackToScalarWithOneWarningNamingTheFlag() {
        assertInstanceOf(ScalarKernels.class, Kernels.auto());
        assertInstanceOf(ScalarKernels.class, Kernels.auto());
        List<String> warnings = LogEvents.messages(Level.WARN, FLAG);
        assertEquals(1, warnings.size(), "expected exactly one WARN naming " + FLAG + ", got " + warnings);
        assertTrue(LogEvents.messages(Level.INFO, "Using SIMD").isEmpty());
    }

    @Test
    void explicitSimdFailsWithTheRemedy() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Kernels.simd(2));
        assertTrue(e.getMessage().contains(FLAG), e.getMessage());
    }
}
