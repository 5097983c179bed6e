package dev.nnj.core.optim;

import dev.nnj.core.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-parameter state tensors of one optimizer (moments, velocities), kept apart from the update
 * math. Like {@code torch.optim}, the buffers are created on the first step, one set per parameter in
 * list order, and named {@code <index>.<kind>} in checkpoints ({@code 0.exp_avg}, {@code 1.sum}, …).
 *
 * <p>The parameter sizes are remembered even when there is no buffer (plain SGD), so that a step with a
 * different parameter list fails loudly instead of silently mixing state between parameters. So are the
 * parameters themselves: like a {@code torch.optim} optimizer, whose parameters are given when it is made,
 * the state belongs to the parameters it was created for, and another network's parameters of the same
 * shapes are refused rather than stepped with moments that are not theirs (plain SGD, which keeps none,
 * may step any parameters of the same shapes).
 */
final class ParameterBuffers {

    private final String[] kinds;
    /** Size of each parameter; null until the first step or a restore that fixes them. */
    private int[] sizes;
    /** The parameters the state belongs to: those of the first step after creation or a restore. */
    private Parameter[] owners;
    /** buffers[parameter][kind], each of sizes[parameter] elements. */
    private float[][][] buffers;

    /** @param kinds buffer names per parameter, in the order {@link #get} indexes them; may be empty */
    ParameterBuffers(String... kinds) {
        this.kinds = kinds.clone();
    }

    /**
     * Creates zeroed buffers for {@code parameters} on the first call; afterwards checks that the list
     * still has the count and sizes the buffers were made for.
     *
     * @return true when the buffers were created by this call (the optimizer's first step)
     * @throws IllegalArgumentException naming the first parameter that does not match
     */
    boolean prepare(List<Parameter> parameters) {
        if (sizes == null) {
            int[] newSizes = new int[parameters.size()];
            float[][][] newBuffers = new float[newSizes.length][kinds.length][];
            for (int p = 0; p < newSizes.length; p++) {
                newSizes[p] = parameters.get(p).size();
                for (int k = 0; k < kinds.length; k++) {
                    newBuffers[p][k] = new float[newSizes[p]];
                }
            }
            sizes = newSizes;
            buffers = newBuffers;
            owners = parameters.toArray(new Parameter[0]);
            return true;
        }
        if (owners == null) {
            owners = new Parameter[sizes.length];
        }
        if (parameters.size() != sizes.length) {
            throw new IllegalArgumentException("optimizer state was created for " + sizes.length
                    + " parameters, got " + parameters.size() + "; use a new optimizer for a different network");
        }
        for (int p = 0; p < sizes.length; p++) {
            Parameter parameter = parameters.get(p);
            if (parameter.size() != sizes[p]) {
                throw new IllegalArgumentException("parameter " + p + " (" + parameter + ") has " + parameter.size()
                        + " elements, but the optimizer state was created for " + sizes[p]
                        + "; use a new optimizer for a different network");
            }
        }
        for (int p = 0; p < sizes.length; p++) {
            Parameter parameter = parameters.get(p);
            if (owners[p] == null) {
                owners[p] = parameter; // the first step after a restore
            } else if (owners[p] != parameter && kinds.length > 0) {
                throw new IllegalArgumentException("parameter " + p + " (" + parameter + ") is not the one this"
                        + " optimizer has stepped (" + owners[p] + "), though of the same size: its state belongs"
                        + " to another network; use a new optimizer for each network");
            }
        }
        return false;
    }

    /** The buffer of kind index {@code kind} for parameter {@code parameter}; valid after {@link #prepare}. */
    float[] get(int parameter, int kind) {
        return buffers[parameter][kind];
    }

    /**
     * The state of optimizer {@code id}, described by {@code description}, after {@code steps} steps, with
     * deep copies of all buffers.
     */
    OptimizerState snapshot(String id, String description, long steps) {
        return new OptimizerState(id, steps, copy(), description);
    }

