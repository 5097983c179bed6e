package dev.nnj.core;

/**
 * A small, fast, seedable random number generator (SplitMix64) whose whole state is one {@code long},
 * so that checkpoints can save and restore it exactly. Every random choice in nnj (initialisation,
 * shuffling, dropout, validation split) comes from an {@code Rng} derived from the run's seed.
 * Not thread-safe.
 */
public final class Rng {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** An independent stream for one purpose ({@code stream}) of the run seeded with {@code seed}. */
    public static Rng stream(long seed, long stream) {
        return new Rng(mix(seed ^ mix(stream * GOLDEN_GAMMA + 0x632BE59BD9B4E019L)));
    }

    /** The complete state; {@code new Rng(0).setState(s)} continues the same sequence. */
    public long state() {
        return state;
    }

    public void setState(long state) {
        this.state = state;
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        int r = (int) (nextLong() >>> 33);
        int m = bound - 1;
        if ((bound & m) == 0) {
            return r & m;
        }
        for (int u = r; u - (r = u % bound) + m < 0; u = (int) (nextLong() >>> 33)) {
            // rejection: u fell in the incomplete last block of size bound
        }
        return r;
    }

    /** Standard normal, by the Box–Muller transform (one value per two uniforms, no cached second value). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // in (0, 1], so the log is finite
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Fisher–Yates shuffle of the first {@code n} elements. */
    public void shuffle(int[] values, int n) {
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
