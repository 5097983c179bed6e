package dev.nnj.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * {@link PolynomialExp} against e^x computed in double, and its vector form against its scalar form.
 */
class PolynomialExpTest {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** The bound the class documents (1.01 ulp measured over all floats in steps of 7 ulps). */
    private static final double MAX_ULPS = 1.02;

    /** ln of the smallest normal float, rounded up to a float: the smallest x whose e^x is not flushed. */
    private static final float MIN_NORMAL_X = -87.33654f;

    private static double ulps(float got, double exact) {
        return Math.abs(got - exact) / Math.ulp((float) exact);
    }

    @Test
    void isWithinAnUlpOfTheExactValueWhereverThatIsANormalFloat() {
        // Every 1009th float from the smallest x with a normal e^x to −0 and from +0 to the overflow
        // threshold: about 2.2 million inputs, results from Float.MIN_NORMAL to Float.MAX_VALUE.
        double worst = 0;
        float worstAt = 0;
        int below = Float.floatToRawIntBits(MIN_NORMAL_X);
        for (int bits = below; bits < 0 && bits > Integer.MIN_VALUE + 1009; bits -= 1009) {
            float x = Float.intBitsToFloat(bits);
            double error = ulps(PolynomialExp.exp(x), Math.exp(x));
            if (error > worst) {
                worst = error;
                worstAt = x;
            }
        }
        for (int bits = 0; bits <= Float.floatToRawIntBits(88.72283f); bits += 1009) {
            float x = Float.intBitsToFloat(bits);
            double error = ulps(PolynomialExp.exp(x), Math.exp(x));
            if (error > worst) {
                worst = error;
                worstAt = x;
            }
        }
        assertTrue(worst <= MAX_ULPS, "worst error " + worst + " ulp at x = " + worstAt);
    }

    @Test
    void specialValuesAndTheEndsOfTheRange() {
        assertEquals(1f, PolynomialExp.exp(0f));
        assertEquals(1f, PolynomialExp.exp(-0f));
        assertEquals(0f, PolynomialExp.exp(Float.NEGATIVE_INFINITY));
        assertEquals(Float.POSITIVE_INFINITY, PolynomialExp.exp(Float.POSITIVE_INFINITY));
        assertTrue(Float.isNaN(PolynomialExp.exp(Float.NaN)));
        // e^88.72283 = 3.40279e38 < Float.MAX_VALUE; the next float up overflows
        assertEquals((float) Math.exp(88.72283f), PolynomialExp.exp(88.72283f));
        assertEquals(Float.POSITIVE_INFINITY, PolynomialExp.exp(Math.nextUp(88.72283f)));
        assertEquals(Float.POSITIVE_INFINITY, PolynomialExp.exp(1000f));
        // Results below the smallest normal float are flushed to +0 (Math.exp would give subnormals)
        assertTrue(Math.exp(MIN_NORMAL_X) >= Float.MIN_NORMAL);
        assertTrue(Math.exp(Math.nextDown(MIN_NORMAL_X)) < Float.MIN_NORMAL);
        assertEquals((float) Math.exp(MIN_NORMAL_X), PolynomialExp.exp(MIN_NORMAL_X));
        assertEquals(0f, PolynomialExp.exp(Math.nextDown(MIN_NORMAL_X)));
        assertEquals(0f, PolynomialExp.exp(-100f));
        assertEquals(0f, PolynomialExp.exp(-1e30f));
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(PolynomialExp.exp(-1e30f)));
        // e = 2.7182817 in float; e^-1 = 0.36787945
        assertEquals(2.7182817f, PolynomialExp.exp(1f));
        assertEquals(0.36787945f, PolynomialExp.exp(-1f));
    }

    @Test
    void vectorFormGivesTheScalarFormsBitsInEveryLane() {
        SplittableRandom rnd = new SplittableRandom(7);
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 88.72283f,
            88.72284f, MIN_NORMAL_X, Math.nextDown(MIN_NORMAL_X), -87.5f, -110f, 89f, Float.MIN_VALUE,
            -Float.MIN_VALUE};
        // Ranges that start past 0 and end mid-vector, so the vector body and the scalar tail both run.
        float[] x = new float[S.length() * 64 + 5];
        float[] y = new float[x.length];
        int from = 3;
        // Enough calls for C2 to compile the vector form: the interpreted and the compiled form must agree
        // with the scalar form alike.
        for (int call = 0; call < 3000; call++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextInt(8) == 0 ? specials[rnd.nextInt(specials.length)]
                        : (float) (rnd.nextDouble() * 220 - 120);
            }
            System.arraycopy(x, 0, y, 0, x.length);
            int to = x.length - call % S.length();
            PolynomialExp.expInPlace(y, from, to);
            for (int i = 0; i < x.length; i++) {
                float expected = i < from || i >= to ? x[i] : PolynomialExp.exp(x[i]);
                if (Float.floatToIntBits(expected) != Float.floatToIntBits(y[i])) {
                    fail("call " + call + ", element " + i + " of [" + from + ", " + to + "): exp(" + x[i]
                            + ") is " + expected + " in scalar form, " + y[i] + " in place");
                }
            }
        }
    }
}
