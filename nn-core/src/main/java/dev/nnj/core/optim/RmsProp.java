package dev.nnj.core.optim;

import dev.nnj.core.Parameter;
import dev.nnj.core.kernel.Kernels;
import java.util.List;

/**
 * RMSProp, as {@code torch.optim.RMSprop} (not centred). For gradient g, learning rate η, smoothing α,
 * ε, weight decay λ and momentum μ:
 * <pre>
 *   g ← g + λθ
 *   s ← α·s + (1 − α)·g²
 *   if μ ≠ 0:  b ← μ·b + g / (√s + ε);  θ ← θ − η·b
 *   else:      θ ← θ − η·g / (√s + ε)
 * </pre>
 * s and b start at zero. State per parameter: {@code square_avg} (s) and, when μ ≠ 0,
 * {@code momentum_buffer} (b).
 */
public final class RmsProp implements Optimizer {

    /** torch.optim.RMSprop's defaults. */
    public static final float DEFAULT_LEARNING_RATE = 0.01f;
    public static final float DEFAULT_ALPHA = 0.99f;
    public static final float DEFAULT_EPS = 1e-8f;

    private final float learningRate;
    private final float alpha;
    private final float eps;
    private final float weightDecay;
    private final float momentum;
    private final ParameterBuffers buffers;
    private long steps;

    /** RMSProp with torch's defaults. */
    public RmsProp() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** RMSProp with learning rate η and torch's other defaults (α 0.99, ε 1e-8, no decay, no momentum). */
    public RmsProp(float learningRate) {
        this(learningRate, DEFAULT_ALPHA, DEFAULT_EPS, 0f, 0f);
    }

    /**
     * @param learningRate η &gt; 0
     * @param alpha        α in [0, 1), the decay of the running mean of g²
     * @param eps          ε &gt; 0
     * @param weightDecay  λ ≥ 0, the L2 penalty added to the gradient
     * @param momentum     μ in [0, 1); 0 disables momentum
     */
    public RmsProp(float learningRate, float alpha, float eps, float weightDecay, float momentum) {
        this.learningRate = HyperParameters.learningRate(learningRate);
        this.alpha = HyperParameters.decay("alpha", alpha);
        this.eps = HyperParameters.positive("eps", eps);
        this.weightDecay = HyperParameters.nonNegative("weight decay", weightDecay);
        this.momentum = HyperParameters.decay("momentum", momentum);
        this.buffers = momentum == 0f
                ? new ParameterBuffers("square_avg")
                : new ParameterBuffers("square_avg", "momentum_buffer");
    }

    @Override
    public String id() {
        return "rmsprop";
    }

    @Override
    public String describe() {
        return "rmsprop:lr=" + learningRate + ",alpha=" + alpha + ",eps=" + eps + ",momentum=" + momentum
                + ",weight_decay=" + weightDecay;
    }

    @Override
    public float learningRate() {
        return learningRate;
    }

    public float alpha() {
        return alpha;
    }

    public float eps() {
        return eps;
    }

    public float weightDecay() {
        return weightDecay;
    }

    public float momentum() {
        return momentum;
    }

    @Override
    public void step(Kernels kernels, List<Parameter> parameters, float lr) {
        HyperParameters.stepRate(lr);
        buffers.prepare(parameters);
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            // The kernel does not touch the velocity when μ = 0, so no buffer exists to pass.
            float[] velocity = momentum == 0f ? null : buffers.get(i, 1);
            kernels.rmspropUpdate(p.value(), p.grad(), buffers.get(i, 0), velocity, p.size(),
                    lr, alpha, eps, weightDecay, momentum);
        }
        steps++;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public OptimizerState state() {
        return buffers.snapshot(id(), describe(), steps);
    }

    @Override
    public void restore(OptimizerState state) {
        steps = buffers.restore(id(), state);
    }

    @Override
    public String toString() {
        return "RmsProp(lr=" + learningRate + ", alpha=" + alpha + ", eps=" + eps + ", weightDecay=" + weightDecay
                + ", momentum=" + momentum + ")";
    }
}
