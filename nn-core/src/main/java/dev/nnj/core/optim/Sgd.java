package dev.nnj.core.optim;

import dev.nnj.core.Parameter;
import dev.nnj.core.kernel.Kernels;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay, as
 * {@code torch.optim.SGD} with dampening 0. For step t with gradient g, learning rate η, momentum μ and
 * weight decay λ:
 * <pre>
 *   g ← g + λθ
 *   if μ ≠ 0:
 *       b ← g                 at t = 1 (the buffer starts as the first gradient)
 *       b ← μ·b + g           at t &gt; 1
 *       g ← g + μ·b           with Nesterov, else g ← b
 *   θ ← θ − η·g
 * </pre>
 * State per parameter: {@code momentum_buffer} (only when μ ≠ 0).
 */
public final class Sgd implements Optimizer {

    /** torch.optim.SGD's default learning rate. */
    public static final float DEFAULT_LEARNING_RATE = 1e-3f;

    private final float learningRate;
    private final float momentum;
    private final float weightDecay;
    private final boolean nesterov;
    private final ParameterBuffers buffers;
    private long steps;

    /** Plain gradient descent. */
    public Sgd(float learningRate) {
        this(learningRate, 0f, 0f, false);
    }

    /**
     * @param learningRate η &gt; 0
     * @param momentum     μ in [0, 1); 0 disables momentum
     * @param weightDecay  λ ≥ 0, the L2 penalty added to the gradient
     * @param nesterov     use Nesterov momentum; requires μ &gt; 0
     */
    public Sgd(float learningRate, float momentum, float weightDecay, boolean nesterov) {
        this.learningRate = HyperParameters.learningRate(learningRate);
        this.momentum = HyperParameters.decay("momentum", momentum);
        this.weightDecay = HyperParameters.nonNegative("weight decay", weightDecay);
        if (nesterov && momentum == 0f) {
            throw new IllegalArgumentException("Nesterov momentum requires momentum > 0, got 0.0");
        }
        this.nesterov = nesterov;
        this.buffers = momentum == 0f ? new ParameterBuffers() : new ParameterBuffers("momentum_buffer");
    }

    @Override
    public String id() {
        return "sgd";
    }

    @Override
    public String describe() {
        return "sgd:lr=" + learningRate + ",momentum=" + momentum + ",nesterov=" + nesterov
                + ",weight_decay=" + weightDecay;
    }

    @Override
    public float learningRate() {
        return learningRate;
    }

    public float momentum() {
        return momentum;
    }

    public float weightDecay() {
        return weightDecay;
    }

    public boolean nesterov() {
        return nesterov;
    }

    @Override
    public void step(Kernels kernels, List<Parameter> parameters, float lr) {
        HyperParameters.stepRate(lr);
        boolean firstStep = buffers.prepare(parameters);
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            // The kernel does not touch the velocity when μ = 0, so no buffer exists to pass.
            float[] velocity = momentum == 0f ? null : buffers.get(i, 0);
            kernels.sgdUpdate(p.value(), p.grad(), velocity, p.size(), lr, momentum, weightDecay, nesterov, firstStep);
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
        return "Sgd(lr=" + learningRate + ", momentum=" + momentum + ", weightDecay=" + weightDecay
                + ", nesterov=" + nesterov + ")";
    }
}
