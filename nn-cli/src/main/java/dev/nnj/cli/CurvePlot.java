package dev.nnj.cli;

import dev.nnj.core.train.EpochMetrics;
import dev.nnj.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * The training curves of {@code --plot}: loss (left axis) and accuracy (right axis) per epoch, for the
 * training and the validation data, in one chart written as PNG or SVG by XChart.
 */
final class CurvePlot {

    private static final int LOSS_AXIS = 0;
    private static final int ACCURACY_AXIS = 1;

    private final Path file;
    private final boolean svg;

    private CurvePlot(Path file, boolean svg) {
        this.file = file;
        this.svg = svg;
    }

    /**
     * Checks the file name before training starts, so that a typo does not cost a training run.
     *
     * @throws IllegalArgumentException unless the name ends in .png or .svg
     */
    static CurvePlot of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".svg")) {
            throw new IllegalArgumentException("--plot " + file + ": the file name must end in .png or .svg");
        }
        return new CurvePlot(file, name.endsWith(".svg"));
    }

    void write(List<EpochMetrics> epochs, String title) throws IOException {
        XYChart chart = chart(epochs, title);
        AtomicFiles.write(file, out -> {
            if (svg) {
                VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            } else {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        });
    }

    static XYChart chart(List<EpochMetrics> epochs, String title) {
        XYChart chart = new XYChartBuilder().width(900).height(540).title(title).xAxisTitle("epoch").build();
        chart.setYAxisGroupTitle(LOSS_AXIS, "loss");
        chart.setYAxisGroupTitle(ACCURACY_AXIS, "accuracy");
        chart.getStyler().setYAxisGroupPosition(ACCURACY_AXIS, Styler.YAxisPosition.Right);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setMarkerSize(4);
        double[] x = new double[epochs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = epochs.get(i).epoch() + 1;
        }
        add(chart, "training loss", LOSS_AXIS, x, epochs, EpochMetrics::trainLoss);
        add(chart, "validation loss", LOSS_AXIS, x, epochs, EpochMetrics::validationLoss);
        add(chart, "training accuracy", ACCURACY_AXIS, x, epochs, EpochMetrics::trainAccuracy);
        add(chart, "validation accuracy", ACCURACY_AXIS, x, epochs, EpochMetrics::validationAccuracy);
        return chart;
    }

    /** Adds a series unless it has no values (no validation set, or accuracy of a regression). */
    private static void add(XYChart chart, String name, int axis, double[] x, List<EpochMetrics> epochs,
                            ToDoubleFunction<EpochMetrics> value) {
        double[] y = new double[x.length];
        boolean any = false;
        for (int i = 0; i < y.length; i++) {
            y[i] = value.applyAsDouble(epochs.get(i));
            any |= Double.isFinite(y[i]);
        }
        if (any) {
            XYSeries series = chart.addSeries(name, x, y);
            series.setYAxisGroup(axis);
        }
    }
}
