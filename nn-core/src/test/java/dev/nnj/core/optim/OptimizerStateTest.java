package dev.nnj.core.optim;

import static dev.nnj.core.optim.OptimizerFixture.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.core.Parameter;
import dev.nnj.core.kernel.Kernels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lazy state creation, parameter checks, and state()/restore() contracts shared by all optimizers. */
class OptimizerStateTest {

    private static Adam adamAfterOneStep() {
        Adam adam = new Adam(0.1f);
        OptimizerFixture.run(adam, OptimizerFixture.parameters(), 0, 1);
        return adam;
    }

    @Test
    void stateIsCreatedOnTheFirstStep() {
        Adam adam = new Adam(0.1f);
        assertEquals(0, adam.steps());
        assertEquals(Map.of(), adam.state().buffers());
        OptimizerFixture.run(adam, OptimizerFixture.parameters(), 0, 1);
        assertEquals(4, adam.state().buffers().size());
        assertEquals(3, adam.state().buffers().get("0.exp_avg").length);
        assertEquals(2, adam.state().buffers().get("1.exp_avg_sq").length);
    }

    @Test
    void aDifferentParameterCountIsRejected() {
        Adam adam = adamAfterOneStep();
        List<Parameter> fewer = OptimizerFixture.parameters().subList(0, 1);
        try (Kernels kernels = Kernels.scalar()) {
            assertMessage(assertThrows(IllegalArgumentException.class, () -> adam.step(kernels, fewer, 0.1f)),
                    "created for 2 parameters, got 1");
        }
    }

    @Test
    void aDifferentParameterSizeIsRejectedNamingTheParameter() {
        for (Optimizer optimizer : List.of(new Sgd(0.1f), adamAfterOneStep())) {
            if (optimizer.steps() == 0) {
                OptimizerFixture.run(optimizer, OptimizerFixture.parameters(), 0, 1);
            }
            List<Parameter> resized = List.of(Parameter.zeros("p0", 3), Parameter.zeros("layers.1.bias", 4));
            try (Kernels kernels = Kernels.scalar()) {
                assertMessage(assertThrows(IllegalArgumentException.class, () -> optimizer.step(kernels, resized, 0.1f)),
                        "parameter 1 (layers.1.bias[4]) has 4 elements", "created for 2");
            }
        }
    }

    @Test
    void theStateBelongsToTheParametersItWasCreatedFor() {
        // As a torch.optim optimizer is bound to its parameters: another network's parameters of the same
        // shapes would be stepped with moments that are not theirs.
        Adam adam = adamAfterOneStep();
        List<Parameter> another = OptimizerFixture.parameters();
        try (Kernels kernels = Kernels.scalar()) {
            assertMessage(assertThrows(IllegalArgumentException.class, () -> adam.step(kernels, another, 0.1f)),
                    "parameter 0 (", "is not the one this optimizer has stepped", "use a new optimizer for each network");

            // Restored state belongs to whichever parameters step next (resuming into a loaded network).
            Adam resumed = new Adam(0.1f);
            resumed.restore(adam.state());
            resumed.step(kernels, another, 0.1f);
            assertEquals(2, resumed.steps());
            assertThrows(IllegalArgumentException.class,
                    () -> resumed.step(kernels, OptimizerFixture.parameters(), 0.1f));

            // Plain SGD keeps no state, so any parameters of the same shapes may take its steps.
            Sgd sgd = new Sgd(0.1f);
            OptimizerFixture.run(sgd, OptimizerFixture.parameters(), 0, 1);
            sgd.step(kernels, another, 0.1f);
            assertEquals(2, sgd.steps());
        }
    }

