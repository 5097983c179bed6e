package dev.nnj.core.kernel;

/**
 * The plain-Java reference backend: straightforward loops, single-threaded, no tricks beyond loop order.
 * Every other backend is tested against this one, so clarity wins over speed here.
 */
public final class ScalarKernels implements Kernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        SgemmArguments.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bpj = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    sum += aip * bpj;
                }
                // beta == 0 must not read C, so that garbage (even NaN) in an output buffer is ignored.
                c[cRow + j] = beta == 0f ? alpha * sum : alpha * sum + beta * c[cRow + j];
            }
        }
    }

    @Override
    public void hadamard(float[] dst, float[] a, float[] b, int n) {
        for (int i = 0; i < n; i++) {
            dst[i] = a[i] * b[i];
        }
    }

    @Override
    public void scaleInPlace(float[] x, float s, int n) {
        for (int i = 0; i < n; i++) {
            x[i] *= s;
        }
    }

    @Override
    public void subtractScaled(float[] dst, float[] a, float[] b, float s, int n) {
        for (int i = 0; i < n; i++) {
            dst[i] = (a[i] - b[i]) * s;
        }
    }

    @Override
    public double sumOfSquares(float[] x, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) x[i] * x[i];
        }
        return sum;
    }

    @Override
    public void addColumnSums(float[] dst, float[] x, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            for (int j = 0; j < cols; j++) {
                dst[j] += x[row + j];
            }
        }
    }

    @Override
    public void biasIdentity(float[] a, float[] bias, float[] h, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0, at = i * cols; j < cols; j++, at++) {
                a[at] += bias[j];
                h[at] = a[at];
            }
        }
    }

    @Override
    public void biasSigmoid(float[] a, float[] bias, float[] h, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0, at = i * cols; j < cols; j++, at++) {
                a[at] += bias[j];
                h[at] = sigmoid(a[at]);
            }
        }
    }

    /** σ(x), evaluated so that e^x never overflows: for x &lt; 0 use e^x/(1+e^x). */
    static float sigmoid(float x) {
        if (x >= 0f) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    @Override
    public void biasTanh(float[] a, float[] bias, float[] h, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0, at = i * cols; j < cols; j++, at++) {
                a[at] += bias[j];
                h[at] = (float) Math.tanh(a[at]);
            }
        }
    }

    @Override
    public void biasRelu(float[] a, float[] bias, float[] h, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0, at = i * cols; j < cols; j++, at++) {
                a[at] += bias[j];
                // Math.max keeps NaN as NaN and turns −0 into +0, like PyTorch
                h[at] = Math.max(a[at], 0f);
            }
        }
    }

    @Override
    public void biasLeakyRelu(float[] a, float[] bias, float[] h, int rows, int cols, float slope) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0, at = i * cols; j < cols; j++, at++) {
                a[at] += bias[j];
                h[at] = a[at] > 0f ? a[at] : slope * a[at];
            }
        }
    }

    @Override
    public void biasSoftmax(float[] a, float[] bias, float[] h, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                a[row + j] += bias[j];
                max = Math.max(max, a[row + j]);
            }
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(a[row + j] - max);
                h[row + j] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (int j = 0; j < cols; j++) {
                h[row + j] *= inv;
            }
        }
    }

    @Override
    public void sigmoidBackward(float[] dA, float[] dH, float[] h, int n) {
        for (int i = 0; i < n; i++) {
            dA[i] = dH[i] * h[i] * (1f - h[i]);
        }
    }

    @Override
    public void tanhBackward(float[] dA, float[] dH, float[] h, int n) {
        for (int i = 0; i < n; i++) {
            dA[i] = dH[i] * (1f - h[i] * h[i]);
        }
    }

    @Override
    public void reluBackward(float[] dA, float[] dH, float[] a, int n) {
        for (int i = 0; i < n; i++) {
            dA[i] = a[i] > 0f ? dH[i] : 0f;
        }
    }

    @Override
    public void leakyReluBackward(float[] dA, float[] dH, float[] a, int n, float slope) {
        for (int i = 0; i < n; i++) {
            dA[i] = a[i] > 0f ? dH[i] : slope * dH[i];
        }
    }

    @Override
    public void softmaxBackward(float[] dA, float[] dH, float[] h, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            float dot = 0f;
            for (int j = 0; j < cols; j++) {
                dot += dH[row + j] * h[row + j];
            }
            for (int j = 0; j < cols; j++) {
                dA[row + j] = h[row + j] * (dH[row + j] - dot);
            }
        }
    }

    @Override
    public void sgdUpdate(float[] param, float[] grad, float[] velocity, int n,
                          float lr, float momentum, float weightDecay, boolean nesterov, boolean firstStep) {
        for (int i = 0; i < n; i++) {
            float g = grad[i] + weightDecay * param[i];
            if (momentum != 0f) {
                float buf = flushSubnormal(firstStep ? g : momentum * velocity[i] + g);
                velocity[i] = buf;
                g = nesterov ? g + momentum * buf : buf;
            }
            param[i] -= lr * g;
        }
    }

    @Override
    public void adamUpdate(float[] param, float[] grad, float[] m, float[] v, int n,
                           float lr, float beta1, float beta2, float eps, float weightDecay,
                           boolean decoupled, long step) {
        // η·m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ), multiplied through by √(1−β₂ᵗ): one
        // division per element instead of two. Both factors are computed once, in double.
        double sqrtBias2 = Math.sqrt(1.0 - Math.pow(beta2, step));
        float stepSize = (float) (lr * sqrtBias2 / (1.0 - Math.pow(beta1, step)));
        float epsHat = (float) (eps * sqrtBias2);
        for (int i = 0; i < n; i++) {
            float g = grad[i];
            if (decoupled) {
                param[i] *= 1f - lr * weightDecay;
            } else {
                g += weightDecay * param[i];
            }
            m[i] = flushSubnormal(beta1 * m[i] + (1f - beta1) * g);
            v[i] = flushSubnormal(beta2 * v[i] + (1f - beta2) * g * g);
            param[i] -= stepSize * m[i] / ((float) Math.sqrt(v[i]) + epsHat);
        }
    }

    @Override
    public void rmspropUpdate(float[] param, float[] grad, float[] square, float[] velocity, int n,
                              float lr, float alpha, float eps, float weightDecay, float momentum) {
        for (int i = 0; i < n; i++) {
            float g = grad[i] + weightDecay * param[i];
            square[i] = flushSubnormal(alpha * square[i] + (1f - alpha) * g * g);
            float avg = (float) Math.sqrt(square[i]) + eps;
            if (momentum != 0f) {
                velocity[i] = flushSubnormal(momentum * velocity[i] + g / avg);
                param[i] -= lr * velocity[i];
            } else {
                param[i] -= lr * g / avg;
            }
        }
    }

    /**
     * Optimizer state as stored: x, or +0 when |x| is below the smallest normal float (NaN passes
     * through). Subnormal state made Adam 3× slower on AMD Zen 5, and Java cannot set FTZ/DAZ; the
     * optimizer section of {@link Kernels} says more. The conditional stops C2 from vectorising the
     * update loops that use it (Adam over 200704 elements: 38 → 375 µs here), which is well under 1% of
     * a training step on this backend, whose GEMMs take tens of milliseconds at that size.
     */
    private static float flushSubnormal(float x) {
        return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
    }

    @Override
    public void adagradUpdate(float[] param, float[] grad, float[] sum, int n,
                              float lr, float eps, float weightDecay) {
        for (int i = 0; i < n; i++) {
            float g = grad[i] + weightDecay * param[i];
            sum[i] += g * g;
            param[i] -= lr * g / ((float) Math.sqrt(sum[i]) + eps);
        }
    }
}
