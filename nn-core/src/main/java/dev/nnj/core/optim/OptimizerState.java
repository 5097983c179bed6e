package dev.nnj.core.optim;

import java.util.Map;

/**
 * Everything an optimizer needs to continue exactly where it stopped: its kind, the step count, its
 * named buffers (e.g. {@code 0.exp_avg} for the first parameter's first Adam moment) and the
 * description of the optimizer itself, from which {@link Optimizers#parse} recreates it.
 *
 * @param optimizer   the {@link Optimizer#id()} that produced it
 * @param steps       steps taken
 * @param buffers     state tensors by name, in a stable order
 * @param description the {@link Optimizer#describe()} text of the optimizer that produced it, or null when
 *                    the state was put together without one (then the optimizer must be recreated by hand)
 */
public record OptimizerState(String optimizer, long steps, Map<String, float[]> buffers, String description) {

    /** A state without a description: {@link Optimizer#restore} accepts it, a checkpoint does not. */
    public OptimizerState(String optimizer, long steps, Map<String, float[]> buffers) {
        this(optimizer, steps, buffers, null);
    }
}
