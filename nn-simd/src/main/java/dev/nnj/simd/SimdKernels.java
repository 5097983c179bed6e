package dev.nnj.simd;

import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.kernel.SgemmArguments;
import jdk.incubator.vector.FloatVector;

/**
 * The Vector API backend: {@link Kernels} on {@code jdk.incubator.vector}, one class per op family
 * ({@link Gemm}, {@link ElementwiseOps}, {@link ActivationOps}, {@link SoftmaxOps}, {@link OptimizerOps}).
 *
 * <p>Agreement with {@code ScalarKernels} (ε = 2⁻²⁴; each bound is asserted by the tests):
 * <ul>
 *   <li>bit-identical: hadamard, scaleInPlace, subtractScaled, addColumnSums, the bias add of every
 *       forward kernel, identity/ReLU/leaky-ReLU forward, and all four element-wise backward kernels;</li>
 *   <li>sgemm: within 2(k+2)ε·(|α|·Σ_p|a_ip·b_pj| + |β·c_ij|) per element (reordered sums, FMA);</li>
 *   <li>sigmoid, tanh: within 1e-6 relative (vector e^x and tanh of the platform's math library);</li>
 *   <li>softmax forward and backward: within (2·cols+16)ε relative (row sums reordered);</li>
 *   <li>sumOfSquares: within n·2⁻⁵² relative (double lanes, reordered);</li>
 *   <li>optimizers: within 1e-5 of the array's scale after several steps (FMA, one rounding fewer).</li>
 * </ul>
 * Results are bit-identical for any thread count once the kernels are compiled. (Until C2 compiles a
 * kernel, the Vector API evaluates e^x and tanh lane by lane with {@link Math#exp} and {@link Math#tanh},
 * the compiled kernel with the vector math library, and these can differ in the last bit. So sigmoid, tanh
 * and softmax can differ between a kernel's first calls and later ones, and for a while between a call on
 * one thread and a split one, whose parts reach the kernel through a caller that is compiled separately.
 * Softmax over rows narrower than a vector, the usual output layer, is exempt: it uses
 * {@link PolynomialExp}, whose bits do not depend on the tier.)
 *
 * <p>Which operations use the worker threads, when their arrays are large enough to pay for the hand-off
 * (below that, as for a batch-1 inference or a small batch, they run on the calling thread):
 * <ul>
 *   <li>GEMM ({@link Gemm});</li>
 *   <li>the optimizer updates ({@link ParallelUpdates});</li>
 *   <li>bias + activation forward, softmax forward and backward, the four activation backward kernels,
 *       column sums, hadamard, scaleInPlace and subtractScaled ({@link ParallelElementwise}).</li>
 * </ul>
 * Only sumOfSquares always runs on the calling thread: splitting it would reorder its sum.
 *
 * <p>Loaded by name from {@code KernelsProvider} in nn-core, which needs the public constructor and the
 * static methods below. Instances are thread-safe (GEMM calls and the multi-threaded updates and
 * element-wise calls are serialised per instance, on the {@link Gemm}); {@link #close()} stops the worker
 * threads.
 */
public final class SimdKernels implements Kernels {

    private final int threads;
    /** The JVM-wide instance of {@code Kernels.auto()}, which no single user may close. */
    private final boolean shared;
    private final Gemm gemm;
    private final ParallelUpdates updates;
    private final ParallelElementwise elementwise;

    /** A backend whose large operations use {@code threads} threads, the calling thread included. */
    public SimdKernels(int threads) {
        this(threads, false);
    }

