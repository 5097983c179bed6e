package dev.nnj.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.core.Matrix;
import dev.nnj.core.Network;
import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import java.util.List;
import org.junit.jupiter.api.Test;

class SavedModelTest {

    private static Network sigmoidOfInput() {
        Network net = Network.builder(1).dense(1, Activation.SIGMOID).kernels(Kernels.scalar()).build();
        net.parameters().get(0).value()[0] = 1f; // ŷ = σ(x)
        return net;
    }

    @Test
    void aSingleOutputClassifiesWithTwoNames() {
        SavedModel model = new SavedModel(sigmoidOfInput(), Preprocessing.none(1), List.of("no", "yes"),
                TrainingSummary.untrained(0));

        assertEquals(List.of("no", "yes"), model.classify(Matrix.of(new float[][] {{-1}, {1}})));
    }

    @Test
    void aSingleOutputRefusesOneClassName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SavedModel(
                sigmoidOfInput(), Preprocessing.none(1), List.of("yes"), TrainingSummary.untrained(0)));

        assertEquals("1 class names for 1 outputs; expected one per output (or two for a single sigmoid output)",
                e.getMessage());
    }
}