    /**
     * Checks that {@code state} comes from an optimizer {@code id}, restores its buffers (see
     * {@link #restore(Map)}) and returns its step count.
     */
    long restore(String id, OptimizerState state) {
        if (!id.equals(state.optimizer())) {
            throw new IllegalArgumentException("cannot restore the state of optimizer '" + state.optimizer()
                    + "' into optimizer '" + id + "'");
        }
        if (state.steps() < 0) {
            throw new IllegalArgumentException("optimizer state step count must be >= 0, got " + state.steps());
        }
        restore(state.buffers());
        return state.steps();
    }

    /** Deep copies of all buffers, parameter by parameter, kinds in constructor order. */
    private Map<String, float[]> copy() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        if (buffers != null) {
            for (int p = 0; p < buffers.length; p++) {
                for (int k = 0; k < kinds.length; k++) {
                    copy.put(p + "." + kinds[k], buffers[p][k].clone());
                }
            }
        }
        return copy;
    }

    /**
     * Replaces the buffers with deep copies of {@code named}, which must hold exactly the kinds of this
     * optimizer for parameters 0 … n−1, all buffers of one parameter of the same size. When this
     * optimizer has already stepped, the count and sizes must also equal the current ones. An empty map
     * returns to the state before the first step.
     *
     * @throws IllegalArgumentException naming the offending buffer
     */
    private void restore(Map<String, float[]> named) {
        Map<Integer, float[][]> byParameter = new TreeMap<>();
        for (Map.Entry<String, float[]> entry : named.entrySet()) {
            String name = entry.getKey();
            int dot = name.indexOf('.');
            int kind = dot < 0 ? -1 : List.of(kinds).indexOf(name.substring(dot + 1));
            int parameter = dot < 0 ? -1 : parseIndex(name.substring(0, dot));
            if (kind < 0 || parameter < 0) {
                throw new IllegalArgumentException("unexpected optimizer buffer " + name + ", expected "
                        + (kinds.length == 0 ? "none" : "<index>." + String.join(" or <index>.", kinds)));
            }
            byParameter.computeIfAbsent(parameter, p -> new float[kinds.length][])[kind] = entry.getValue();
        }
        int count = byParameter.size();
        int[] newSizes = new int[count];
        float[][][] newBuffers = new float[count][kinds.length][];
        for (int p = 0; p < count; p++) {
            float[][] set = byParameter.get(p);
            for (int k = 0; k < kinds.length; k++) {
                float[] buffer = set == null ? null : set[k];
                if (buffer == null) {
                    throw new IllegalArgumentException("optimizer buffer " + p + "." + kinds[k] + " is missing");
                }
                if (k == 0) {
                    newSizes[p] = buffer.length;
                } else if (buffer.length != newSizes[p]) {
                    throw new IllegalArgumentException("optimizer buffer " + p + "." + kinds[k] + " has "
                            + buffer.length + " elements, expected " + newSizes[p] + " like " + p + "." + kinds[0]);
                }
                newBuffers[p][k] = buffer.clone();
            }
        }
        if (count == 0) {
            // A state without buffers (never stepped, or an optimizer that keeps none): the next step
            // starts afresh and fixes the parameter sizes again.
            sizes = null;
            buffers = null;
            owners = null;
            return;
        }
        checkAgainstCurrent(newSizes);
        sizes = newSizes;
        buffers = newBuffers;
        owners = null; // restored state is for whichever parameters step next, as when resuming a run
    }

    private void checkAgainstCurrent(int[] newSizes) {
        if (sizes == null) {
            return;
        }
        if (newSizes.length != sizes.length) {
            throw new IllegalArgumentException("optimizer state holds buffers for " + newSizes.length
                    + " parameters, but this optimizer has " + sizes.length);
        }
        for (int p = 0; p < sizes.length; p++) {
            if (newSizes[p] != sizes[p]) {
                throw new IllegalArgumentException("optimizer buffer " + p + "." + kinds[0] + " has " + newSizes[p]
                        + " elements, but parameter " + p + " has " + sizes[p]);
            }
        }
    }

    private static int parseIndex(String text) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Integer.parseInt(text);
    }
}
