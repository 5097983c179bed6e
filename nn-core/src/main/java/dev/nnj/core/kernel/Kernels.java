package dev.nnj.core.kernel;

/**
 * The compute backend: every floating-point loop on the training and inference path goes through here.
 *
 * <p>Methods are flat and stateless: {@code float[]} arrays, row-major matrices, destination first where
 * there is one, sizes in elements. Implementations check nothing beyond {@code assert}s; callers
 * ({@code Network}, {@code Matrix}, layers) validate shapes once at their public boundary. No method
 * allocates on a steady-state call.
 *
 * <p>Two implementations exist: {@link ScalarKernels}, the plain-Java reference every other backend is
 * tested against, and {@code dev.nnj.simd.SimdKernels} (module nn-simd), which uses the Vector API.
 * Obtain one with {@link #scalar()}, {@link #simd()} or {@link #auto()}.
 *
 * <p>Determinism: for a given implementation the result of every method is a pure function of its
 * arguments, independent of the thread count, because no reduction is ever split across threads.
 */
public interface Kernels extends AutoCloseable {

    /** Short name of the backend, for logs and benchmark reports: {@code "scalar"} or {@code "simd"}. */
    String name();

    /** Number of threads this instance may use (1 for the scalar backend). */
    int threads();

    // ---------------------------------------------------------------- matrix multiply

    /**
     * C ← α·op(A)·op(B) + β·C, BLAS {@code sgemm} on row-major storage.
     * op(A) is m×k ({@code transA}: A is stored k×m), op(B) is k×n ({@code transB}: B is stored n×k),
     * C is m×n. Element (i, j) of a row-major matrix X with leading dimension ldx is
     * {@code x[xOff + i*ldx + j]}. When β = 0, C is not read (NaN in C does not propagate).
     *
     * @throws IllegalArgumentException before computing anything, as BLAS does, if a size is negative, a
     *                                  leading dimension is less than its matrix's stored width, or a matrix
     *                                  does not lie within its array ({@link SgemmArguments})
     */
    void sgemm(boolean transA, boolean transB, int m, int n, int k,
               float alpha, float[] a, int aOff, int lda,
               float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc);

    // ---------------------------------------------------------------- element-wise

    /** dst[i] = a[i]·b[i] for i &lt; n (Hadamard product); dst may alias a or b. */
    void hadamard(float[] dst, float[] a, float[] b, int n);

    /** x[i] = x[i]·s for i &lt; n. */
    void scaleInPlace(float[] x, float s, int n);

    /** dst[i] = (a[i] − b[i])·s for i &lt; n; dst may alias a or b. */
    void subtractScaled(float[] dst, float[] a, float[] b, float s, int n);

    /** Σ x[i]² for i &lt; n, accumulated in double precision. */
    double sumOfSquares(float[] x, int n);

    // ---------------------------------------------------------------- row and column operations

    /** dst[j] += Σ_i x[i, j] for the rows×cols matrix x: the bias gradient, accumulated. */
    void addColumnSums(float[] dst, float[] x, int rows, int cols);

    // ---------------------------------------------------------------- bias + activation, forward (fused)
    // Each takes the pre-activation A (rows×cols) without bias, adds the bias row b to every row of A in
    // place, and writes H = g(A + b). A and H may not alias: backward needs both.

    /** A += b; H = A. */
    void biasIdentity(float[] a, float[] bias, float[] h, int rows, int cols);

    /** A += b; H = σ(A) = 1/(1+e^−A), stable for large |A|. */
    void biasSigmoid(float[] a, float[] bias, float[] h, int rows, int cols);

    /** A += b; H = tanh(A). */
    void biasTanh(float[] a, float[] bias, float[] h, int rows, int cols);

    /** A += b; H = max(A, 0). */
    void biasRelu(float[] a, float[] bias, float[] h, int rows, int cols);

    /** A += b; H = A if A &gt; 0 else slope·A. */
    void biasLeakyRelu(float[] a, float[] bias, float[] h, int rows, int cols, float slope);

    /** A += b; H = softmax of each row of A, computed as e^(A−max)/Σe^(A−max). */
    void biasSoftmax(float[] a, float[] bias, float[] h, int rows, int cols);

    // ---------------------------------------------------------------- activation backward (fused with ⊙)
    // Each computes dA = dH ⊙ g'(A) for n = rows·cols elements, from the values forward left in A and H.
    // dA may alias dH.

    /** dA = dH ⊙ H(1 − H), since σ' = σ(1 − σ). */
    void sigmoidBackward(float[] dA, float[] dH, float[] h, int n);

    /** dA = dH ⊙ (1 − H²), since tanh' = 1 − tanh². */
    void tanhBackward(float[] dA, float[] dH, float[] h, int n);

    /** dA = dH where A &gt; 0, else 0. */
    void reluBackward(float[] dA, float[] dH, float[] a, int n);

    /** dA = dH where A &gt; 0, else slope·dH. */
    void leakyReluBackward(float[] dA, float[] dH, float[] a, int n, float slope);

    /**
     * Softmax Jacobian-vector product per row: dA_i = H_i ⊙ (dH_i − ⟨dH_i, H_i⟩), for a rows×cols
     * matrix. dA may alias dH.
     */
    void softmaxBackward(float[] dA, float[] dH, float[] h, int rows, int cols);

