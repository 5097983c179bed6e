package dev.nnj.core.optim;

import java.util.Map;

/**
 * Everything an optimizer needs to continue exactly where it stopped: its kind, the step count and
 * its named buffers (e.g. {@code 0.exp_avg} for the first parameter's first Adam moment).
 *
 * @param optimizer the {@link Optimizer#id()} that produced it
 * @param steps     steps taken
 * @param buffers   state tensors by name, in a stable order
 */
public record OptimizerState(String optimizer, long steps, Map<String, float[]> buffers) {
}
