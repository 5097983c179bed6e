package dev.nnj.bench;

import dev.nnj.core.kernel.Kernels;

/**
 * Turns the {@code kernels} benchmark parameter into a backend.
 *
 * <p>One parameter rather than a backend × threads cross product, because JMH cannot skip combinations
 * and the scalar backend is single-threaded: "scalar with all threads" would time the same code twice.
 * Values: {@code scalar}; {@code simd}, the Vector API backend with one thread per available processor
 * (what {@link Kernels#simd()} and a default training run use); {@code simd-N}, with N threads.
 */
final class KernelChoice {

    private KernelChoice() {
    }

    /** The backend named by {@code choice}; the caller closes it. */
    static Kernels open(String choice) {
        if (choice.equals("scalar")) {
            return Kernels.scalar();
        }
        if (choice.equals("simd")) {
            return Kernels.simd();
        }
        if (choice.startsWith("simd-")) {
            try {
                return Kernels.simd(Integer.parseInt(choice.substring("simd-".length())));
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("kernels must be scalar, simd or simd-<threads>, got '" + choice + "'");
    }

    /** Whether the result of {@code choice} must be checked against the scalar reference before timing. */
    static boolean needsCheck(String choice) {
        return !choice.equals("scalar");
    }
}