    // ---------------------------------------------------------------- optimizer updates (one fused pass)
    // The equations are those of torch.optim; see the optimizer classes in dev.nnj.core.optim.
    // Decaying state (momentum buffers, Adam's moments, RMSProp's square average) is stored as +0 once its
    // magnitude falls below Float.MIN_NORMAL = 2^-126 ≈ 1.2e-38, the smallest normal float; NaN is kept.
    // Why: with zero gradients (a dead ReLU unit) such state decays geometrically into the subnormal range
    // and stays there (0.9 times the smallest subnormal rounds back to it), and some CPUs microcode
    // arithmetic on subnormals: an Adam pass over 200704 parameters measured 3× slower with subnormal m
    // (112 µs against 36 µs on AMD Zen 5). Java cannot set the FTZ/DAZ flags, so the kernels flush by hand.
    // A flushed value moves by less than 2^-126, which is why the bounds on θ below are so small.

    /**
     * SGD, as torch.optim.SGD with dampening 0: g ← g + λθ; if μ ≠ 0 { buf ← firstStep ? g : μ·buf + g;
     * g ← nesterov ? g + μ·buf : buf }; θ ← θ − η·g. {@code velocity} is not read (and may be null)
     * when μ = 0.
     * The gradient array is not modified.
     * State below the smallest normal float is flushed to zero, as torch.set_flush_denormal(True) does:
     * buf ← 0 when |buf| &lt; 2⁻¹²⁶, before it is stored and used; the effect on θ is below 1e-30·η.
     */
    void sgdUpdate(float[] param, float[] grad, float[] velocity, int n,
                   float lr, float momentum, float weightDecay, boolean nesterov, boolean firstStep);

    /**
     * Adam / AdamW, as torch.optim.Adam and AdamW: decoupled ? θ ← θ(1 − ηλ) : g ← g + λθ;
     * m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; θ ← θ − (η/(1−β₁ᵗ))·m / (√v/√(1−β₂ᵗ) + ε).
     * {@code step} is t, counted from 1. The last step is evaluated in the equivalent form
     * θ ← θ − (η·√(1−β₂ᵗ)/(1−β₁ᵗ))·m / (√v + ε·√(1−β₂ᵗ)), with both factors computed once per call:
     * one division per element instead of two, which changes the rounding by about an ulp.
     * State below the smallest normal float is flushed to zero, as torch.set_flush_denormal(True) does:
     * m ← 0 when |m| &lt; 2⁻¹²⁶ and v ← 0 when v &lt; 2⁻¹²⁶, before they are stored and used. Flushing m
     * moves θ by less than η·2⁻¹²⁶/((1−β₁ᵗ)·ε) (1.2e-30·η/(1−β₁ᵗ) at ε = 1e-8); a v below 2⁻¹²⁶ means
     * |g| &lt; 2⁻⁶³/√(1−β₂) (3.4e-18 at β₂ = 0.999), so it is flushed only where gradients are negligible.
     */
    void adamUpdate(float[] param, float[] grad, float[] m, float[] v, int n,
                    float lr, float beta1, float beta2, float eps, float weightDecay,
                    boolean decoupled, long step);

    /**
     * RMSProp, as torch.optim.RMSprop (not centred): g ← g + λθ; s ← αs + (1−α)g²;
     * if μ ≠ 0 { buf ← μ·buf + g/(√s + ε); θ ← θ − η·buf } else θ ← θ − η·g/(√s + ε).
     * {@code velocity} is not read (and may be null) when μ = 0.
     * State below the smallest normal float is flushed to zero, as torch.set_flush_denormal(True) does:
     * s ← 0 and buf ← 0 when below 2⁻¹²⁶ in magnitude, before they are stored and used. Flushing buf
     * moves θ by less than 1e-30·η; an s below 2⁻¹²⁶ means |g| &lt; 2⁻⁶³/√(1−α), and with g = 0 flushing it
     * changes nothing.
     */
    void rmspropUpdate(float[] param, float[] grad, float[] square, float[] velocity, int n,
                       float lr, float alpha, float eps, float weightDecay, float momentum);

    /**
     * AdaGrad, as torch.optim.Adagrad with lr_decay 0: g ← g + λθ; s ← s + g²; θ ← θ − η·g/(√s + ε).
     * The sum s never decays, so unlike the other updates' state it is never flushed.
     */
    void adagradUpdate(float[] param, float[] grad, float[] sum, int n,
                       float lr, float eps, float weightDecay);

    /**
     * Releases worker threads, if any; later calls still work, on the calling thread alone. Closing the
     * shared instance of {@link #auto()} does nothing.
     */
    @Override
    default void close() {
    }

    // ---------------------------------------------------------------- selection

    /** The plain-Java reference backend. */
    static Kernels scalar() {
        return new ScalarKernels();
    }

    /**
     * The Vector API backend with one thread per available processor.
     *
     * @throws IllegalStateException if nn-simd is not on the class path or the JVM was started without
     *     {@code --add-modules jdk.incubator.vector}
     */
    static Kernels simd() {
        return KernelsProvider.simd(Runtime.getRuntime().availableProcessors());
    }

    /** The Vector API backend with the given thread count; see {@link #simd()}. */
    static Kernels simd(int threads) {
        return KernelsProvider.simd(threads);
    }

    /**
     * The best backend this JVM supports, decided once: SIMD when nn-simd and the incubator module are
     * present and the preferred vector species is at least 128 bits wide, otherwise scalar (with one WARN
     * naming the flag to add). The system property {@code nnj.kernels=simd|scalar|auto} overrides it.
     * The instance is shared by the whole JVM (so its worker threads are started once); its
     * {@link #close()} does nothing.
     *
     * @throws IllegalArgumentException on every call if {@code nnj.kernels} has another value
     * @throws IllegalStateException    on every call if {@code nnj.kernels=simd} but SIMD kernels are not available
     */
    static Kernels auto() {
        return KernelsProvider.auto();
    }
}
