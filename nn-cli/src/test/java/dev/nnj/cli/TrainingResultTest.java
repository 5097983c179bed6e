package dev.nnj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnj.core.train.EpochMetrics;
import dev.nnj.core.train.TrainingHistory;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingResultTest {

    private static final List<EpochMetrics> EPOCHS = List.of(
            new EpochMetrics(0, 0.9, 0.50, 0.8, 0.55, 0.1f, 1),
            new EpochMetrics(1, 0.6, 0.70, 0.4, 0.80, 0.1f, 1),
            new EpochMetrics(2, 0.3, 0.90, 0.7, 0.60, 0.1f, 1));

    @Test
    void withoutATestSetTheSummaryReportsTheEpochWhoseWeightsTheModelHolds() {
        TrainingResult ranOut = new TrainingResult(new TrainingHistory(EPOCHS, false, 1, false, true), null, 2.0,
                "simd", 2);
        assertEquals("validation accuracy 0.8000, loss 0.4000; 3 epochs in 2.0 s, simd kernels, 2 threads;"
                + " weights of the best epoch, 2, restored", ranOut.summary());
        assertEquals(0.80, ranOut.accuracy());

        TrainingResult lastWeights = new TrainingResult(new TrainingHistory(EPOCHS, false, 1, false, false), null, 2.0,
                "scalar", 1);
        assertEquals("validation accuracy 0.6000, loss 0.7000; 3 epochs in 2.0 s, scalar kernels, 1 thread",
                lastWeights.summary());
    }
}
