package dev.nnj.core.layer;

/** Growth of layer-owned buffers: reallocated only when a larger batch arrives, never shrunk. */
final class Buffers {

    private Buffers() {
    }

    /** {@code buffer} if it holds at least {@code size} elements, else a new array of that size. */
    static float[] ensure(float[] buffer, int size) {
        return buffer != null && buffer.length >= size ? buffer : new float[size];
    }
}
