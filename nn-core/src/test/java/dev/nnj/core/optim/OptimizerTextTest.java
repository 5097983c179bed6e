package dev.nnj.core.optim;

import static dev.nnj.core.optim.OptimizerFixture.assertMessage;
import static dev.nnj.core.optim.OptimizerFixture.assertStatesEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Optimizer#describe()} and {@link Optimizers#parse}: the text form stored in checkpoints. */
class OptimizerTextTest {

    /**
     * One optimizer of every kind and preset with no hyperparameter at its default. The learning rates
     * are one ulp away from round decimals, so a text form that rounds would not read back the same.
     */
    private static List<Optimizer> nonDefault() {
        return List.of(
                new Sgd(Math.nextUp(0.05f), 0.8f, 0.01f, false),
                new Sgd(0.05f, 0.7f, 0.02f, true),
                Optimizers.create("momentum", Math.nextDown(0.3f), 0.001f),
                Optimizers.create("nesterov", 0.2f),
                new Adam(Math.nextUp(0.002f), 0.85f, 0.995f, 1e-7f, 0.02f),
                new AdamW(0.003f, 0.8f, 0.99f, 3e-9f, 0.05f),
                new RmsProp(Math.nextDown(0.004f), 0.95f, 1e-6f, 0.01f, 0.5f),
                new RmsProp(0.004f, 0.9f, 2e-8f, 0.03f, 0f),
                new AdaGrad(0.07f, 1e-9f, 0.03f));
    }

