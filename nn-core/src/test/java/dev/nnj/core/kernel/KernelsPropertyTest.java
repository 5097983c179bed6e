package dev.nnj.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bad {@code nnj.kernels} value, in a JVM of its own since the property is read once per JVM: every
 * call of {@code Kernels.auto()} fails with the reason, not an ExceptionInInitializerError followed by
 * NoClassDefFoundErrors.
 */
class KernelsPropertyTest {

    /** Calls {@code Kernels.auto()} twice and prints what each call threw. */
    public static final class TwoCalls {
        public static void main(String[] args) {
            for (int i = 0; i < 2; i++) {
                try {
                    System.out.println(Kernels.auto().name());
                } catch (Throwable t) {
                    System.out.println(t.getClass().getName() + ": " + t.getMessage());
                }
            }
        }
    }

    private static List<String> twoCalls(String property) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Dnnj.kernels=" + property,
                "-cp", System.getProperty("java.class.path"), TwoCalls.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        return out.lines().toList();
    }

    @Test
    void anUnknownValueFailsEveryCallWithTheReason() throws Exception {
        String reason = "java.lang.IllegalArgumentException: system property nnj.kernels must be simd, scalar or auto,"
                + " got 'fast'";
        assertEquals(List.of(reason, reason), twoCalls("fast"));
    }
}
