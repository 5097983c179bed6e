package dev.nnj.core.optim;

import dev.nnj.core.Parameter;
import dev.nnj.core.kernel.Kernels;
import java.util.List;

/**
 * Adam with decoupled weight decay, as {@code torch.optim.AdamW} (amsgrad off). The decay shrinks θ
 * directly instead of entering the moments, so it is not rescaled by 1/√v̂. For step t ≥ 1:
 * <pre>
 *   θ ← θ·(1 − ηλ)
 *   m ← β₁·m + (1 − β₁)·g
 *   v ← β₂·v + (1 − β₂)·g²
 *   m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)
 *   θ ← θ − η·m̂ / (√v̂ + ε)
 * </pre>
 * State per parameter: {@code exp_avg} (m) and {@code exp_avg_sq} (v). The update runs through the
 * same code as {@link Adam}.
 */
public final class AdamW implements Optimizer {

    /** torch.optim.AdamW's default weight decay; the other defaults are {@link Adam}'s. */
    public static final float DEFAULT_WEIGHT_DECAY = 0.01f;

    private final Adam adam;

    /** AdamW with torch's defaults. */
    public AdamW() {
        this(Adam.DEFAULT_LEARNING_RATE);
    }

    /** AdamW with learning rate η and torch's other defaults (β₁ 0.9, β₂ 0.999, ε 1e-8, λ 0.01). */
    public AdamW(float learningRate) {
        this(learningRate, Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPS, DEFAULT_WEIGHT_DECAY);
    }

    /**
     * @param learningRate η &gt; 0
     * @param beta1        β₁ in [0, 1)
     * @param beta2        β₂ in [0, 1)
     * @param eps          ε &gt; 0
     * @param weightDecay  λ ≥ 0, applied to θ as θ·(1 − ηλ)
     */
    public AdamW(float learningRate, float beta1, float beta2, float eps, float weightDecay) {
        this.adam = new Adam("adamw", learningRate, beta1, beta2, eps, weightDecay, true);
    }

    @Override
    public String id() {
        return adam.id();
    }

    @Override
    public String describe() {
        return adam.describe();
    }

    @Override
    public float learningRate() {
        return adam.learningRate();
    }

    public float beta1() {
        return adam.beta1();
    }

    public float beta2() {
        return adam.beta2();
    }

    public float eps() {
        return adam.eps();
    }

    public float weightDecay() {
        return adam.weightDecay();
    }

    @Override
    public void step(Kernels kernels, List<Parameter> parameters, float lr) {
        adam.step(kernels, parameters, lr);
    }

    @Override
    public long steps() {
        return adam.steps();
    }

    @Override
    public OptimizerState state() {
        return adam.state();
    }

    @Override
    public void restore(OptimizerState state) {
        adam.restore(state);
    }

    @Override
    public String toString() {
        return adam.toString();
    }
}
