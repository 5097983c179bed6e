package dev.nnj.cli;

import dev.nnj.core.Network;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.train.EpochMetrics;
import dev.nnj.core.train.Evaluation;
import dev.nnj.core.train.Trainer;
import dev.nnj.core.train.TrainingHistory;
import dev.nnj.core.train.TrainingListener;
import dev.nnj.io.CheckpointDirectory;
import dev.nnj.io.ModelFile;
import dev.nnj.io.SavedModel;
import dev.nnj.io.TrainingSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link TrainConfig}: trains what {@link TrainingSetup} prepared, with progress, metrics
 * and checkpoints, evaluates on the test set, and writes the model and the plot. Results (one line per
 * epoch, the summary) go to {@code out}; everything else is logged.
 */
final class TrainingRun {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
    /** Rows per forward pass when evaluating: large enough for efficient GEMMs, small in memory. */
    static final int EVALUATION_BATCH = 1024;
    static final String CHECKPOINT_PREFIX = "checkpoint";

    private final TrainConfig config;
    private final Kernels kernels;
    private final PrintWriter out;
    private final ProgressDisplay.Mode progress;
    private final ResumeCommand resumeCommand;

    TrainingRun(TrainConfig config, Kernels kernels, PrintWriter out, ProgressDisplay.Mode progress,
                ResumeCommand resumeCommand) {
        this.config = config;
        this.kernels = kernels;
        this.out = out;
        this.progress = progress;
        this.resumeCommand = resumeCommand;
    }

    /** Trains, evaluates and writes the requested files. */
    TrainingResult run() throws IOException {
        CurvePlot plot = config.plot() == null ? null : CurvePlot.of(config.plot());
        MetricsFile metrics = config.metrics() == null ? null : new MetricsFile(config.metrics());
        CheckpointDirectory checkpoints = config.checkpointDir() == null ? null
                : new CheckpointDirectory(config.checkpointDir(), CHECKPOINT_PREFIX, config.keepCheckpoints());
        TrainingSetup setup = TrainingSetup.prepare(config, kernels);
        Network network = setup.network();
        LOG.info("Network: {} ({} parameters); {}; {} kernels, {} thread(s)", network, network.parameterCount(),
                setup.optimizer(), kernels.name(), kernels.threads());

        Trainer trainer = new Trainer(setup.optimizer(), setup.options());
        Snapshot snapshot = new Snapshot(setup, trainer, new ArrayList<>());
        if (setup.resumeFrom() != null) {
            trainer.resume(setup.resumeFrom());
            snapshot.epochs().addAll(setup.resumeFrom().history());
        }
        long started = System.nanoTime();
        TrainingHistory history;
        try (ProgressDisplay display = new ProgressDisplay(progress, out, System.err, setup.options().epochs(),
                setup.data().train().size());
             InterruptGuard guard = checkpoints == null ? null : InterruptGuard.install(trainer)) {
            trainer.addListener(display);
            trainer.addListener(new TrainingListener() {
                @Override
                public void onEpoch(EpochMetrics m) {
                    snapshot.epochs().add(m);
                    writeEpochFiles(metrics, checkpoints, snapshot);
                }
            });
            history = trainer.fit(network, setup.data().train(), setup.data().validation());
            if (history.interrupted() && checkpoints != null) {
                // The JVM is shutting down and waits only for this: save, say where, and stop.
                Path saved = checkpoints.save(snapshot.model(), trainer.state(), setup.options(), setup.notes());
                out.println("interrupted: checkpoint saved to " + saved + "; continue with: " + resumeCommand.with(saved));
                out.flush();
                return new TrainingResult(history, null, seconds(started), kernels.name(), kernels.threads());
            }
        }
        double seconds = seconds(started);
        TrainingData data = setup.data();
        Evaluation test = data.test() == null ? null : Evaluation.of(network, data.test(), EVALUATION_BATCH);
        if (config.out() != null) {
            ModelFile.save(config.out(), snapshot.model(history));
            LOG.info("Saved the model to {}", config.out());
        }
        if (plot != null && !history.epochs().isEmpty()) {
            plot.write(history.epochs(), "Training curves: " + data.description());
            LOG.info("Wrote the training curves to {}", config.plot());
        }
        TrainingResult result = new TrainingResult(history, test, seconds, kernels.name(), kernels.threads());
        out.println(result.summary());
        out.flush();
        return result;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** The network with its preprocessing, classes and the run so far, as a model file holds it. */
    private record Snapshot(TrainingSetup setup, Trainer trainer, List<EpochMetrics> epochs) {

        /** During training: the epochs so far. */
        SavedModel model() {
            return model(new TrainingHistory(epochs, false, trainer.state().bestEpoch(), false, false));
        }

        SavedModel model(TrainingHistory history) {
            TrainingData data = setup.data();
            return new SavedModel(setup.network(), data.preprocessing(), data.classNames(),
                    TrainingSummary.of(history, trainer.options().seed(), setup.optimizer().id()), data.featureNames());
        }
    }

    /** After each epoch: the metrics file and a checkpoint, when asked for. */
    private static void writeEpochFiles(MetricsFile metrics, CheckpointDirectory checkpoints, Snapshot snapshot) {
        try {
            if (metrics != null) {
                metrics.write(snapshot.epochs());
            }
            if (checkpoints != null) {
                Path saved = checkpoints.save(snapshot.model(), snapshot.trainer().state(), snapshot.trainer().options(),
                        snapshot.setup().notes());
                LOG.debug("Saved checkpoint {}", saved);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
