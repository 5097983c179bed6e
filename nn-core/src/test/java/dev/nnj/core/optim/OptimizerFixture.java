package dev.nnj.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.Parameter;
import dev.nnj.core.kernel.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The fixed problem every optimizer test runs: two parameters (3 and 2 elements), three steps with
 * fixed gradients and per-step learning rates (as a schedule would give). All inputs are exact binary
 * fractions, so the float optimizer and the double reference start from identical numbers.
 */
final class OptimizerFixture {

    static final int STEPS = 3;
    static final float[][] INITIAL = {{0.5f, -1.25f, 2f}, {0.75f, -0.375f}};
    /** GRADIENTS[step][parameter][element]; one element has a zero gradient in step 2. */
    static final float[][][] GRADIENTS = {
            {{0.25f, -0.5f, 1f}, {-2f, 0.125f}},
            {{0.5f, 0.25f, -0.75f}, {-1f, 0f}},
            {{-0.125f, -0.5f, 0.5f}, {1.5f, 0.0625f}},
    };
    static final float[] RATES = {0.1f, 0.1f, 0.05f};

    private OptimizerFixture() {
    }

    /** Fresh parameters holding {@link #INITIAL}. */
    static List<Parameter> parameters() {
        List<Parameter> parameters = new ArrayList<>();
        for (int p = 0; p < INITIAL.length; p++) {
            Parameter parameter = Parameter.zeros("p" + p, INITIAL[p].length);
            System.arraycopy(INITIAL[p], 0, parameter.value(), 0, INITIAL[p].length);
            parameters.add(parameter);
        }
        return parameters;
    }

    /** Runs steps {@code from} … {@code to − 1} of the fixture. */
    static void run(Optimizer optimizer, List<Parameter> parameters, int from, int to) {
        try (Kernels kernels = Kernels.scalar()) {
            for (int s = from; s < to; s++) {
                for (int p = 0; p < parameters.size(); p++) {
                    System.arraycopy(GRADIENTS[s][p], 0, parameters.get(p).grad(), 0, GRADIENTS[s][p].length);
                }
                optimizer.step(kernels, parameters, RATES[s]);
            }
        }
    }

    /**
     * One single-element parameter that gets gradient 1 on the first step and 0 on the {@code steps − 1}
     * after it, as the weight of a ReLU unit that died; returns the parameter.
     */
    static Parameter runDeadUnit(Optimizer optimizer, int steps) {
        Parameter parameter = Parameter.zeros("w", 1);
        try (Kernels kernels = Kernels.scalar()) {
            for (int s = 0; s < steps; s++) {
                parameter.grad()[0] = s == 0 ? 1f : 0f;
                optimizer.step(kernels, List.of(parameter), 1e-3f);
            }
        }
        return parameter;
    }

    /**
     * After {@link #runDeadUnit}: every named state buffer holds exactly +0, and one more zero-gradient
     * step leaves the parameter bit for bit where it was.
     */
    static void assertDeadUnitSettled(Optimizer optimizer, Parameter parameter, String... buffers) {
        for (String name : buffers) {
            assertEquals(0, Float.floatToRawIntBits(optimizer.state().buffers().get(name)[0]),
                    name + " = " + optimizer.state().buffers().get(name)[0] + ", not +0");
        }
        float before = parameter.value()[0];
        try (Kernels kernels = Kernels.scalar()) {
            optimizer.step(kernels, List.of(parameter), 1e-3f);
        }
        assertEquals(Float.floatToRawIntBits(before), Float.floatToRawIntBits(parameter.value()[0]));
    }

    /** {@link #INITIAL} in double precision, for the references. */
    static double[][] initial() {
        double[][] theta = new double[INITIAL.length][];
        for (int p = 0; p < INITIAL.length; p++) {
            theta[p] = new double[INITIAL[p].length];
            for (int i = 0; i < theta[p].length; i++) {
                theta[p][i] = INITIAL[p][i];
            }
        }
        return theta;
    }

    /** Zero state shaped like the parameters. */
    static double[][] zerosLikeParameters() {
        double[][] zeros = new double[INITIAL.length][];
        for (int p = 0; p < INITIAL.length; p++) {
            zeros[p] = new double[INITIAL[p].length];
        }
        return zeros;
    }

    /**
     * A reference update applied to θ for one step: θ, g and the step's rate in double, the step number
     * t counted from 1.
     */
    interface ReferenceStep {
        void apply(double[][] theta, float[][] gradient, double lr, int t);
    }

    /**
     * Runs {@code optimizer} and {@code reference} side by side over the three steps and checks after
     * every step that each element agrees to 1e-6 relative (plus 1e-7 absolute for values near zero).
     */
    static void assertMatchesReference(Optimizer optimizer, ReferenceStep reference) {
        List<Parameter> parameters = parameters();
        double[][] theta = initial();
        for (int s = 0; s < STEPS; s++) {
            run(optimizer, parameters, s, s + 1);
            reference.apply(theta, GRADIENTS[s], RATES[s], s + 1);
            for (int p = 0; p < theta.length; p++) {
                for (int i = 0; i < theta[p].length; i++) {
                    double expected = theta[p][i];
                    double actual = parameters.get(p).value()[i];
                    assertEquals(expected, actual, 1e-6 * Math.abs(expected) + 1e-7,
                            "step " + (s + 1) + ", parameter " + p + ", element " + i);
                }
            }
        }
        assertEquals(STEPS, optimizer.steps());
    }

    /**
     * Three steps in one optimizer give bit-identical parameters and state to two steps, a checkpoint
     * restored into a fresh optimizer, and the third step there.
     */
    static void assertRestoreContinuesExactly(Supplier<Optimizer> factory) {
        Optimizer straight = factory.get();
        List<Parameter> straightParameters = parameters();
        run(straight, straightParameters, 0, STEPS);

        Optimizer first = factory.get();
        List<Parameter> resumedParameters = parameters();
        run(first, resumedParameters, 0, STEPS - 1);
        OptimizerState checkpoint = first.state();
        Optimizer resumed = factory.get();
        resumed.restore(checkpoint);
        assertEquals(STEPS - 1, resumed.steps());
        run(resumed, resumedParameters, STEPS - 1, STEPS);

        for (int p = 0; p < straightParameters.size(); p++) {
            assertArrayEquals(straightParameters.get(p).value(), resumedParameters.get(p).value(), "parameter " + p);
        }
        assertStatesEqual(straight.state(), resumed.state());
    }

    static void assertStatesEqual(OptimizerState expected, OptimizerState actual) {
        assertEquals(expected.optimizer(), actual.optimizer());
        assertEquals(expected.steps(), actual.steps());
        assertEquals(List.copyOf(expected.buffers().keySet()), List.copyOf(actual.buffers().keySet()));
        for (String name : expected.buffers().keySet()) {
            assertArrayEquals(expected.buffers().get(name), actual.buffers().get(name), name);
        }
    }

    /** Asserts that {@code error}'s message contains every fragment. */
    static void assertMessage(Throwable error, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(error.getMessage().contains(fragment),
                    "message '" + error.getMessage() + "' should contain '" + fragment + "'");
        }
    }
}
