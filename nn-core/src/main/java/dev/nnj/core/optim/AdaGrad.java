package dev.nnj.core.optim;

import dev.nnj.core.Parameter;
import dev.nnj.core.kernel.Kernels;
import java.util.List;

/**
 * AdaGrad, as {@code torch.optim.Adagrad} with lr_decay 0 and initial accumulator 0. For gradient g,
 * learning rate η, ε and weight decay λ:
 * <pre>
 *   g ← g + λθ
 *   s ← s + g²
 *   θ ← θ − η·g / (√s + ε)
 * </pre>
 * State per parameter: {@code sum} (s).
 */
public final class AdaGrad implements Optimizer {

    /** torch.optim.Adagrad's defaults. */
    public static final float DEFAULT_LEARNING_RATE = 0.01f;
    public static final float DEFAULT_EPS = 1e-10f;

    private final float learningRate;
    private final float eps;
    private final float weightDecay;
    private final ParameterBuffers buffers = new ParameterBuffers("sum");
    private long steps;

    /** AdaGrad with torch's defaults. */
    public AdaGrad() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** AdaGrad with learning rate η and torch's other defaults (ε 1e-10, no weight decay). */
    public AdaGrad(float learningRate) {
        this(learningRate, DEFAULT_EPS, 0f);
    }

    /**
     * @param learningRate η &gt; 0
     * @param eps          ε &gt; 0
     * @param weightDecay  λ ≥ 0, the L2 penalty added to the gradient
     */
    public AdaGrad(float learningRate, float eps, float weightDecay) {
        this.learningRate = HyperParameters.learningRate(learningRate);
        this.eps = HyperParameters.positive("eps", eps);
        this.weightDecay = HyperParameters.nonNegative("weight decay", weightDecay);
    }

    @Override
    public String id() {
        return "adagrad";
    }

    @Override
    public String describe() {
        return "adagrad:lr=" + learningRate + ",eps=" + eps + ",weight_decay=" + weightDecay;
    }

    @Override
    public float learningRate() {
        return learningRate;
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
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            kernels.adagradUpdate(p.value(), p.grad(), buffers.get(i, 0), p.size(), lr, eps, weightDecay);
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
        return "AdaGrad(lr=" + learningRate + ", eps=" + eps + ", weightDecay=" + weightDecay + ")";
    }
}
