package dev.nnj.core.kernel;

import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, once per JVM, which {@link Kernels} backend {@link Kernels#auto()} returns.
 *
 * <p>The SIMD backend is loaded by class name, so that nn-core compiles and runs without nn-simd and
 * without the {@code jdk.incubator.vector} module: only nn-simd ever references the incubator API.
 */
final class KernelsProvider {

    /** System property that forces a backend: {@code simd}, {@code scalar} or {@code auto}. */
    static final String PROPERTY = "nnj.kernels";

    static final String SIMD_CLASS = "dev.nnj.simd.SimdKernels";
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    static final String VECTOR_FLAG = "--add-modules " + VECTOR_MODULE;

    private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);

    private KernelsProvider() {
    }

    /**
     * Lazily holds the decision and the shared instance, so the log lines appear once and only when a
     * backend is first asked for. A decision that fails (a bad or unsatisfiable {@code nnj.kernels}) is
     * kept too: thrown from the initialiser it would surface once as an ExceptionInInitializerError and
     * then as a NoClassDefFoundError without the reason.
     */
    private static final class Choice {
        static final Kernels SHARED;
        static final RuntimeException FAILURE;

        static {
            Kernels shared = null;
            RuntimeException failure = null;
            try {
                shared = decide() ? simd(Runtime.getRuntime().availableProcessors(), true) : new ScalarKernels();
            } catch (RuntimeException e) {
                failure = e;
            }
            SHARED = shared;
            FAILURE = failure;
        }
    }

    /** The shared backend; every call after a failed decision throws its reason again. */
    static Kernels auto() {
        RuntimeException failure = Choice.FAILURE;
        if (failure == null) {
            return Choice.SHARED;
        }
        if (failure instanceof IllegalArgumentException) {
            throw new IllegalArgumentException(failure.getMessage(), failure);
        }
        throw new IllegalStateException(failure.getMessage(), failure);
    }

    static Kernels simd(int threads) {
        return simd(threads, false);
    }

    /** A new SIMD backend; a {@code shared} one ignores {@code close()} (see {@link Kernels#auto()}). */
    private static Kernels simd(int threads, boolean shared) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + threads);
        }
        String problem = simdProblem();
        if (problem != null) {
            throw new IllegalStateException("SIMD kernels are not available: " + problem);
        }
        try {
            Class<?> simd = Class.forName(SIMD_CLASS);
            return (Kernels) (shared ? simd.getMethod("shared", int.class).invoke(null, threads)
                    : simd.getConstructor(int.class).newInstance(threads));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("SIMD kernels failed to start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("SIMD kernels failed to load: " + e, e);
        }
    }

    private static boolean decide() {
        String forced = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        switch (forced) {
            case "scalar":
                LOG.info("Using scalar kernels ({}=scalar)", PROPERTY);
                return false;
            case "simd":
                String problem = simdProblem();
                if (problem != null) {
                    throw new IllegalStateException(PROPERTY + "=simd, but SIMD kernels are not available: " + problem);
                }
                LOG.info("Using SIMD kernels ({}=simd, {})", PROPERTY, simdDescription());
                return true;
            case "auto":
                break;
            default:
                throw new IllegalArgumentException(
                        "system property " + PROPERTY + " must be simd, scalar or auto, got '" + forced + "'");
        }
        String problem = simdProblem();
        if (problem == null) {
            LOG.info("Using SIMD kernels ({})", simdDescription());
            return true;
        }
        LOG.warn("Using scalar kernels, which are much slower: {}", problem);
        return false;
    }

    /** Why the SIMD backend cannot be used, with the remedy; null when it can. */
    static String simdProblem() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return "the JVM was started without the module " + VECTOR_MODULE
                    + "; add '" + VECTOR_FLAG + "' to the java command line (or JAVA_OPTS)";
        }
        Class<?> simd;
        try {
            simd = Class.forName(SIMD_CLASS);
        } catch (ClassNotFoundException | LinkageError e) {
            return "nn-simd is not on the class path; add the dependency dev.nnj:nn-simd";
        }
        try {
            int bits = (int) simd.getMethod("preferredVectorBits").invoke(null);
            if (bits < 128) {
                return "the preferred vector size of this CPU is " + bits + " bits, below the 128 bits SIMD kernels need";
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            return "nn-simd failed to initialise: " + e;
        }
        return null;
    }

    private static String simdDescription() {
        try {
            return Class.forName(SIMD_CLASS).getMethod("describe").invoke(null).toString();
        } catch (ReflectiveOperationException e) {
            return "Vector API";
        }
    }
}
