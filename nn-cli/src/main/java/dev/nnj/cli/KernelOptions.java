package dev.nnj.cli;

import dev.nnj.core.kernel.Kernels;
import picocli.CommandLine.Option;

/** {@code --kernels} and {@code --threads}: which compute backend runs the arithmetic. */
public final class KernelOptions {

    /** The backends a user can ask for. */
    enum Choice { auto, simd, scalar }

    @Option(names = "--kernels", paramLabel = "auto|simd|scalar", defaultValue = "auto",
            description = "Compute backend: simd (Vector API), scalar (plain Java) or auto (simd when the JVM"
                    + " has jdk.incubator.vector). Default: ${DEFAULT-VALUE}.")
    Choice kernels = Choice.auto;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for the SIMD kernels (default: one per processor). Results do not depend on it.")
    Integer threads;

    /** The chosen backend; the caller closes it. */
    Kernels create() {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        switch (kernels) {
            case scalar:
                return Kernels.scalar();
            case simd:
                return threads == null ? Kernels.simd() : Kernels.simd(threads);
            default:
                Kernels best = Kernels.auto();
                if (threads == null || !"simd".equals(best.name())) {
                    return best;
                }
                best.close();
                return Kernels.simd(threads);
        }
    }
}
