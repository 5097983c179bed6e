package dev.nnj.cli;

import dev.nnj.core.Network;
import dev.nnj.core.NetworkBuilder;
import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.optim.Optimizer;
import dev.nnj.core.optim.Optimizers;
import dev.nnj.core.optim.RmsProp;
import dev.nnj.core.optim.Sgd;
import dev.nnj.core.train.EpochMetrics;
import dev.nnj.core.train.Evaluation;
import dev.nnj.core.train.Trainer;
import dev.nnj.core.train.TrainingHistory;
import dev.nnj.core.train.TrainingListener;
import dev.nnj.core.train.TrainingOptions;
import dev.nnj.core.train.TrainingState;
import dev.nnj.io.Checkpoint;
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
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link TrainConfig}: reads the data, builds (or loads) the network and the optimizer,
 * trains with progress, metrics and checkpoints, evaluates on the test set, and writes the model and the
 * plot. Results (one line per epoch, the summary) go to {@code out}; everything else is logged.
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

    TrainingRun(TrainConfig config, Kernels kernels, PrintWriter out, ProgressDisplay.Mode progress) {
        this.config = config;
        this.kernels = kernels;
        this.out = out;
        this.progress = progress;
    }

    /** Trains, evaluates and writes the requested files. */
    TrainingResult run() throws IOException {
        CurvePlot plot = config.plot() == null ? null : CurvePlot.of(config.plot());
        MetricsFile metrics = config.metrics() == null ? null : new MetricsFile(config.metrics());
        CheckpointDirectory checkpoints = config.checkpointDir() == null ? null
                : new CheckpointDirectory(config.checkpointDir(), CHECKPOINT_PREFIX, config.keepCheckpoints());

        Checkpoint.Loaded resumed = config.resume() == null ? null : Checkpoint.load(config.resume(), kernels);
        SavedModel start = resumed != null ? resumed.model()
                : config.init() != null ? ModelFile.load(config.init(), kernels) : null;
        TrainingOptions options = trainingOptions(resumed);
        TrainingData data = start == null ? TrainingData.load(config, options.seed(), null, null)
                : TrainingData.load(config, options.seed(), start.classNames(), start.preprocessing());
        Network network = start != null ? start.network() : network(data.train().featureCount(), data.classNames().size());
        // A resumed run continues with the optimizer the checkpoint describes, hyperparameters and all.
        Optimizer optimizer = resumed != null ? resumed.optimizer() : optimizer(config.optimizer(), config);
        String optimizerId = optimizer.id();
        LOG.info("Network: {} ({} parameters); {}; {} kernels, {} thread(s)", network, network.parameterCount(),
                optimizer, kernels.name(), kernels.threads());

        Trainer trainer = new Trainer(optimizer, options);
        List<EpochMetrics> epochs = new ArrayList<>();
        if (resumed != null) {
            trainer.resume(resumed.state());
            epochs.addAll(resumed.state().history());
            LOG.info("Resuming {} at epoch {}, batch {}", config.resume(), resumed.state().epoch() + 1, resumed.state().batch());
        } else if (config.init() != null) {
            LOG.info("Starting from the weights of {}", config.init());
        }
        Snapshot snapshot = new Snapshot(network, data, optimizerId, trainer, epochs);
        long started = System.nanoTime();
        TrainingHistory history;
        try (ProgressDisplay display = new ProgressDisplay(progress, out, System.err, options.epochs(),
                data.train().size());
             InterruptGuard guard = checkpoints == null ? null : InterruptGuard.install(trainer)) {
            trainer.addListener(display);
            trainer.addListener(new TrainingListener() {
                @Override
                public void onEpoch(EpochMetrics m) {
                    epochs.add(m);
                    writeEpochFiles(metrics, checkpoints, snapshot);
                }
            });
            history = trainer.fit(network, data.train(), data.validation());
            if (history.interrupted() && checkpoints != null) {
                // The JVM is shutting down and waits only for this: save, say where, and stop.
                Path saved = checkpoints.save(snapshot.model(), trainer.state(), options);
                out.println("interrupted: checkpoint saved to " + saved + "; continue with --resume " + saved);
                out.flush();
                return new TrainingResult(history, null, (System.nanoTime() - started) / 1e9, kernels.name(), kernels.threads());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
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

    /** The network, the data's preprocessing and classes, and the run so far, as a saveable model. */
    private record Snapshot(Network network, TrainingData data, String optimizer, Trainer trainer, List<EpochMetrics> epochs) {

        SavedModel model() {
            TrainingState state = trainer.state();
            return model(new TrainingHistory(List.copyOf(epochs), false, state.bestEpoch(), false));
        }

        SavedModel model(TrainingHistory history) {
            return new SavedModel(network, data.preprocessing(), data.classNames(),
                    TrainingSummary.of(history, trainer.options().seed(), optimizer));
        }
    }

    /** After each epoch: the metrics file and a checkpoint, when asked for. */
    private static void writeEpochFiles(MetricsFile metrics, CheckpointDirectory checkpoints, Snapshot snapshot) {
        try {
            if (metrics != null) {
                metrics.write(snapshot.epochs());
            }
            if (checkpoints != null) {
                Path saved = checkpoints.save(snapshot.model(), snapshot.trainer().state(), snapshot.trainer().options());
                LOG.debug("Saved checkpoint {}", saved);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The configured options, or for a resumed run those saved in the checkpoint, so that it continues
     * exactly; only the number of epochs may be raised with {@code --epochs}.
     */
    private TrainingOptions trainingOptions(Checkpoint.Loaded resumed) {
        if (resumed == null || resumed.options() == null) {
            return config.training();
        }
        TrainingOptions saved = resumed.options();
        if (config.explicitEpochs() != null) {
            saved = saved.withEpochs(config.explicitEpochs());
        }
        LOG.info("Continuing with the options saved in {}: {} epochs, batch {}, schedule {}, seed {}", config.resume(),
                saved.epochs(), saved.batchSize(), saved.schedule().describe(), saved.seed());
        return saved;
    }

    /** Hidden layers (each followed by dropout when asked for), then one output per class. */
    Network network(int inputs, int classes) {
        NetworkBuilder builder = Network.builder(inputs);
        for (int units : config.layers()) {
            builder.dense(units, config.activation());
            if (config.dropout() > 0) {
                builder.dropout(config.dropout());
            }
        }
        builder.dense(classes, config.outputActivation() != null ? config.outputActivation() : Activation.SOFTMAX);
        if (config.loss() != null) {
            builder.loss(config.loss());
        }
        return builder.seed(config.seed()).kernels(kernels).build();
    }

    static Optimizer optimizer(TrainConfig config) {
        return optimizer(config.optimizer(), config);
    }

    /** The optimizer {@code id} with the configured rates; an explicit momentum needs a class that has one. */
    static Optimizer optimizer(String id, TrainConfig config) {
        float lr = config.learningRate();
        if (config.momentum() == null) {
            return config.weightDecay() == null ? Optimizers.create(id, lr) : Optimizers.create(id, lr, config.weightDecay());
        }
        float decay = config.weightDecay() == null ? 0f : config.weightDecay();
        switch (id) {
            case "sgd":
            case "momentum":
            case "nesterov":
                return new Sgd(lr, config.momentum(), decay, "nesterov".equals(id));
            case "rmsprop":
                return new RmsProp(lr, RmsProp.DEFAULT_ALPHA, RmsProp.DEFAULT_EPS, decay, config.momentum());
            default:
                throw new IllegalArgumentException(String.format(Locale.ROOT, "--momentum applies to sgd, momentum,"
                        + " nesterov and rmsprop, not to %s (Adam-style optimizers have fixed betas)", id));
        }
    }
}
