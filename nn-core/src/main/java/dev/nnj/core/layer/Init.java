package dev.nnj.core.layer;

import dev.nnj.core.Rng;
import java.util.Locale;

/**
 * Weight initialisation schemes; biases always start at zero. Each draws from the network's seeded
 * {@link Rng}, so initial weights are a function of the seed alone.
 *
 * <ul>
 *   <li>Glorot/Xavier (sigmoid, tanh, softmax, identity): Var = 2/(fanIn + fanOut)</li>
 *   <li>He/Kaiming (ReLU family): Var = 2/fanIn</li>
 *   <li>LeCun: Var = 1/fanIn</li>
 * </ul>
 * Uniform variants draw from U(−√(3·Var), √(3·Var)), normal ones from N(0, Var).
 */
public enum Init {
    GLOROT_UNIFORM, GLOROT_NORMAL, HE_UNIFORM, HE_NORMAL, LECUN_UNIFORM, LECUN_NORMAL;

    /** Fills {@code w} (a weight of {@code fanOut × fanIn}) from {@code rng}. */
    public void fill(float[] w, int fanIn, int fanOut, Rng rng) {
        double variance = variance(fanIn, fanOut);
        if (isUniform()) {
            double bound = Math.sqrt(3 * variance);
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
        } else {
            double std = Math.sqrt(variance);
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (rng.nextGaussian() * std);
            }
        }
    }

    /** The variance of the initial weights for a layer with these fan-in and fan-out. */
    public double variance(int fanIn, int fanOut) {
        switch (this) {
            case GLOROT_UNIFORM:
            case GLOROT_NORMAL:
                return 2.0 / (fanIn + fanOut);
            case HE_UNIFORM:
            case HE_NORMAL:
                return 2.0 / fanIn;
            default:
                return 1.0 / fanIn;
        }
    }

    public boolean isUniform() {
        return this == GLOROT_UNIFORM || this == HE_UNIFORM || this == LECUN_UNIFORM;
    }

    /** The scheme named like {@code he_uniform} or {@code glorot-normal} (case-insensitive). */
    public static Init parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown initialisation '" + name + "'; expected one of "
                    + "glorot_uniform, glorot_normal, he_uniform, he_normal, lecun_uniform, lecun_normal");
        }
    }
}
