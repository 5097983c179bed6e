package dev.nnj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnj.core.Matrix;
import dev.nnj.core.train.EpochMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text formats nnj writes: epoch lines, metrics CSV/JSON, prediction CSV, JSON strings. */
class OutputFormatsTest {

    private static final EpochMetrics WITH_VALIDATION = new EpochMetrics(2, 0.43215, 0.84561, 0.39871, 0.86123, 1e-3f, 4.25);
    private static final EpochMetrics REGRESSION = new EpochMetrics(0, 1.5, Double.NaN, Double.NaN, Double.NaN, 0.01f, 0.5);

    @Test
    void epochLineShowsWhatWasMeasured() {
        assertEquals("epoch  3/20  loss 0.4322  acc 0.8456  val_loss 0.3987  val_acc 0.8612  lr 0.00100  4.3 s",
                ProgressDisplay.epochLine(WITH_VALIDATION, 20));
        assertEquals("epoch 1/5  loss 1.5000  lr 0.0100  0.5 s", ProgressDisplay.epochLine(REGRESSION, 5));
    }

    @Test
    void metricsCsvLeavesUnmeasuredValuesEmpty() {
        assertEquals("""
                epoch,train_loss,train_accuracy,val_loss,val_accuracy,learning_rate,seconds
                3,0.432150,0.845610,0.398710,0.861230,0.00100000,4.250
                1,1.50000,,,,0.0100000,0.500
                """, MetricsFile.csv(List.of(WITH_VALIDATION, REGRESSION)));
    }

    @Test
    void metricsJsonWritesNullForUnmeasuredValues() {
        assertEquals("""
                {"epochs": [
                  {"epoch": 1, "train_loss": 1.50000, "train_accuracy": null, "val_loss": null, \
                "val_accuracy": null, "learning_rate": 0.0100000, "seconds": 0.500}
                ]}
                """, MetricsFile.json(List.of(REGRESSION)));
        assertEquals("{\"epochs\": []}\n", MetricsFile.json(List.of()));
    }

    @Test
    void predictionCsvQuotesClassNamesAndListsProbabilities() {
        PredictionCsv csv = new PredictionCsv(List.of("T-shirt/top", "Bag, small", "say \"hi\""), 3, true);
        assertEquals("row,predicted,label,p_T-shirt/top,\"p_Bag, small\",\"p_say \"\"hi\"\"\"\n", csv.header());
        Matrix out = Matrix.of(new float[][] {{0.1f, 0.7f, 0.2f}});
        assertEquals("7,\"Bag, small\",T-shirt/top,0.100000,0.700000,0.200000\n", csv.row(7, out, 0, "T-shirt/top"));
    }

    @Test
    void aSingleSigmoidOutputStandsForTwoClasses() {
        PredictionCsv csv = new PredictionCsv(List.of("no", "yes"), 1, false);
        assertEquals("row,predicted,p_no,p_yes\n", csv.header());
        assertEquals("0,yes,0.250000,0.750000\n", csv.row(0, Matrix.of(new float[][] {{0.75f}}), 0, null));
    }

    @Test
    void regressionPredictionsAreTheOutputs() {
        PredictionCsv csv = new PredictionCsv(List.of(), 2, false);
        assertEquals("row,output_0,output_1\n", csv.header());
        assertEquals("4,1.50000,-0.250000\n", csv.row(4, Matrix.of(new float[][] {{1.5f, -0.25f}}), 0, null));
    }

    @Test
    void jsonStringsAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\u000ad\"", EvaluationJson.quote("a\"b\\c\nd"));
        assertEquals("null", EvaluationJson.number(Double.NaN));
    }
}
