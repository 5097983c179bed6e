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
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link TrainConfig}: reads the data, builds the network and optimizer, trains with
 * progress, metrics and checkpoints, evaluates on the test set, and writes the model and plot. Results
 * (one line per epoch, the summary) go to {@code out}; everything else is logged.
 */
final class TrainingRun {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
    /** Rows per forward pass when evaluating: large enough to keep GEMMs efficient, small in memory. */
    static final int EVALUATION_BATCH = 1024;

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
        TrainingData data = TrainingData.load(config, null, null);
        Network network = network(data.train().featureCount(), data.classNames().size());
        Optimizer optimizer = optimizer(config);
        LOG.info("Network: {} ({} parameters); optimizer {}, {} kernels ({} threads)", network,
                network.parameterCount(), optimizer, kernels.name(), kernels.threads());
        Trainer trainer = new Trainer(optimizer, config.training());
        List<EpochMetrics> epochs = new ArrayList<>();
        long started = System.nanoTime();
        TrainingHistory history;
        try (ProgressDisplay display = new ProgressDisplay(progress, out, System.err, config.training().epochs(), data.train().size())) {
            trainer.addListener(display);
            trainer.addListener(new TrainingListener() {
                @Override
                public void onEpoch(EpochMetrics m) {
                    epochs.add(m);
                    writeMetrics(metrics, epochs);
                }
            });
            history = trainer.fit(network, data.train(), data.validation());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Evaluation test = data.test() == null ? null : Evaluation.of(network, data.test(), EVALUATION_BATCH);
        if (plot != null && !history.epochs().isEmpty()) {
            plot.write(history.epochs(), "Training curves: " + data.description());
            LOG.info("Wrote training curves to {}", config.plot());
        }
        TrainingResult result = new TrainingResult(history, test, seconds, kernels.name(), kernels.threads());
        out.println(result.summary());
        out.flush();
        return result;
    }

    private static void writeMetrics(MetricsFile metrics, List<EpochMetrics> epochs) {
        if (metrics == null) {
            return;
        }
        try {
            metrics.write(epochs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hidden layers (each followed by dropout when asked), then one output per class. */
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

    /** The optimizer by id; an explicit momentum needs the classes that have one. */
    static Optimizer optimizer(TrainConfig config) {
        String id = config.optimizer();
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
