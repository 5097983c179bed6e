package dev.nnj.bench;

import dev.nnj.core.Network;
import dev.nnj.core.Parameter;
import dev.nnj.core.kernel.Kernels;
import java.util.List;
import java.util.Random;

/**
 * The eight products of one training step of {@link Mlp}, and nothing else: the same shapes, transposes
 * and β as the step, on the network's own weight and gradient arrays. The yardstick for a step's cost
 * beyond its GEMMs ({@link StepGemmsBenchmark}, {@link StepProfile}).
 */
final class StepGemms {

    private static final int H1 = 256;
    private static final int H2 = 128;

    private final Kernels kernels;
    private final int batch;
    private final float[] w1;
    private final float[] w2;
    private final float[] w3;
    private final float[] gw1;
    private final float[] gw2;
    private final float[] gw3;
    private final float[] a1;
    private final float[] a2;
    private final float[] a3;
    private final float[] g1;
    private final float[] g2;
    private final float[] g3;
    private final float[] d1;
    private final float[] d2;

    /** Products on {@code network}'s parameters (an {@link Mlp}), with activations and gradients of a {@code batch}. */
    StepGemms(Kernels kernels, Network network, int batch, Random rng) {
        this.kernels = kernels;
        this.batch = batch;
        List<Parameter> p = network.parameters();
        w1 = p.get(0).value();
        gw1 = p.get(0).grad();
        w2 = p.get(2).value();
        gw2 = p.get(2).grad();
        w3 = p.get(4).value();
        gw3 = p.get(4).grad();
        a1 = new float[batch * H1];
        a2 = new float[batch * H2];
        a3 = new float[batch * Mlp.CLASSES];
        // Gradients of the size a trained network sees; their values do not change the work.
        g1 = Inputs.uniform(rng, batch * H1, -1e-3f, 1e-3f);
        g2 = Inputs.uniform(rng, batch * H2, -1e-3f, 1e-3f);
        g3 = Inputs.uniform(rng, batch * Mlp.CLASSES, -1e-2f, 1e-2f);
        d1 = new float[batch * H1];
        d2 = new float[batch * H2];
    }

    /** Forward X·Wᵀ for each layer, then each layer's Gᵀ·H (β = 0, as right after zeroGrad) and G·W. */
    float[] run(float[] x) {
        int m = batch;
        int in = Mlp.INPUTS;
        int c = Mlp.CLASSES;
        Kernels k = kernels;
        k.sgemm(false, true, m, H1, in, 1f, x, 0, in, w1, 0, in, 0f, a1, 0, H1);
        k.sgemm(false, true, m, H2, H1, 1f, a1, 0, H1, w2, 0, H1, 0f, a2, 0, H2);
        k.sgemm(false, true, m, c, H2, 1f, a2, 0, H2, w3, 0, H2, 0f, a3, 0, c);
        k.sgemm(true, false, c, H2, m, 1f, g3, 0, c, a2, 0, H2, 0f, gw3, 0, H2);
        k.sgemm(false, false, m, H2, c, 1f, g3, 0, c, w3, 0, H2, 0f, d2, 0, H2);
        k.sgemm(true, false, H2, H1, m, 1f, g2, 0, H2, a1, 0, H1, 0f, gw2, 0, H1);
        k.sgemm(false, false, m, H1, H2, 1f, g2, 0, H2, w2, 0, H1, 0f, d1, 0, H1);
        k.sgemm(true, false, H1, in, m, 1f, g1, 0, H1, x, 0, in, 0f, gw1, 0, in);
        return gw1;
    }
}
