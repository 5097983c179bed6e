package dev.nnj.bench;

/**
 * The {@code shape} parameter of {@link GemmBenchmark}: "S" is the square S×S·S×S product, "MxKxN" is
 * (M×K)·(K×N). The MLP shapes are those of a 784-256-128-10 network at batch 128.
 *
 * @param m rows of op(A) and C
 * @param k columns of op(A), rows of op(B)
 * @param n columns of op(B) and C
 */
record GemmShape(int m, int k, int n) {

    static GemmShape parse(String text) {
        String[] parts = text.split("x");
        try {
            if (parts.length == 1) {
                int s = Integer.parseInt(parts[0]);
                return new GemmShape(s, s, s);
            }
            if (parts.length == 3) {
                return new GemmShape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("shape must be S (square) or MxKxN, got '" + text + "'");
    }

    /** Floating-point operations of one product: a multiply and an add per (i, j, p). */
    double flops() {
        return 2.0 * m * k * n;
    }
}
