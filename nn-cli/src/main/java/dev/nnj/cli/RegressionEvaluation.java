package dev.nnj.cli;

import dev.nnj.core.Matrix;
import dev.nnj.core.metrics.RegressionMetrics;
import dev.nnj.io.CsvReader;
import dev.nnj.io.SavedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code nnj evaluate} for a regression model (one without classes): RMSE, MAE and R² of each output on a
 * CSV file that holds the model's features and, after them or in the {@code --label} column, its targets.
 *
 * @param samples the rows of the file
 * @param targets one entry per model output, named after its column
 */
record RegressionEvaluation(int samples, List<Target> targets) {

    /** The scores of one output. R² is 1 − SSE/SST, NaN when the targets are all equal (SST = 0). */
    record Target(String name, double rmse, double mae, double r2) {
    }

    /**
     * @param labelColumn the target column's header name or 0-based index (negative from the end), for a model
     *                    of one output; null for the last columns, one per output
     */
    static RegressionEvaluation of(SavedModel model, Path file, char delimiter, String labelColumn) throws IOException {
        int inputs = model.network().inputSize();
        int outputs = model.network().outputSize();
        CsvReader.Features csv = CsvReader.readFeatures(file, delimiter);
        List<String> columns = csv.columns();
        if (columns.size() != inputs + outputs) {
            throw new IllegalArgumentException(file + " has " + columns.size() + " columns, but the regression model takes "
                    + inputs + " features and gives " + outputs + " output" + (outputs == 1 ? "" : "s") + ": expected "
                    + (inputs + outputs) + " columns, the features and then the targets");
        }
        int[] targetColumns = targetColumns(columns, outputs, labelColumn, file);
        List<String> featureColumns = new ArrayList<>(columns);
        for (int k = outputs - 1; k >= 0; k--) {
            featureColumns.remove(targetColumns[k]);
        }
        model.requireFeatureNames(featureColumns, file.toString());
        int rows = csv.rows();
        RegressionMetrics[] errors = new RegressionMetrics[outputs];
        double[] mean = new double[outputs];
        for (int k = 0; k < outputs; k++) {
            errors[k] = new RegressionMetrics();
        }
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < outputs; k++) {
                mean[k] += csv.values()[r * columns.size() + targetColumns[k]] / (double) rows;
            }
        }
        double[] sumOfSquaresAroundMean = new double[outputs];
        for (int from = 0; from < rows; from += PredictCommand.CHUNK) {
            int count = Math.min(PredictCommand.CHUNK, rows - from);
            Matrix predicted = model.predict(features(csv, targetColumns, from, count, inputs));
            for (int r = 0; r < count; r++) {
                for (int k = 0; k < outputs; k++) {
                    float target = csv.values()[(from + r) * columns.size() + targetColumns[k]];
                    errors[k].add(predicted.get(r, k), target);
                    sumOfSquaresAroundMean[k] += (target - mean[k]) * (target - mean[k]);
                }
            }
        }
        List<Target> targets = new ArrayList<>();
        for (int k = 0; k < outputs; k++) {
            // R² = 1 − MSE / variance of the targets.
            double variance = sumOfSquaresAroundMean[k] / rows;
            double r2 = variance == 0 ? Double.NaN : 1 - errors[k].mse() / variance;
            targets.add(new Target(columns.get(targetColumns[k]), Math.sqrt(errors[k].mse()), errors[k].mae(), r2));
        }
        return new RegressionEvaluation(rows, List.copyOf(targets));
    }

    /** The target columns: --label for a model of one output, else the last columns. */
    private static int[] targetColumns(List<String> columns, int outputs, String labelColumn, Path file) {
        if (labelColumn == null) {
            int[] last = new int[outputs];
            for (int k = 0; k < outputs; k++) {
                last[k] = columns.size() - outputs + k;
            }
            return last;
        }
        if (outputs != 1) {
            throw new IllegalArgumentException("--label " + labelColumn + " names one target column, but the model has "
                    + outputs + " outputs; leave out --label to take the last " + outputs + " columns");
        }
        int at = labelColumn.matches("-?\\d+") ? Integer.parseInt(labelColumn) : columns.indexOf(labelColumn);
        if (at < 0 && labelColumn.startsWith("-")) {
            at += columns.size();
        }
        if (at < 0 || at >= columns.size()) {
            throw new IllegalArgumentException("--label " + labelColumn + ": " + file + " has no such column; its header"
                    + " is " + columns);
        }
        return new int[] {at};
    }

    /** Rows {@code from} to {@code from + count} without the target columns. */
    private static Matrix features(CsvReader.Features csv, int[] targetColumns, int from, int count, int inputs) {
        int width = csv.columns().size();
        boolean[] isTarget = new boolean[width];
        for (int c : targetColumns) {
            isTarget[c] = true;
        }
        float[] x = new float[count * inputs];
        int at = 0;
        for (int r = from; r < from + count; r++) {
            for (int c = 0; c < width; c++) {
                if (!isTarget[c]) {
                    x[at++] = csv.values()[r * width + c];
                }
            }
        }
        return new Matrix(count, inputs, x);
    }

    String table(String model, String data) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "model %s on %s: %d samples%n", model, data,
                samples));
        for (Target t : targets) {
            s.append(String.format(Locale.ROOT, "%s: RMSE %.4g, MAE %.4g, R² %.4f%n", t.name(), t.rmse(), t.mae(), t.r2()));
        }
        return s.toString();
    }

    String json(String model, String data) {
        StringBuilder s = new StringBuilder("{\n");
        s.append("  \"model\": ").append(EvaluationJson.quote(model)).append(",\n");
        s.append("  \"data\": ").append(EvaluationJson.quote(data)).append(",\n");
        s.append("  \"samples\": ").append(samples).append(",\n");
        s.append("  \"targets\": [");
        for (int k = 0; k < targets.size(); k++) {
            Target t = targets.get(k);
            s.append(k == 0 ? "\n" : ",\n").append("    {\"name\": ").append(EvaluationJson.quote(t.name()))
                    .append(", \"rmse\": ").append(EvaluationJson.number(t.rmse()))
                    .append(", \"mae\": ").append(EvaluationJson.number(t.mae()))
                    .append(", \"r2\": ").append(EvaluationJson.number(t.r2())).append('}');
        }
        return s.append("\n  ]\n}").toString();
    }
}
