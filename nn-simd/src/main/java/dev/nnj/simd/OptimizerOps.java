package dev.nnj.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Optimizer updates, each a single fused pass over parameters, gradients and state (the equations are on
 * {@code Kernels}), over elements [from, to). {@link ParallelUpdates} cuts large arrays into ranges that
 * start at multiples of the vector length, so the scalar tail only ever runs at the end of the array.
 *
 * <p>Products that feed an addition (weight decay, moment updates, the final θ − η·g) use FMA: one
 * rounding instead of two, so each updated value is within about one ulp of the scalar reference per step
 * (the tests use a relative tolerance of 1e-5). The scalar tails use {@link Math#fma} with the same
 * grouping, so an element's result does not depend on whether it fell in the vector body or the tail.
 * Flags (momentum, Nesterov, decoupled decay) are loop-invariant branches, which C2 unswitches.
 *
 * <p>Decaying state (momentum buffers, Adam's m and v, RMSProp's square average) is flushed to +0 below
 * the smallest normal float before it is stored, by the same rule in the vector body, the tail and the
 * scalar reference. With zero gradients (dead ReLU units) that state would otherwise sink into the
 * subnormal range and stay there, and arithmetic on subnormals is microcoded on some CPUs: an Adam pass
 * over 200704 parameters measured 3× slower with subnormal m on AMD Zen 5. Java cannot set FTZ/DAZ.
 */
final class OptimizerOps {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private OptimizerOps() {
    }

    static void sgd(float[] param, float[] grad, float[] velocity, int from, int to,
                    float lr, float momentum, float weightDecay, boolean nesterov, boolean firstStep) {
        boolean useMomentum = momentum != 0f;
        FloatVector vDecay = FloatVector.broadcast(S, weightDecay);
        FloatVector vMomentum = FloatVector.broadcast(S, momentum);
        FloatVector vNegLr = FloatVector.broadcast(S, -lr);
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
            FloatVector p = FloatVector.fromArray(S, param, i);
            FloatVector g = p.fma(vDecay, FloatVector.fromArray(S, grad, i));
            if (useMomentum) {
                FloatVector buf = flush(firstStep ? g : FloatVector.fromArray(S, velocity, i).fma(vMomentum, g));
                buf.intoArray(velocity, i);
                g = nesterov ? buf.fma(vMomentum, g) : buf;
            }
            g.fma(vNegLr, p).intoArray(param, i);
        }
        for (; i < to; i++) {
            float g = Math.fma(weightDecay, param[i], grad[i]);
            if (useMomentum) {
                float buf = flush(firstStep ? g : Math.fma(momentum, velocity[i], g));
                velocity[i] = buf;
                g = nesterov ? Math.fma(momentum, buf, g) : buf;
            }
            param[i] = Math.fma(-lr, g, param[i]);
        }
    }

    /** Adam's step factor η·√(1−β₂ᵗ)/(1−β₁ᵗ), computed in double exactly as the reference does. */
    static float adamStepSize(float lr, float beta1, float beta2, long step) {
        return (float) (lr * Math.sqrt(1.0 - Math.pow(beta2, step)) / (1.0 - Math.pow(beta1, step)));
    }

    /** Adam's ε·√(1−β₂ᵗ), computed in double exactly as the reference does. */
    static float adamEps(float eps, float beta2, long step) {
        return (float) (eps * Math.sqrt(1.0 - Math.pow(beta2, step)));
    }

    /**
     * Adam on [from, to) with the per-call factors {@link #adamStepSize} and {@link #adamEps}, so that
     * the parts of one call do not recompute them.
     */
    static void adam(float[] param, float[] grad, float[] m, float[] v, int from, int to,
                     float lr, float beta1, float beta2, float weightDecay, boolean decoupled,
                     float stepSize, float epsHat) {
        float decay = 1f - lr * weightDecay;
        float oneMinusBeta1 = 1f - beta1;
        float oneMinusBeta2 = 1f - beta2;
        FloatVector vDecay = FloatVector.broadcast(S, weightDecay);
        FloatVector vBeta1 = FloatVector.broadcast(S, beta1);
        FloatVector vBeta2 = FloatVector.broadcast(S, beta2);
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
            FloatVector p = FloatVector.fromArray(S, param, i);
            FloatVector g = FloatVector.fromArray(S, grad, i);
            if (decoupled) {
                p = p.mul(decay);
            } else {
                g = p.fma(vDecay, g);
            }
            FloatVector mi = flush(FloatVector.fromArray(S, m, i).fma(vBeta1, g.mul(oneMinusBeta1)));
            FloatVector vi = flush(FloatVector.fromArray(S, v, i).fma(vBeta2, g.mul(oneMinusBeta2).mul(g)));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            p.sub(mi.mul(stepSize).div(vi.sqrt().add(epsHat))).intoArray(param, i);
        }
        for (; i < to; i++) {
            float p = param[i];
            float g = grad[i];
            if (decoupled) {
                p *= decay;
            } else {
                g = Math.fma(p, weightDecay, g);
            }
            float mi = flush(Math.fma(m[i], beta1, g * oneMinusBeta1));
            float vi = flush(Math.fma(v[i], beta2, g * oneMinusBeta2 * g));
            m[i] = mi;
            v[i] = vi;
            param[i] = p - mi * stepSize / ((float) Math.sqrt(vi) + epsHat);
        }
    }

    static void rmsprop(float[] param, float[] grad, float[] square, float[] velocity, int from, int to,
                        float lr, float alpha, float eps, float weightDecay, float momentum) {
        boolean useMomentum = momentum != 0f;
        float oneMinusAlpha = 1f - alpha;
        FloatVector vDecay = FloatVector.broadcast(S, weightDecay);
        FloatVector vAlpha = FloatVector.broadcast(S, alpha);
        FloatVector vMomentum = FloatVector.broadcast(S, momentum);
        FloatVector vNegLr = FloatVector.broadcast(S, -lr);
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
            FloatVector p = FloatVector.fromArray(S, param, i);
            FloatVector g = p.fma(vDecay, FloatVector.fromArray(S, grad, i));
            FloatVector s = flush(FloatVector.fromArray(S, square, i).fma(vAlpha, g.mul(oneMinusAlpha).mul(g)));
            s.intoArray(square, i);
            FloatVector avg = s.sqrt().add(eps);
            if (useMomentum) {
                FloatVector buf = flush(FloatVector.fromArray(S, velocity, i).fma(vMomentum, g.div(avg)));
                buf.intoArray(velocity, i);
                buf.fma(vNegLr, p).intoArray(param, i);
            } else {
                p.sub(g.mul(lr).div(avg)).intoArray(param, i);
            }
        }
        for (; i < to; i++) {
            float p = param[i];
            float g = Math.fma(p, weightDecay, grad[i]);
            float s = flush(Math.fma(square[i], alpha, g * oneMinusAlpha * g));
            square[i] = s;
            float avg = (float) Math.sqrt(s) + eps;
            if (useMomentum) {
                float buf = flush(Math.fma(velocity[i], momentum, g / avg));
                velocity[i] = buf;
                param[i] = Math.fma(buf, -lr, p);
            } else {
                param[i] = p - g * lr / avg;
            }
        }
    }

    /**
     * Lanes whose magnitude is below the smallest normal float become +0; NaN and infinities stay. A float
     * is zero or subnormal exactly when its exponent bits are 0, so this is the rule |x| &lt; MIN_NORMAL of
     * the scalar tail: each lane is ANDed with −(bits &amp; 0x7f800000) &gt;&gt; 31, all ones unless the
     * exponent is 0. Written as {@code x.blend(0f, x.abs().lt(Float.MIN_NORMAL))} it measured 25% (Adam)
     * and 60% (RMSProp with momentum) slower per pass on JDK 17 with 512-bit vectors; these integer ops
     * cost a few percent.
     */
    private static FloatVector flush(FloatVector x) {
        IntVector bits = x.reinterpretAsInts();
        IntVector keep = bits.and(0x7f800000).neg().lanewise(VectorOperators.ASHR, 31);
        return bits.and(keep).reinterpretAsFloats();
    }

    /** The same rule for one element, in the scalar tails. */
    private static float flush(float x) {
        return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
    }

    static void adagrad(float[] param, float[] grad, float[] sum, int from, int to,
                        float lr, float eps, float weightDecay) {
        FloatVector vDecay = FloatVector.broadcast(S, weightDecay);
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
            FloatVector p = FloatVector.fromArray(S, param, i);
            FloatVector g = p.fma(vDecay, FloatVector.fromArray(S, grad, i));
            FloatVector s = g.fma(g, FloatVector.fromArray(S, sum, i));
            s.intoArray(sum, i);
            p.sub(g.mul(lr).div(s.sqrt().add(eps))).intoArray(param, i);
        }
        for (; i < to; i++) {
            float p = param[i];
            float g = Math.fma(p, weightDecay, grad[i]);
            float s = Math.fma(g, g, sum[i]);
            sum[i] = s;
            param[i] = p - g * lr / ((float) Math.sqrt(s) + eps);
        }
    }
}
