package dev.nnj.core.optim;

/**
 * Validation of optimizer hyperparameters, shared so that every optimizer words its errors the same
 * way: what is wrong, the valid range and the value given. NaN fails every check, because each one is
 * written as "not inside the valid range".
 */
final class HyperParameters {

    private HyperParameters() {
    }

    /** A learning rate fixed at construction: finite and strictly positive. */
    static float learningRate(float lr) {
        if (!(lr > 0f) || Float.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be > 0 and finite, got " + lr);
        }
        return lr;
    }

    /** The learning rate of one step, from a schedule: finite and not negative (a schedule may reach 0). */
    static void stepRate(float lr) {
        if (!(lr >= 0f) || Float.isInfinite(lr)) {
            throw new IllegalArgumentException("step learning rate must be >= 0 and finite, got " + lr);
        }
    }

    /** A value in [0, ∞), e.g. weight decay. */
    static float nonNegative(String what, float value) {
        if (!(value >= 0f) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be >= 0 and finite, got " + value);
        }
        return value;
    }

    /** A value in (0, ∞), e.g. the ε that keeps a denominator away from zero. */
    static float positive(String what, float value) {
        if (!(value > 0f) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be > 0 and finite, got " + value);
        }
        return value;
    }

    /**
     * A decay factor in [0, 1), e.g. momentum or β₁: at 1 or above the running average never forgets and
     * the update grows without bound.
     */
    static float decay(String what, float value) {
        if (!(value >= 0f && value < 1f)) {
            throw new IllegalArgumentException(what + " must be in [0, 1), got " + value);
        }
        return value;
    }
}