    @Test
    void stepRateMustBeNonNegativeAndFinite() {
        try (Kernels kernels = Kernels.scalar()) {
            List<Parameter> parameters = OptimizerFixture.parameters();
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> new Sgd(0.1f).step(kernels, parameters, -0.1f)), "got -0.1");
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> new AdaGrad().step(kernels, parameters, Float.NaN)), "got NaN");
            // A schedule may reach 0 (cosine to a minimum of 0): that step leaves the values unchanged.
            new Sgd(0.1f).step(kernels, parameters, 0f);
            assertArrayEquals(OptimizerFixture.INITIAL[0], parameters.get(0).value());
        }
    }

    @Test
    void stateIsADeepCopy() {
        Adam adam = adamAfterOneStep();
        OptimizerState before = adam.state();
        float original = before.buffers().get("0.exp_avg")[0];
        before.buffers().get("0.exp_avg")[0] = 42f;
        assertEquals(original, adam.state().buffers().get("0.exp_avg")[0]);
    }

    @Test
    void restoreCopiesTheGivenBuffers() {
        OptimizerState state = adamAfterOneStep().state();
        float original = state.buffers().get("1.exp_avg_sq")[1];
        Adam restored = new Adam(0.1f);
        restored.restore(state);
        state.buffers().get("1.exp_avg_sq")[1] = 42f;
        assertEquals(original, restored.state().buffers().get("1.exp_avg_sq")[1]);
        assertEquals(1, restored.steps());
    }

    @Test
    void restoreChecksTheKind() {
        OptimizerState adamState = adamAfterOneStep().state();
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new RmsProp().restore(adamState)),
                "cannot restore the state of optimizer 'adam' into optimizer 'rmsprop'");
    }

    @Test
    void restoreChecksBufferNamesAndSizes() {
        Map<String, float[]> buffers = new LinkedHashMap<>(adamAfterOneStep().state().buffers());
        Adam fresh = new Adam(0.1f);

        Map<String, float[]> unknown = new LinkedHashMap<>(buffers);
        unknown.put("0.momentum_buffer", new float[3]);
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> fresh.restore(new OptimizerState("adam", 1, unknown))),
                "unexpected optimizer buffer 0.momentum_buffer", "<index>.exp_avg or <index>.exp_avg_sq");

        Map<String, float[]> missing = new LinkedHashMap<>(buffers);
        missing.remove("1.exp_avg_sq");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> fresh.restore(new OptimizerState("adam", 1, missing))), "1.exp_avg_sq is missing");

        Map<String, float[]> gap = new LinkedHashMap<>();
        gap.put("1.exp_avg", new float[2]);
        gap.put("1.exp_avg_sq", new float[2]);
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> fresh.restore(new OptimizerState("adam", 1, gap))), "0.exp_avg is missing");

        Map<String, float[]> uneven = new LinkedHashMap<>(buffers);
        uneven.put("0.exp_avg_sq", new float[5]);
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> fresh.restore(new OptimizerState("adam", 1, uneven))), "0.exp_avg_sq has 5 elements, expected 3");

        Map<String, float[]> resized = new LinkedHashMap<>(buffers);
        resized.put("1.exp_avg", new float[4]);
        resized.put("1.exp_avg_sq", new float[4]);
        Adam stepped = adamAfterOneStep();
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> stepped.restore(new OptimizerState("adam", 1, resized))),
                "1.exp_avg has 4 elements, but parameter 1 has 2");

        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> fresh.restore(new OptimizerState("adam", -1, buffers))), "step count must be >= 0, got -1");
    }

    @Test
    void restoredSizesAreCheckedOnTheNextStep() {
        Map<String, float[]> buffers = Map.of("0.sum", new float[3], "1.sum", new float[5]);
        AdaGrad adaGrad = new AdaGrad();
        adaGrad.restore(new OptimizerState("adagrad", 7, buffers));
        try (Kernels kernels = Kernels.scalar()) {
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> adaGrad.step(kernels, OptimizerFixture.parameters(), 0.1f)),
                    "parameter 1 (p1[2]) has 2 elements, but the optimizer state was created for 5");
        }
    }

    @Test
    void restoringAnEmptyStateStartsAfresh() {
        Sgd sgd = new Sgd(0.1f, 0.9f, 0f, false);
        OptimizerFixture.run(sgd, OptimizerFixture.parameters(), 0, 2);
        sgd.restore(new Sgd(0.1f, 0.9f, 0f, false).state());
        assertEquals(0, sgd.steps());
        // The momentum buffer is created again from the next gradient, as on a first step.
        OptimizerFixture.run(sgd, OptimizerFixture.parameters(), 2, 3);
        assertArrayEquals(OptimizerFixture.GRADIENTS[2][0], sgd.state().buffers().get("0.momentum_buffer"));
    }
}
