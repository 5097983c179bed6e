package dev.nnj.core;

import java.util.Arrays;

/**
 * A trainable tensor: its value, the gradient accumulated by backward passes, and its shape.
 * Owned by its layer; optimizers update {@link #value()} in place from {@link #grad()}.
 *
 * @param name  a name unique within its network, e.g. {@code layers.0.weight}
 * @param value the current values, row-major in {@code shape}
 * @param grad  ∂L/∂value, accumulated by backward and cleared by {@link #zeroGrad()}; same size as value
 * @param shape dimensions, e.g. {@code [out, in]} for a dense weight
 */
public record Parameter(String name, float[] value, float[] grad, int[] shape) {

    public Parameter {
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("parameter " + name + ": negative dimension in " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != value.length || grad.length != value.length) {
            throw new IllegalArgumentException("parameter " + name + " has shape " + Arrays.toString(shape)
                    + " (" + size + " elements) but value has " + value.length + " and grad " + grad.length);
        }
    }

    /** A zero parameter of the given shape. */
    public static Parameter zeros(String name, int... shape) {
        int size = 1;
        for (int d : shape) {
            size = Math.multiplyExact(size, d);
        }
        return new Parameter(name, new float[size], new float[size], shape.clone());
    }

    public int size() {
        return value.length;
    }

    public void zeroGrad() {
        Arrays.fill(grad, 0f);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
