package dev.nnj.cli;

import dev.nnj.core.kernel.Kernels;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --kernels} and {@code --threads}: which compute backend runs the arithmetic. */
public final class KernelOptions {

    /** The backends a user can ask for. */
    enum Choice { auto, simd, scalar }

    /**
     * The chosen backend, closed with the command unless it is the JVM-wide instance of
     * {@link Kernels#auto()}, which belongs to the library and must stay open.
     */
    record Handle(Kernels kernels, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                kernels.close();
            }
        }
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--kernels", paramLabel = "auto|simd|scalar", defaultValue = "auto",
            description = "Compute backend: simd (Vector API), scalar (plain Java) or auto (simd when the JVM"
                    + " has jdk.incubator.vector). Default: ${DEFAULT-VALUE}.")
    Choice kernels = Choice.auto;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for the SIMD kernels (default: one per processor; not with --kernels scalar). Results"
                    + " do not depend on it.")
    Integer threads;

    Handle create() {
        if (threads != null && threads < 1) {
            throw new ParameterException(mixee.commandLine(), "--threads must be >= 1, got " + threads);
        }
        if (threads != null && kernels == Choice.scalar) {
            throw new ParameterException(mixee.commandLine(), "--threads " + threads + " applies to the SIMD kernels;"
                    + " --kernels scalar always runs on one thread");
        }
        switch (kernels) {
            case scalar:
                return new Handle(Kernels.scalar(), true);
            case simd:
                return new Handle(threads == null ? Kernels.simd() : Kernels.simd(threads), true);
            default:
                Kernels shared = Kernels.auto();
                if (threads == null || !"simd".equals(shared.name())) {
                    return new Handle(shared, false);
                }
                return new Handle(Kernels.simd(threads), true);
        }
    }
}