    @Test
    void parsingTheDescriptionGivesAnOptimizerThatDescribesAndStepsIdentically() {
        for (Optimizer original : nonDefault()) {
            String text = original.describe();
            Optimizer copy = Optimizers.parse(text);
            assertSame(original.getClass(), copy.getClass(), text);
            assertEquals(text, copy.describe());
            assertEquals(0, copy.steps(), text + ": parsed optimizers start with fresh state");

            List<Parameter> originalParameters = OptimizerFixture.parameters();
            List<Parameter> copyParameters = OptimizerFixture.parameters();
            OptimizerFixture.run(original, originalParameters, 0, OptimizerFixture.STEPS);
            OptimizerFixture.run(copy, copyParameters, 0, OptimizerFixture.STEPS);
            for (int p = 0; p < originalParameters.size(); p++) {
                float[] expected = originalParameters.get(p).value();
                float[] actual = copyParameters.get(p).value();
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                            text + ": parameter " + p + ", element " + i);
                }
            }
            assertStatesEqual(original.state(), copy.state());
        }
    }

    @Test
    void everyHyperparameterChangesTheDescription() {
        // A key missing from describe() would make two different optimizers describe alike.
        assertNotEquals(new Sgd(0.1f, 0.9f, 0f, false).describe(), new Sgd(0.1f, 0.9f, 0f, true).describe());
        assertNotEquals(new Sgd(0.1f, 0.9f, 0f, false).describe(), new Sgd(0.1f, 0.9f, 0.5f, false).describe());
        assertNotEquals(new Adam(0.1f, 0.9f, 0.99f, 1e-8f, 0f).describe(), new Adam(0.1f, 0.9f, 0.999f, 1e-8f, 0f).describe());
        assertNotEquals(new Adam(0.1f).describe(), new AdamW(0.1f, 0.9f, 0.999f, 1e-8f, 0f).describe());
        assertNotEquals(new RmsProp(0.1f, 0.99f, 1e-8f, 0f, 0.5f).describe(), new RmsProp(0.1f).describe());
        assertNotEquals(new AdaGrad(0.1f, 1e-9f, 0f).describe(), new AdaGrad(0.1f).describe());
    }

    @Test
    void theTextNamesTheKindAndEveryHyperparameterInAFixedOrder() {
        assertEquals("sgd:lr=0.01,momentum=0.9,nesterov=true,weight_decay=0.0", Optimizers.create("nesterov", 0.01f).describe());
        assertEquals("adam:lr=0.001,beta1=0.9,beta2=0.999,eps=1.0E-8,weight_decay=0.0", new Adam().describe());
        assertEquals("adamw:lr=0.001,beta1=0.9,beta2=0.999,eps=1.0E-8,weight_decay=0.01", new AdamW().describe());
        assertEquals("rmsprop:lr=0.01,alpha=0.99,eps=1.0E-8,momentum=0.0,weight_decay=0.0", new RmsProp().describe());
        assertEquals("adagrad:lr=0.01,eps=1.0E-10,weight_decay=0.0", new AdaGrad().describe());
    }

    @Test
    void theStateCarriesTheDescription() {
        Optimizer adam = new Adam(0.02f);
        OptimizerFixture.run(adam, OptimizerFixture.parameters(), 0, 1);
        assertEquals(adam.describe(), adam.state().description());
    }

    @Test
    void omittedKeysTakeTorchDefaults() {
        Adam adam = assertInstanceOf(Adam.class, Optimizers.parse("adam:"));
        assertEquals(1e-3f, adam.learningRate());
        assertEquals(0.9f, adam.beta1());
        assertEquals(0.999f, adam.beta2());
        assertEquals(1e-8f, adam.eps());
        assertEquals(0f, adam.weightDecay());

        AdamW adamW = assertInstanceOf(AdamW.class, Optimizers.parse("adamw:lr=0.5"));
        assertEquals(0.5f, adamW.learningRate());
        assertEquals(0.01f, adamW.weightDecay());

        Sgd sgd = assertInstanceOf(Sgd.class, Optimizers.parse("sgd:momentum=0.5"));
        assertEquals(1e-3f, sgd.learningRate());
        assertEquals(0.5f, sgd.momentum());
        assertFalse(sgd.nesterov());

        RmsProp rmsProp = assertInstanceOf(RmsProp.class, Optimizers.parse("rmsprop:eps=1e-6"));
        assertEquals(0.01f, rmsProp.learningRate());
        assertEquals(0.99f, rmsProp.alpha());
        assertEquals(0f, rmsProp.momentum());

        AdaGrad adaGrad = assertInstanceOf(AdaGrad.class, Optimizers.parse("adagrad:weight_decay=0.25"));
        assertEquals(0.01f, adaGrad.learningRate());
        assertEquals(1e-10f, adaGrad.eps());
        assertEquals(0.25f, adaGrad.weightDecay());
    }

    @Test
    void numbersMayBeWrittenAsPeopleWriteThem() {
        Optimizer typed = Optimizers.parse(" adam : lr=1e-3, beta1=.9 ,beta2=0.999,eps=1e-08,weight_decay=0");
        assertEquals(new Adam().describe(), typed.describe());
        Sgd sgd = assertInstanceOf(Sgd.class, Optimizers.parse("sgd:lr=+2.5E-1,nesterov=true,momentum=9e-1"));
        assertEquals(0.25f, sgd.learningRate());
        assertEquals(0.9f, sgd.momentum());
        assertTrue(sgd.nesterov());
    }

    @Test
    void aMissingColonOrUnknownKindListsTheKinds() {
        assertMessage(parseError("adam"), "'adam' has no ':' after the kind", "adam:lr=0.001",
                "sgd, adam, adamw, rmsprop, adagrad");
        assertMessage(parseError("lbfgs:lr=1"), "unknown kind 'lbfgs'", "expected one of sgd, adam, adamw, rmsprop, adagrad");
        assertMessage(parseError("nesterov:lr=0.1"), "unknown kind 'nesterov'",
                "the nesterov preset is sgd:momentum=0.9,nesterov=true");
        assertMessage(parseError(null), "optimizer description is missing");
    }

    @Test
    void anUnknownKeyListsTheValidOnes() {
        assertMessage(parseError("adam:lr=0.1,betas=0.9"), "'adam:lr=0.1,betas=0.9'", "unknown key 'betas' for adam",
                "valid keys: lr, beta1, beta2, eps, weight_decay");
        assertMessage(parseError("sgd:dampening=0.1"), "unknown key 'dampening' for sgd",
                "valid keys: lr, momentum, nesterov, weight_decay");
        assertMessage(parseError("adagrad:lr"), "entry 'lr' is not <key>=<value>", "valid keys for adagrad: lr, eps, weight_decay");
        assertMessage(parseError("rmsprop:lr=0.1,,eps=1e-8"), "entry '' is not <key>=<value>");
        assertMessage(parseError("sgd:lr=0.1,lr=0.2"), "key 'lr' is given twice");
    }

    @Test
    void aBadValueIsNamedWithItsKey() {
        assertMessage(parseError("adam:lr=fast"), "'adam:lr=fast'", "lr must be a decimal number", "got 'fast'");
        assertMessage(parseError("adam:eps=NaN"), "eps must be a decimal number", "got 'NaN'");
        assertMessage(parseError("sgd:lr=0x1p-3"), "lr must be a decimal number", "got '0x1p-3'");
        assertMessage(parseError("sgd:lr=0.1f"), "got '0.1f'");
        assertMessage(parseError("rmsprop:alpha="), "alpha must be a decimal number", "got ''");
        assertMessage(parseError("sgd:momentum=0.9,nesterov=yes"), "nesterov must be true or false, got 'yes'");
    }

    @Test
    void aValueOutOfRangeGetsTheOptimizersOwnMessage() {
        assertMessage(parseError("sgd:momentum=1.5"), "'sgd:momentum=1.5'", "momentum must be in [0, 1), got 1.5");
        assertMessage(parseError("adam:lr=-0.1"), "learning rate must be > 0 and finite, got -0.1");
        assertMessage(parseError("sgd:nesterov=true"), "Nesterov momentum requires momentum > 0");
        assertMessage(parseError("adagrad:eps=1e60"), "eps must be > 0 and finite, got Infinity");
    }

    private static IllegalArgumentException parseError(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Optimizers.parse(text), text);
    }
}
