package dev.nnj.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * e^x in float from additions, multiplications, fused multiply-adds and integer bit operations only, in
 * a vector form and a scalar form that give the same bits for the same input.
 *
 * <p>Why not {@link VectorOperators#EXP}: until C2 compiles a kernel the Vector API evaluates it lane by
 * lane with {@link Math#exp}, and the compiled kernel calls the platform's vector math library, which can
 * differ in the last bit. The operations used here are exactly rounded by IEEE 754 in every tier and in
 * the scalar form, so a result never depends on JIT timing, on which lanes an element falls in, or on how
 * a call was split across threads.
 *
 * <p>The method (Cephes' {@code expf}): n = round(x·log₂e) by adding 1.5·2²³, r = x − n·ln 2 in two
 * parts (Cody–Waite, so r is nearly exact), e^r by a degree-7 polynomial on |r| ≤ ln 2 / 2, and 2ⁿ
 * applied as two powers of two (2¹²⁸ is not a float). Within 1.01 ulp of the exact value wherever that is
 * a normal float (checked against {@link Math#exp} over all floats in [−87.34, 88.73] in steps of 7 ulps;
 * 99.2% of the results are the correctly rounded float). x ≥ 88.7228… gives +∞, NaN gives NaN.
 *
 * <p>Results below the smallest normal float (x &lt; −87.3365) are +0, as under a CPU's flush-to-zero
 * mode, which Java cannot set: arithmetic that produces or reads subnormals is microcoded on these CPUs,
 * and a softmax over logits spread by ±150 measured its e^x pass 4× slower with them. A probability below
 * 1.2·10⁻³⁸ next to one of at least 1/n is zero to every use of it.
 */
final class PolynomialExp {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final float LOG2E = 1.44269504088896341f;
    /** 1.5·2²³: adding it rounds |y| &lt; 2²² to an integer, which then sits in the low mantissa bits. */
    private static final float SHIFTER = 12582912f;
    private static final int SHIFTER_BITS = Float.floatToRawIntBits(SHIFTER);
    /** ln 2 = LN2_HI + LN2_LO, LN2_HI with few mantissa bits so that n·LN2_HI is exact. */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /**
     * The smallest float whose e^x is a normal float: below it, e^x is subnormal and flushed to +0. Inputs
     * are clamped to it, so that no lane computes a subnormal on its way to that +0.
     */
    private static final float MIN_X = -87.33654f;
    /** Beyond this e^x is +∞; clamping keeps n ≤ 128. */
    private static final float MAX_X = 89f;
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;

    private PolynomialExp() {
    }

    /**
     * x[i] ← e^x[i] for i in [from, to): whole vectors, then the tail by {@link #exp(float)}, which gives
     * the same bits lane by lane.
     *
     * <p>The vector form lives inside this loop, not in a method of its own that takes and returns a
     * {@code FloatVector}: such a method is too large for C2 to inline at a call site it deems cold, and
     * then every call boxes its vector. The narrow softmax of a batch-128 step makes 80 such calls (1280
     * values), and one JVM fork of the two-thread step measured 7 680 bytes allocated per step: 80 boxes.
     */
    static void expInPlace(float[] x, int from, int to) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector clamped = v.max(MIN_X).min(MAX_X); // max and min keep NaN
            FloatVector t = clamped.fma(LOG2E, SHIFTER);
            IntVector n = t.reinterpretAsInts().sub(SHIFTER_BITS);
            FloatVector nf = t.sub(SHIFTER);
            FloatVector r = nf.fma(FloatVector.broadcast(S, -LN2_HI), clamped);
            r = nf.fma(FloatVector.broadcast(S, -LN2_LO), r);
            FloatVector p = r.fma(P0, P1);
            p = p.fma(r, FloatVector.broadcast(S, P2));
            p = p.fma(r, FloatVector.broadcast(S, P3));
            p = p.fma(r, FloatVector.broadcast(S, P4));
            p = p.fma(r, FloatVector.broadcast(S, P5));
            FloatVector y = p.fma(r.mul(r), r).add(1f);
            // 2ⁿ = 2^(n − ⌊n/2⌋)·2^⌊n/2⌋: both factors are normal floats for n in [−126, 128].
            IntVector half = n.lanewise(VectorOperators.ASHR, 1);
            FloatVector scale1 = n.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector scale2 = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            y.mul(scale1).mul(scale2).blend(0f, v.lt(MIN_X)).intoArray(x, i);
        }
        for (; i < to; i++) {
            x[i] = exp(x[i]);
        }
    }

    /** e^x for one float, by the operations of the vector form in {@link #expInPlace} in the same order. */
    static float exp(float x) {
        float clamped = Math.min(Math.max(x, MIN_X), MAX_X);
        float t = Math.fma(clamped, LOG2E, SHIFTER);
        int n = Float.floatToRawIntBits(t) - SHIFTER_BITS;
        float nf = t - SHIFTER;
        float r = Math.fma(nf, -LN2_HI, clamped);
        r = Math.fma(nf, -LN2_LO, r);
        float p = Math.fma(r, P0, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        float y = Math.fma(p, r * r, r) + 1f;
        int half = n >> 1;
        float scale1 = Float.intBitsToFloat((n - half + 127) << 23);
        float scale2 = Float.intBitsToFloat((half + 127) << 23);
        return x < MIN_X ? 0f : y * scale1 * scale2;
    }
}
