package dev.nnj.cli;

import dev.nnj.core.train.EpochMetrics;
import dev.nnj.core.train.TrainingListener;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows training progress: on a terminal a progress bar per epoch (samples/s, running loss, ETA) on
 * stderr; otherwise a plain log line every {@link #LOG_INTERVAL_NANOS}, so that CI logs stay short. After
 * each epoch one summary line goes to the results stream (stdout), unless quiet.
 */
final class ProgressDisplay implements TrainingListener, AutoCloseable {

    /** How the launcher says whether stderr is a terminal: {@code -Dnnj.progress=bar|log}. */
    static final String PROPERTY = "nnj.progress";

    private static final Logger LOG = LoggerFactory.getLogger(ProgressDisplay.class);
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;
    /** Updating the bar's text more often than the bar redraws would only make garbage. */
    private static final long MESSAGE_INTERVAL_NANOS = 200_000_000L;

    enum Mode { BAR, LOG, QUIET }

    private final Mode mode;
    private final PrintWriter results;
    private final PrintStream terminal;
    private final int epochs;
    private final int samplesPerEpoch;
    private ProgressBar bar;
    private int currentEpoch = -1;
    private long epochStarted;
    private long lastReport;

    ProgressDisplay(Mode mode, PrintWriter results, PrintStream terminal, int epochs, int samplesPerEpoch) {
        this.mode = mode;
        this.results = results;
        this.terminal = terminal;
        this.epochs = epochs;
        this.samplesPerEpoch = samplesPerEpoch;
    }

    /** BAR when the launcher saw a terminal on stderr (or, without the launcher, when there is a console). */
    static Mode detect(boolean quiet) {
        if (quiet) {
            return Mode.QUIET;
        }
        String forced = System.getProperty(PROPERTY);
        if (forced != null) {
            return "bar".equalsIgnoreCase(forced) ? Mode.BAR : Mode.LOG;
        }
        return System.console() != null ? Mode.BAR : Mode.LOG;
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, int samples, double runningLoss) {
        long now = System.nanoTime();
        if (epoch != currentEpoch) {
            startEpoch(epoch, now);
        }
        if (mode == Mode.BAR) {
            bar.stepTo(samples);
            if (now - lastReport >= MESSAGE_INTERVAL_NANOS || batch + 1 == batches) {
                bar.setExtraMessage(String.format(Locale.ROOT, "  loss %.4f", runningLoss));
                lastReport = now;
            }
        } else if (mode == Mode.LOG && now - lastReport >= LOG_INTERVAL_NANOS) {
            double seconds = (now - epochStarted) / 1e9;
            LOG.info(String.format(Locale.ROOT, "epoch %d/%d: %d/%d samples, loss %.4f, %.0f samples/s",
                    epoch + 1, epochs, samples, samplesPerEpoch, runningLoss, samples / Math.max(seconds, 1e-9)));
            lastReport = now;
        }
    }

    private void startEpoch(int epoch, long now) {
        closeBar();
        currentEpoch = epoch;
        epochStarted = now;
        lastReport = now;
        if (mode == Mode.BAR) {
            bar = bar(epoch, epochs, samplesPerEpoch, new ConsoleProgressBarConsumer(terminal));
        }
    }

    /**
     * The bar of one epoch: {@code epoch 3/20  28% |██  | 17280/60000 (0:00:06 / 0:00:16) 2,880/s  loss 0.5417}.
     * The renderer cuts the line at the terminal's width, from the end, where the running loss is; so the
     * counts carry no unit (" samples" twice left the loss cut off at 80 columns).
     */
    static ProgressBar bar(int epoch, int epochs, int samplesPerEpoch, ProgressBarConsumer consumer) {
        return new ProgressBarBuilder()
                .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, epochs))
                .setInitialMax(samplesPerEpoch)
                .showSpeed(new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)))
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setStyle(ProgressBarStyle.UNICODE_BLOCK)
                .setUpdateIntervalMillis(200)
                .setConsumer(consumer)
                .clearDisplayOnFinish()
                .build();
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        closeBar();
        if (mode != Mode.QUIET) {
            results.println(epochLine(m, epochs));
            results.flush();
        }
    }

    /** {@code epoch  3/20  loss 0.4321  acc 0.8456  val_loss 0.3987  val_acc 0.8612  lr 0.001  4.2 s}. */
    static String epochLine(EpochMetrics m, int epochs) {
        int width = String.valueOf(epochs).length();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "epoch %" + width + "d/%d  loss %.4f",
                m.epoch() + 1, epochs, m.trainLoss()));
        if (!Double.isNaN(m.trainAccuracy())) {
            s.append(String.format(Locale.ROOT, "  acc %.4f", m.trainAccuracy()));
        }
        if (m.hasValidation()) {
            s.append(String.format(Locale.ROOT, "  val_loss %.4f", m.validationLoss()));
            if (!Double.isNaN(m.validationAccuracy())) {
                s.append(String.format(Locale.ROOT, "  val_acc %.4f", m.validationAccuracy()));
            }
        }
        return s.append(String.format(Locale.ROOT, "  lr %.3g  %.1f s", m.learningRate(), m.seconds())).toString();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public void close() {
        closeBar();
    }
}