    private SimdKernels(int threads, boolean shared) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.shared = shared;
        WorkerPool pool = new WorkerPool(threads);
        this.gemm = new Gemm(pool);
        ParallelRanges ranges = new ParallelRanges(pool, gemm); // Gemm serialises on itself; so do the ranges
        this.updates = new ParallelUpdates(ranges);
        this.elementwise = new ParallelElementwise(ranges);
    }

    /**
     * The instance that {@code Kernels.auto()} shares across the JVM: {@link #close()} leaves it running,
     * since whoever closes it cannot know who else uses it.
     */
    public static SimdKernels shared(int threads) {
        return new SimdKernels(threads, true);
    }

    /** Width of the preferred float vector on this CPU, in bits; the provider requires at least 128. */
    public static int preferredVectorBits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    /** One line for the log: vector width and lanes. */
    public static String describe() {
        return "Vector API, " + preferredVectorBits() + "-bit float vectors ("
                + FloatVector.SPECIES_PREFERRED.length() + " lanes), GEMM register block "
                + GemmMicroKernel.MR + "×" + GemmMicroKernel.NR + ", up to "
                + Runtime.getRuntime().availableProcessors() + " threads";
    }

    @Override
    public String name() {
        return "simd";
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        SgemmArguments.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        gemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void hadamard(float[] dst, float[] a, float[] b, int n) {
        elementwise.hadamard(dst, a, b, n);
    }

    @Override
    public void scaleInPlace(float[] x, float s, int n) {
        elementwise.scaleInPlace(x, s, n);
    }

    @Override
    public void subtractScaled(float[] dst, float[] a, float[] b, float s, int n) {
        elementwise.subtractScaled(dst, a, b, s, n);
    }

    @Override
    public double sumOfSquares(float[] x, int n) {
        return ElementwiseOps.sumOfSquares(x, n);
    }

    @Override
    public void addColumnSums(float[] dst, float[] x, int rows, int cols) {
        elementwise.addColumnSums(dst, x, rows, cols);
    }

    @Override
    public void biasIdentity(float[] a, float[] bias, float[] h, int rows, int cols) {
        elementwise.biasIdentity(a, bias, h, rows, cols);
    }

    @Override
    public void biasSigmoid(float[] a, float[] bias, float[] h, int rows, int cols) {
        elementwise.biasSigmoid(a, bias, h, rows, cols);
    }

    @Override
    public void biasTanh(float[] a, float[] bias, float[] h, int rows, int cols) {
        elementwise.biasTanh(a, bias, h, rows, cols);
    }

    @Override
    public void biasRelu(float[] a, float[] bias, float[] h, int rows, int cols) {
        elementwise.biasRelu(a, bias, h, rows, cols);
    }

    @Override
    public void biasLeakyRelu(float[] a, float[] bias, float[] h, int rows, int cols, float slope) {
        elementwise.biasLeakyRelu(a, bias, h, rows, cols, slope);
    }

    @Override
    public void biasSoftmax(float[] a, float[] bias, float[] h, int rows, int cols) {
        elementwise.biasSoftmax(a, bias, h, rows, cols);
    }

    @Override
    public void sigmoidBackward(float[] dA, float[] dH, float[] h, int n) {
        elementwise.sigmoidBackward(dA, dH, h, n);
    }

    @Override
    public void tanhBackward(float[] dA, float[] dH, float[] h, int n) {
        elementwise.tanhBackward(dA, dH, h, n);
    }

    @Override
    public void reluBackward(float[] dA, float[] dH, float[] a, int n) {
        elementwise.reluBackward(dA, dH, a, n);
    }

    @Override
    public void leakyReluBackward(float[] dA, float[] dH, float[] a, int n, float slope) {
        elementwise.leakyReluBackward(dA, dH, a, n, slope);
    }

    @Override
    public void softmaxBackward(float[] dA, float[] dH, float[] h, int rows, int cols) {
        elementwise.softmaxBackward(dA, dH, h, rows, cols);
    }

    @Override
    public void sgdUpdate(float[] param, float[] grad, float[] velocity, int n,
                          float lr, float momentum, float weightDecay, boolean nesterov, boolean firstStep) {
        updates.sgd(param, grad, velocity, n, lr, momentum, weightDecay, nesterov, firstStep);
    }

    @Override
    public void adamUpdate(float[] param, float[] grad, float[] m, float[] v, int n,
                           float lr, float beta1, float beta2, float eps, float weightDecay,
                           boolean decoupled, long step) {
        updates.adam(param, grad, m, v, n, lr, beta1, beta2, eps, weightDecay, decoupled, step);
    }

    @Override
    public void rmspropUpdate(float[] param, float[] grad, float[] square, float[] velocity, int n,
                              float lr, float alpha, float eps, float weightDecay, float momentum) {
        updates.rmsprop(param, grad, square, velocity, n, lr, alpha, eps, weightDecay, momentum);
    }

    @Override
    public void adagradUpdate(float[] param, float[] grad, float[] sum, int n,
                              float lr, float eps, float weightDecay) {
        updates.adagrad(param, grad, sum, n, lr, eps, weightDecay);
    }

    /**
     * Stops the worker threads (they are daemons, so forgetting this never blocks JVM exit); afterwards
     * every operation runs on the calling thread alone. Does nothing on the {@link #shared} instance.
     */
    @Override
    public void close() {
        if (!shared) {
            gemm.close();
        }
    }

    /** The worker threads, for tests. */
    Thread[] workerThreads() {
        return gemm.workerThreads();
    }
}
