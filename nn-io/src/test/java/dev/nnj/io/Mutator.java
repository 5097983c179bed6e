package dev.nnj.io;

import java.util.Arrays;
import java.util.Random;

/** Seeded damage to valid files for fuzz tests: bit flips, hostile byte values, truncation, insertion, deletion. */
final class Mutator {

    /** Values that tend to hit edge cases: zero, sign bits, JSON structure and digit characters. */
    private static final byte[] INTERESTING = {0, 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFF, '{', '}', '[', ']',
            '"', ',', ':', '9', '-', ' ', (byte) 0xC3, (byte) 0xE2};

    private final Random random;

    Mutator(long seed) {
        this.random = new Random(seed);
    }

    /** A damaged copy of {@code valid}; half of the edits fall in its first {@code focus} bytes. */
    byte[] mutate(byte[] valid, int focus) {
        byte[] b = valid.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && b.length > 0; e++) {
            // Half of the edits land in the first bytes, where headers and lengths live.
            int span = random.nextBoolean() ? Math.min(b.length, focus) : b.length;
            int at = random.nextInt(span);
            switch (random.nextInt(6)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                case 2 -> b[at] = (byte) random.nextInt(256);
                case 3 -> b = Arrays.copyOf(b, at);
                case 4 -> {
                    byte[] grown = new byte[b.length + 1 + random.nextInt(8)];
                    System.arraycopy(b, 0, grown, 0, at);
                    for (int i = at; i < grown.length - (b.length - at); i++) {
                        grown[i] = INTERESTING[random.nextInt(INTERESTING.length)];
                    }
                    System.arraycopy(b, at, grown, grown.length - (b.length - at), b.length - at);
                    b = grown;
                }
                default -> {
                    int n = Math.min(b.length - at, 1 + random.nextInt(8));
                    byte[] shrunk = new byte[b.length - n];
                    System.arraycopy(b, 0, shrunk, 0, at);
                    System.arraycopy(b, at + n, shrunk, at, b.length - at - n);
                    b = shrunk;
                }
            }
        }
        return b;
    }
}
