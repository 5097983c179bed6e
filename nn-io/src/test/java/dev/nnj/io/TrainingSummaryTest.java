package dev.nnj.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnj.core.train.EpochMetrics;
import dev.nnj.core.train.TrainingHistory;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingSummaryTest {

    private static final List<EpochMetrics> EPOCHS = List.of(
            new EpochMetrics(0, 0.9, 0.50, 0.8, 0.55, 0.1f, 1),
            new EpochMetrics(1, 0.6, 0.70, 0.4, 0.80, 0.1f, 1),
            new EpochMetrics(2, 0.3, 0.90, 0.7, 0.60, 0.1f, 1));

    @Test
    void aRunThatEndedOnTheBestWeightsIsSummarisedByTheBestEpoch() {
        TrainingSummary s = TrainingSummary.of(new TrainingHistory(EPOCHS, false, 1, false, true), 7, "adam");
        assertEquals(3, s.epochs());
        assertEquals(1, s.bestEpoch());
        assertEquals(0.6, s.trainLoss());
        assertEquals(0.70, s.trainAccuracy());
        assertEquals(0.4, s.validationLoss());
        assertEquals(0.80, s.validationAccuracy());
    }

    @Test
    void aRunThatKeptItsLastWeightsIsSummarisedByTheLastEpoch() {
        // Interrupted with early stopping on: the best epoch is known, but the weights are the last ones.
        TrainingSummary s = TrainingSummary.of(new TrainingHistory(EPOCHS, false, 1, true, false), 7, "adam");
        assertEquals(1, s.bestEpoch());
        assertEquals(0.3, s.trainLoss());
        assertEquals(0.7, s.validationLoss());
        assertEquals(0.60, s.validationAccuracy());
    }
}
