package dev.nnj.core;

import java.util.Arrays;

/**
 * A trainable tensor: its value, the gradient accumulated by backward passes, and its shape.
 * Owned by its layer; optimizers update {@link #value()} in place from {@link #grad()}.
 *
 * <p>{@link #zeroGrad()} only marks the gradient as cleared. The zeros are written by the first
 * {@link #grad()} after it, unless a kernel that overwrites the whole gradient comes first and asks
 * {@link #gradientBeta()}: then the fill is skipped and the kernel does not read the stale values. For the
 * largest weight of a training step that saves writing the gradient once and reading it once, about 3%
 * of a step at batch 32.
 */
public final class Parameter {

    private final String name;
    private final float[] value;
    private final float[] grad;
    private final int[] shape;
    /** True after zeroGrad() until the gradient is next written: its contents count as zeros. */
    private boolean gradCleared;

    /**
     * @param name  a name unique within its network, e.g. {@code layers.0.weight}
     * @param value the current values, row-major in {@code shape}
     * @param grad  ∂L/∂value, accumulated by backward and cleared by {@link #zeroGrad()}; same size as value
     * @param shape dimensions, e.g. {@code [out, in]} for a dense weight
     */
    public Parameter(String name, float[] value, float[] grad, int[] shape) {
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
        this.name = name;
        this.value = value;
        this.grad = grad;
        this.shape = shape;
    }

    /** A zero parameter of the given shape. */
    public static Parameter zeros(String name, int... shape) {
        int size = 1;
        for (int d : shape) {
            size = Math.multiplyExact(size, d);
        }
        return new Parameter(name, new float[size], new float[size], shape.clone());
    }

    public String name() {
        return name;
    }

    public float[] value() {
        return value;
    }

    /** ∂L/∂value, with the zeros of an earlier {@link #zeroGrad()} written out. */
    public float[] grad() {
        if (gradCleared) {
            Arrays.fill(grad, 0f);
            gradCleared = false;
        }
        return grad;
    }

    /** The dimensions, such as {@code [out, in]} for a dense layer's weight: a copy, as the shape is fixed. */
    public int[] shape() {
        return shape.clone();
    }

    public int size() {
        return value.length;
    }

    /** Clears the gradient (lazily: see the class comment). */
    public void zeroGrad() {
        gradCleared = true;
    }

    /**
     * For a kernel about to write every element of the gradient as grad ← Δ + β·grad: returns β, which is
     * 0 if the gradient was cleared since it was last written (the kernel then overwrites the stale values
     * without reading them) and 1 otherwise. The caller must run that kernel on {@link #grad()} right
     * after: from here on the array's contents count as the gradient.
     */
    public float gradientBeta() {
        if (gradCleared) {
            gradCleared = false;
            return 0f;
        }
        return 1f;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
