package dev.nnj.cli;

import dev.nnj.core.Network;
import dev.nnj.core.NetworkBuilder;
import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.optim.Optimizer;
import dev.nnj.core.optim.Optimizers;
import dev.nnj.core.optim.RmsProp;
import dev.nnj.core.optim.Sgd;
import dev.nnj.core.train.LearningRateSchedule;
import dev.nnj.core.train.TrainingOptions;
import dev.nnj.core.train.TrainingState;
import dev.nnj.io.Checkpoint;
import dev.nnj.io.ModelFile;
import dev.nnj.io.SavedModel;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run trains, made from a {@link TrainConfig}: a new network from the options, the network of
 * {@code --init MODEL}, or everything of {@code --resume CHECKPOINT} (network, optimizer, training options
 * and state), together with the data read and split to match.
 *
 * @param resumeFrom the state to continue from, or null for a new run
 * @param notes      what the run's checkpoints record besides the training state: its data splits
 */
record TrainingSetup(TrainingData data, Network network, Optimizer optimizer, TrainingOptions options,
                     TrainingState resumeFrom, Map<String, String> notes) {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingSetup.class);

    static TrainingSetup prepare(TrainConfig config, Kernels kernels) throws IOException {
        if (config.resume() != null) {
            Checkpoint.Loaded resumed = Checkpoint.load(config.resume(), kernels);
            config = DataSplitNotes.resumed(config, resumed.notes(), config.resume());
            TrainingOptions options = resumedOptions(config, resumed);
            SavedModel model = resumed.model();
            TrainingData data = TrainingData.load(config, options.seed(), config.resume(), model);
            LOG.info("Resuming {} at epoch {}, batch {}", config.resume(), resumed.state().epoch() + 1,
                    resumed.state().batch());
            // The optimizer is the one the checkpoint describes, hyperparameters and all.
            return new TrainingSetup(data, model.network(), resumed.optimizer(), options, resumed.state(),
                    DataSplitNotes.of(config));
        }
        Optimizer optimizer = optimizer(config.optimizer(), config);
        if (config.init() != null) {
            SavedModel model = ModelFile.load(InputFiles.notDirectory(config.init(), "a model file (.safetensors)"), kernels);
            LOG.info("Starting from the weights of {}", config.init());
            TrainingData data = TrainingData.load(config, config.seed(), config.init(), model);
            return new TrainingSetup(data, model.network(), optimizer, config.training(), null, DataSplitNotes.of(config));
        }
        TrainingData data = TrainingData.load(config, config.seed(), null, null);
        Network network = network(config, kernels, data.train().featureCount(), data.classNames().size());
        return new TrainingSetup(data, network, optimizer, config.training(), null, DataSplitNotes.of(config));
    }

    /**
     * The options saved in the checkpoint, so that the run continues exactly; {@code --epochs} may extend it,
     * and must, when the checkpoint has trained them all already.
     */
    private static TrainingOptions resumedOptions(TrainConfig config, Checkpoint.Loaded resumed) {
        TrainingOptions options = resumed.options() == null ? config.training() : resumed.options();
        if (resumed.options() != null && config.explicitEpochs() != null) {
            options = stretchedCosine(resumed.options(), options.withEpochs(config.explicitEpochs()), config);
        }
        TrainingState state = resumed.state();
        // The trainer's own rule (Trainer.restore): a run early stopping ended stays ended, whatever --epochs says.
        boolean stoppedEarly = options.earlyStoppingPatience() > 0
                && state.epochsWithoutImprovement() >= options.earlyStoppingPatience();
        if (stoppedEarly) {
            LOG.warn("{}: early stopping ended this run after {} epochs, so nothing more is trained; its best weights"
                    + " (epoch {}) are kept", config.resume(), state.epoch(), state.bestEpoch() + 1);
        } else if (state.epoch() >= options.epochs()) {
            throw new UsageException(String.format(Locale.ROOT, "%s has already completed %d epoch%s; give --epochs"
                    + " greater than %d to train further", config.resume(), state.epoch(), state.epoch() == 1 ? "" : "s",
                    state.epoch()));
        }
        if (resumed.options() != null) {
            LOG.info("Continuing with the options saved in {}: {} epochs, batch {}, schedule {}, seed {}", config.resume(),
                    options.epochs(), options.batchSize(), options.schedule().describe(), options.seed());
        }
        return options;
    }

    /**
     * The schedule of a run that --epochs extends. A cosine that spanned the saved run (the presets' schedule)
     * reaches its minimum at the run's last epoch and, being periodic, would train the added epochs at the
     * minimum and then rising again; stretched over the longer run, it keeps decaying to the minimum at the
     * new last epoch. Any other schedule is kept as it was.
     */
    static TrainingOptions stretchedCosine(TrainingOptions saved, TrainingOptions extended, TrainConfig config) {
        // describe() is the schedule's text form, which LearningRateSchedule.parse reads: cosine:EPOCHS:MIN.
        String[] cosine = saved.schedule().describe().split(":");
        if (extended.epochs() <= saved.epochs() || !cosine[0].equals("cosine")
                || Integer.parseInt(cosine[1]) != saved.epochs()) {
            return extended;
        }
        float minRate = cosine.length > 2 ? Float.parseFloat(cosine[2]) : 0f;
        LearningRateSchedule stretched = LearningRateSchedule.cosine(extended.epochs(), minRate);
        LOG.info("{} spanned its {} epochs with {}; the run extended to {} epochs continues with {}", config.resume(),
                saved.epochs(), saved.schedule().describe(), extended.epochs(), stretched.describe());
        return extended.withSchedule(stretched);
    }

    /** Hidden layers (each followed by dropout when asked for), then one output per class. */
    static Network network(TrainConfig config, Kernels kernels, int inputs, int classes) {
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
        try {
            return builder.seed(config.seed()).kernels(kernels).build();
        } catch (IllegalArgumentException e) {
            if (config.layers().isEmpty()) {
                throw e;
            }
            // The inputs and outputs come from the data, so a layer too large to build is one of --layers.
            throw new UsageException("--layers " + config.layers().stream().map(String::valueOf)
                    .collect(Collectors.joining(",")) + ": " + e.getMessage());
        }
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
