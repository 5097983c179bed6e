package dev.nnj.io;

import java.util.Arrays;

/**
 * One float32 tensor of a safetensors file: its name, shape and row-major values.
 *
 * @param name   the tensor's key in the file header, e.g. {@code layers.0.weight}
 * @param shape  dimensions, outermost first ({@code [out, in]} for a dense weight); {@code []} is a scalar
 * @param data   row-major values; exactly the product of {@code shape} elements
 * @param offset byte offset of the first value in the file it was read from, or -1 for a tensor to be
 *               written; lets callers report exactly where a bad value sits
 */
public record Tensor(String name, int[] shape, float[] data, long offset) {

    public Tensor {
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor " + name + ": negative dimension in " + Arrays.toString(shape));
            }
            size *= d;
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape) + " is too large");
            }
        }
        if (size != data.length) {
            throw new IllegalArgumentException("tensor " + name + " has shape " + Arrays.toString(shape) + " (" + size
                    + " elements) but " + data.length + " values");
        }
    }

    /** A tensor to be written. */
    public Tensor(String name, int[] shape, float[] data) {
        this(name, shape, data, -1);
    }

    /** Byte offset in the source file of element {@code index}, or -1 if the tensor was not read from a file. */
    public long offsetOf(int index) {
        return offset < 0 ? -1 : offset + 4L * index;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
