package dev.nnj.core.optim;

import static dev.nnj.core.optim.OptimizerFixture.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OptimizersTest {

    @Test
    void everyIdCreatesItsOptimizerWithTorchDefaults() {
        Sgd sgd = assertInstanceOf(Sgd.class, Optimizers.create("sgd"));
        assertEquals(1e-3f, sgd.learningRate());
        assertEquals(0f, sgd.momentum());

        Sgd momentum = assertInstanceOf(Sgd.class, Optimizers.create("momentum"));
        assertEquals(0.9f, momentum.momentum());
        assertFalse(momentum.nesterov());

        Sgd nesterov = assertInstanceOf(Sgd.class, Optimizers.create("nesterov"));
        assertEquals(0.9f, nesterov.momentum());
        assertTrue(nesterov.nesterov());

        Adam adam = assertInstanceOf(Adam.class, Optimizers.create("adam"));
        assertEquals(1e-3f, adam.learningRate());
        assertEquals(0f, adam.weightDecay());

        AdamW adamW = assertInstanceOf(AdamW.class, Optimizers.create("adamw"));
        assertEquals(0.01f, adamW.weightDecay());

        assertEquals(0.01f, assertInstanceOf(RmsProp.class, Optimizers.create("rmsprop")).learningRate());
        assertEquals(0.01f, assertInstanceOf(AdaGrad.class, Optimizers.create("adagrad")).learningRate());
    }

    @Test
    void learningRateAndWeightDecayCanBeGiven() {
        AdamW adamW = assertInstanceOf(AdamW.class, Optimizers.create("adamw", 0.5f));
        assertEquals(0.5f, adamW.learningRate());
        assertEquals(0.01f, adamW.weightDecay());
        Adam adam = assertInstanceOf(Adam.class, Optimizers.create("adam", 0.5f, 0.25f));
        assertEquals(0.25f, adam.weightDecay());
        for (String id : Optimizers.IDS) {
            assertEquals(0.25f, Optimizers.create(id, 0.25f).learningRate(), id);
        }
    }

    @Test
    void idsIgnoreCaseAndSurroundingSpacesAsActivationNamesDo() {
        assertInstanceOf(Adam.class, Optimizers.create("Adam"));
        AdamW adamW = assertInstanceOf(AdamW.class, Optimizers.create(" ADAMW ", 0.5f));
        assertEquals(0.01f, adamW.weightDecay(), "AdamW's default weight decay whatever the case");
        assertEquals(0.01f, Optimizers.defaultLearningRate("RMSprop"));
        assertTrue(assertInstanceOf(Sgd.class, Optimizers.create("Nesterov")).nesterov());
    }

    @Test
    void unknownIdsListTheKnownOnes() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Optimizers.create("lbfgs")),
                "unknown optimizer 'lbfgs'", "sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad");
        assertThrows(IllegalArgumentException.class, () -> Optimizers.create(null));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Optimizers.create("adam", -0.1f)),
                "learning rate must be > 0 and finite, got -0.1");
    }
}
