package dev.nnj.core.optim;

import dev.nnj.core.Parameter;
import dev.nnj.core.kernel.Kernels;
import java.util.List;

/**
 * Updates parameters from their accumulated gradients. Per-parameter state (moments, velocities) lives
 * here, created on the first {@link #step} for the parameter list it is given, in list order, like
 * {@code torch.optim}. The update equations of each implementation are written in its javadoc and
 * match {@code torch.optim} exactly, so results can be compared with PyTorch step by step.
 */
public interface Optimizer {

    /** The name used in files and on the command line: {@code sgd}, {@code adam}, … */
    String id();

    /**
     * The kind and every hyperparameter as text that {@link Optimizers#parse} turns back into an equal
     * optimizer (with fresh state), keys in a fixed order and numbers as {@link Float#toString} writes
     * them, e.g. {@code sgd:lr=0.01,momentum=0.9,nesterov=true,weight_decay=0.0}.
     */
    String describe();

    /** The learning rate the optimizer was configured with; schedules scale from it. */
    float learningRate();

    /**
     * One update of every parameter with learning rate {@code lr} (the schedule's current value). The
     * gradients are read, not modified; the caller zeroes them before the next accumulation.
     *
     * @throws IllegalArgumentException if the parameter list differs in count or sizes from earlier steps
     */
    void step(Kernels kernels, List<Parameter> parameters, float lr);

    /** Number of steps taken so far. */
    long steps();

    /** A deep copy of the state, for checkpoints. */
    OptimizerState state();

    /**
     * Replaces the state with {@code state} (from {@link #state()} of an optimizer of the same kind).
     *
     * @throws IllegalArgumentException naming the buffer when the kind or a buffer size does not match
     */
    void restore(OptimizerState state);
}
