package dev.nnj.cli;

import dev.nnj.core.train.LearningRateSchedule;
import picocli.CommandLine.Option;

/** The optimizer and its learning-rate schedule; unset options come from the {@link Preset}. */
public final class OptimizerOptions {

    @Option(names = "--optimizer", paramLabel = "ID", converter = Converters.OptimizerId.class,
            description = "sgd, momentum, nesterov, adam, adamw, rmsprop or adagrad. Default: adam.")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "Learning rate. Default: 1e-3 (2e-3 for digits); with --optimizer, that optimizer's own:"
                    + " 1e-3, or 0.01 for rmsprop and adagrad.")
    Float learningRate;

    @Option(names = "--momentum", paramLabel = "M",
            description = "Momentum for sgd/momentum/nesterov (default 0.9 for momentum and nesterov) and rmsprop.")
    Float momentum;

    @Option(names = "--weight-decay", paramLabel = "W",
            description = "L2 weight decay (decoupled for adamw; default 0, 0.01 for adamw).")
    Float weightDecay;

    @Option(names = "--lr-schedule", paramLabel = "SPEC", converter = Converters.Schedule.class,
            description = "constant, step:EPOCHS:GAMMA, exponential:GAMMA or cosine:EPOCHS[:MIN] (default: cosine"
                    + " over --epochs for digits and fashion-mnist, else constant).")
    LearningRateSchedule schedule;
}
