package dev.nnj.core.optim;

import dev.nnj.core.Parameter;
import dev.nnj.core.kernel.Kernels;
import java.util.List;

/**
 * Adam with L2 weight decay added to the gradient, as {@code torch.optim.Adam} (amsgrad off). For step
 * t ≥ 1 with gradient g, learning rate η, moment decays β₁, β₂, ε and weight decay λ:
 * <pre>
 *   g ← g + λθ
 *   m ← β₁·m + (1 − β₁)·g
 *   v ← β₂·v + (1 − β₂)·g²
 *   m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)
 *   θ ← θ − η·m̂ / (√v̂ + ε)
 * </pre>
 * m and v start at zero. State per parameter: {@code exp_avg} (m) and {@code exp_avg_sq} (v).
 * {@link AdamW} is the same update with the weight decay applied to θ directly.
 */
public final class Adam implements Optimizer {

    /** torch.optim.Adam's defaults. */
    public static final float DEFAULT_LEARNING_RATE = 1e-3f;
    public static final float DEFAULT_BETA1 = 0.9f;
    public static final float DEFAULT_BETA2 = 0.999f;
    public static final float DEFAULT_EPS = 1e-8f;

    private final String id;
    private final float learningRate;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final boolean decoupled;
    private final ParameterBuffers buffers = new ParameterBuffers("exp_avg", "exp_avg_sq");
    private long steps;

    /** Adam with torch's defaults. */
    public Adam() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** Adam with learning rate η and torch's other defaults (β₁ 0.9, β₂ 0.999, ε 1e-8, no weight decay). */
    public Adam(float learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, 0f);
    }

    /**
     * @param learningRate η &gt; 0
     * @param beta1        β₁ in [0, 1)
     * @param beta2        β₂ in [0, 1)
     * @param eps          ε &gt; 0
     * @param weightDecay  λ ≥ 0, the L2 penalty added to the gradient
     */
    public Adam(float learningRate, float beta1, float beta2, float eps, float weightDecay) {
        this("adam", learningRate, beta1, beta2, eps, weightDecay, false);
    }

    /** Shared with {@link AdamW}, which differs only in id and in where the weight decay applies. */
    Adam(String id, float learningRate, float beta1, float beta2, float eps, float weightDecay, boolean decoupled) {
        this.id = id;
        this.learningRate = HyperParameters.learningRate(learningRate);
        this.beta1 = HyperParameters.decay("beta1", beta1);
        this.beta2 = HyperParameters.decay("beta2", beta2);
        this.eps = HyperParameters.positive("eps", eps);
        this.weightDecay = HyperParameters.nonNegative("weight decay", weightDecay);
        this.decoupled = decoupled;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String describe() {
        return id + ":lr=" + learningRate + ",beta1=" + beta1 + ",beta2=" + beta2 + ",eps=" + eps
                + ",weight_decay=" + weightDecay;
    }

    @Override
    public float learningRate() {
        return learningRate;
    }

    public float beta1() {
        return beta1;
    }

    public float beta2() {
        return beta2;
    }

    public float eps() {
        return eps;
    }

    public float weightDecay() {
        return weightDecay;
    }

    @Override
    public void step(Kernels kernels, List<Parameter> parameters, float lr) {
        HyperParameters.stepRate(lr);
        buffers.prepare(parameters);
        long t = steps + 1;    // bias corrections count steps from 1
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            kernels.adamUpdate(p.value(), p.grad(), buffers.get(i, 0), buffers.get(i, 1), p.size(),
                    lr, beta1, beta2, eps, weightDecay, decoupled, t);
        }
        steps = t;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public OptimizerState state() {
        return buffers.snapshot(id, describe(), steps);
    }

    @Override
    public void restore(OptimizerState state) {
        steps = buffers.restore(id, state);
    }

    @Override
    public String toString() {
        return (decoupled ? "AdamW" : "Adam") + "(lr=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2
                + ", eps=" + eps + ", weightDecay=" + weightDecay + ")";
    }
}
