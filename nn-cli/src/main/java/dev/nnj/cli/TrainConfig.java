package dev.nnj.cli;

import dev.nnj.core.activation.Activation;
import dev.nnj.core.loss.Loss;
import dev.nnj.core.train.TrainingOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code nnj train} was asked to do, with the preset's defaults filled in: the command line
 * parsed into one immutable value that {@link TrainingRun} carries out. Null means "not given" for the
 * optional values (files, momentum, weight decay, output activation, loss, preprocessing, test data).
 *
 * @param training       epochs, batch size, shuffling and seed, schedule, early stopping, clipping
 * @param explicitEpochs {@code --epochs} when given: a resumed run takes its other options from the
 *                       checkpoint, but may be extended
 */
record TrainConfig(
        DataSource data, DataSource test, double testSplit, double validationSplit, String preprocessing,
        List<Integer> layers, Activation activation, float dropout, Activation outputActivation, Loss loss,
        String optimizer, float learningRate, Float momentum, Float weightDecay, TrainingOptions training,
        Integer explicitEpochs,
        Path init, Path checkpointDir, int keepCheckpoints, Path resume, Path out, Path metrics, Path plot) {

    /** This configuration with the test and validation fractions of a run being resumed. */
    TrainConfig withSplits(double testFraction, double validationFraction) {
        return new TrainConfig(data, test, testFraction, validationFraction, preprocessing, layers, activation, dropout,
                outputActivation, loss, optimizer, learningRate, momentum, weightDecay, training, explicitEpochs, init,
                checkpointDir, keepCheckpoints, resume, out, metrics, plot);
    }

    /** The seed of every random choice of the run. */
    long seed() {
        return training.seed();
    }
}
