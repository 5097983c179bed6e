package dev.nnj.core.train;

import dev.nnj.core.Matrix;
import dev.nnj.core.Network;
import dev.nnj.core.Parameter;
import dev.nnj.core.Rng;
import dev.nnj.core.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Minibatch gradient descent with backpropagation: for each epoch, (optionally) shuffle, then for each
 * minibatch of M samples: zero the gradients, forward, loss, backward (gradients averaged over the M rows
 * by the loss), optional global-norm clipping, and one optimizer step at the schedule's learning rate.
 * After each epoch: validation, early stopping, listeners.
 *
 * <p>Everything random comes from seeds, so a run is reproducible bit for bit; {@link #state()} and
 * {@link #resume} make it resumable bit for bit as well. A NaN or infinite loss stops training with a
 * {@link TrainingDivergedException}.
 */
public final class Trainer {

    static final long SHUFFLE_STREAM = 3;

    private final TrainingOptions options;
    private final Optimizer optimizer;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean stopRequested;

    private TrainingState resumeFrom;
    private Network network;
    private Rng shuffleRng;
    private Progress progress;

    /** @throws NullPointerException if either is null (here, rather than in the middle of {@code fit}) */
    public Trainer(Optimizer optimizer, TrainingOptions options) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer must not be null");
        this.options = Objects.requireNonNull(options, "training options must not be null; use TrainingOptions.defaults()");
    }

    public TrainingOptions options() {
        return options;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Trainer addListener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
        return this;
    }

    /**
     * Asks a running {@link #fit} to stop after the current minibatch (safe to call from any thread); it
     * returns a history marked {@code interrupted}. A request made while no {@code fit} runs is dropped by
     * the next one. To continue the run exactly, call {@code resume(state())} and {@code fit} again: a
     * plain second {@code fit} starts a new run.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /** Makes the next {@link #fit} continue from {@code state} rather than from the first epoch. */
    public void resume(TrainingState state) {
        this.resumeFrom = state;
    }

    /**
     * Trains {@code network} on {@code train}, validating on {@code validation} (may be null) after
     * each epoch.
     *
     * <p>Calling {@code fit} again (without {@link #resume}) trains the network further from its current
     * weights as a new run: epochs, the learning-rate schedule, the shuffling order and the early-stopping
     * bookkeeping start again from the beginning, while the optimizer keeps its moments and step count,
     * as a {@code torch.optim} optimizer does across loops.
     *
     * @throws IllegalArgumentException   if the data do not fit the network, or early stopping is asked
     *                                    for without validation data (null or empty), or a state given to
     *                                    {@link #resume} does not fit the network, data or options
     * @throws TrainingDivergedException if the loss becomes NaN or infinite
     */
    public TrainingHistory fit(Network network, Dataset train, Dataset validation) {
        requireCompatible(network, train, "training data");
        if (train.size() == 0) {
            throw new IllegalArgumentException("training data is empty");
        }
        // An empty validation set would never be evaluated, so early stopping would silently never act.
        if (options.earlyStoppingPatience() > 0 && (validation == null || validation.size() == 0)) {
            throw new IllegalArgumentException("early stopping needs validation data (patience "
                    + options.earlyStoppingPatience() + " was given with " + (validation == null ? "no" : "an empty")
                    + " validation set)");
        }
        Evaluation.Evaluator validator = validation == null || validation.size() == 0 ? null
                : new Evaluation.Evaluator(network, validation, Math.max(options.batchSize(), 256), "validation data");
        this.network = network;
        this.stopRequested = false;
        this.shuffleRng = Rng.stream(options.seed(), SHUFFLE_STREAM);
        this.progress = new Progress();
        if (resumeFrom != null) {
            restore(resumeFrom);
            resumeFrom = null;
        } else {
            progress.epochShuffleState = shuffleRng.state();
        }

        int n = train.size();
        int batchSize = Math.min(options.batchSize(), n);
        int batches = (n + batchSize - 1) / batchSize;
        requireResumable(batches, batchSize, n);
        int outputs = network.outputSize();
        int[] order = new int[n];
        float[] x = new float[batchSize * network.inputSize()];
        float[] y = new float[batchSize * outputs];
        List<Parameter> params = network.parameters();
        boolean classify = train.isClassification();
        boolean interrupted = false;

        while (progress.epoch < options.epochs() && !interrupted && !progress.stoppedEarly) {
            int epoch = progress.epoch;
            long started = System.nanoTime();
            shuffleRng.setState(progress.epochShuffleState);
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            if (options.shuffle()) {
                shuffleRng.shuffle(order, n);
            }
            float lr = options.schedule().rate(optimizer.learningRate(), epoch);
            for (int b = progress.batch; b < batches; b++) {
                int from = b * batchSize;
                int rows = Math.min(batchSize, n - from);
                train.fill(order, from, rows, x, y);
                network.zeroGrad();
                float[] out = network.forward(x, rows, true);
                double loss = network.loss(y);
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(epoch, b, batches, loss, lr);
                }
                network.backward(y);
                if (options.clipNorm() > 0f) {
                    GradientClipping.clipGlobalNorm(network.kernels(), params, options.clipNorm());
                }
                optimizer.step(network.kernels(), params, lr);
                progress.lossSum += loss * rows;
                progress.seen += rows;
                if (classify) {
                    progress.correct += countCorrect(out, y, rows, outputs);
                }
                progress.batch = b + 1;
                for (int i = 0; i < listeners.size(); i++) { // indexed: no iterator allocated per batch
                    listeners.get(i).onBatch(epoch, b, batches, (int) progress.seen, progress.lossSum / progress.seen);
                }
                if (stopRequested && b + 1 < batches) {
                    interrupted = true;
                    break;
                }
            }
            if (interrupted) {
                break;
            }
            finishEpoch(epoch, batches, lr, classify, validator, params, (System.nanoTime() - started) / 1e9);
            interrupted = stopRequested && progress.epoch < options.epochs();
            if (progress.stoppedEarly) {
                break;
            }
        }
        boolean endOnBest = !interrupted && options.earlyStoppingPatience() > 0 && progress.bestEpoch >= 0;
        if (endOnBest) {
            copy(progress.bestWeights, params, false); // end on the best weights, not the last ones
        }
        return new TrainingHistory(progress.history, progress.stoppedEarly, progress.bestEpoch, interrupted, endOnBest);
    }

    private void finishEpoch(int epoch, int batches, float lr, boolean classify, Evaluation.Evaluator validator,
                             List<Parameter> params, double seconds) {
        // Each batch's loss was finite, but the epoch's last update comes after its loss: check the weights
        // it left, so that a run never ends (or validates, or saves) on NaN weights without a word.
        for (Parameter p : params) {
            if (!allFinite(p.value())) {
                throw TrainingDivergedException.weights(epoch, batches, p.name(), lr);
            }
        }
        double trainLoss = progress.lossSum / progress.seen;
        double trainAccuracy = classify ? (double) progress.correct / progress.seen : Double.NaN;
        Evaluation val = validator == null ? null : validator.run(false);
        if (val != null && !Double.isFinite(val.loss())) {
            throw TrainingDivergedException.validation(epoch, batches, val.loss());
        }
        EpochMetrics metrics = new EpochMetrics(epoch, trainLoss, trainAccuracy,
                val == null ? Double.NaN : val.loss(), val == null ? Double.NaN : val.accuracy(), lr, seconds);
        progress.history.add(metrics);
        progress.epoch = epoch + 1;
        progress.batch = 0;
        progress.lossSum = 0;
        progress.correct = 0;
        progress.seen = 0;
        progress.epochShuffleState = shuffleRng.state();
        if (val != null) {
            if (val.loss() < progress.bestValidationLoss) {
                progress.bestValidationLoss = val.loss();
                progress.bestEpoch = epoch;
                progress.epochsWithoutImprovement = 0;
                if (options.earlyStoppingPatience() > 0) {
                    progress.bestWeights = snapshot(params, progress.bestWeights);
                }
            } else {
                progress.epochsWithoutImprovement++;
                if (options.earlyStoppingPatience() > 0
                        && progress.epochsWithoutImprovement >= options.earlyStoppingPatience()) {
                    copy(progress.bestWeights, params, false);
                    progress.stoppedEarly = true;
                }
            }
        }
        for (TrainingListener l : listeners) {
            l.onEpoch(metrics);
        }
    }

    /**
     * The state to resume from, consistent between minibatches: call it after {@link #fit} returns or
     * from a listener callback. The network's weights are not included (save them alongside).
     */
    public TrainingState state() {
        if (progress == null) {
            throw new IllegalStateException("no training has run yet: state() is available during and after fit()");
        }
        List<Rng> dropout = network.dropoutGenerators();
        long[] dropoutStates = new long[dropout.size()];
        for (int i = 0; i < dropoutStates.length; i++) {
            dropoutStates[i] = dropout.get(i).state();
        }
        List<float[]> best = new ArrayList<>();
        for (float[] w : progress.bestWeights) {
            best.add(w.clone());
        }
        return new TrainingState(progress.epoch, progress.batch, progress.epochShuffleState,
                progress.lossSum, progress.correct, progress.seen,
                progress.bestValidationLoss, progress.bestEpoch, progress.epochsWithoutImprovement,
                best, dropoutStates, optimizer.state(), List.copyOf(progress.history));
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A resumed position must be one this data could have produced: a batch inside the epoch, after the
     * full batches before it. A state saved with other data or another batch size (or a damaged one)
     * would otherwise skip or repeat samples without a word.
     */
    private void requireResumable(int batches, int batchSize, int n) {
        if (progress.batch == 0) {
            return;
        }
        long expectedSeen = Math.min((long) progress.batch * batchSize, n);
        if (progress.batch >= batches || progress.seen != expectedSeen) {
            throw new IllegalArgumentException("cannot resume at batch " + progress.batch + " of epoch "
                    + (progress.epoch + 1) + " after " + progress.seen + " samples: these " + n
                    + " training samples make " + batches + " batches of " + batchSize
                    + "; resume with the data and batch size of the saved run");
        }
    }

    private void restore(TrainingState s) {
        List<Rng> dropout = network.dropoutGenerators();
        if (s.dropoutStates().length != dropout.size()) {
            throw new IllegalArgumentException("training state has " + s.dropoutStates().length
                    + " dropout generator states but the network has " + dropout.size() + " dropout layers");
        }
        requireBestWeightsFit(s.bestWeights(), network.parameters());
        if (options.earlyStoppingPatience() > 0 && s.bestEpoch() >= 0 && s.bestWeights().isEmpty()) {
            // a run without early stopping tracks the best epoch but keeps no copy of its weights to restore
            throw new IllegalArgumentException("training state has no best weights (its run did not use early"
                    + " stopping), so early stopping could not restore those of epoch " + (s.bestEpoch() + 1)
                    + "; resume without early stopping, or start a new run");
        }
        for (int i = 0; i < dropout.size(); i++) {
            dropout.get(i).setState(s.dropoutStates()[i]);
        }
        optimizer.restore(s.optimizer());
        progress.epoch = s.epoch();
        progress.batch = s.batch();
        progress.epochShuffleState = s.epochShuffleState();
        progress.lossSum = s.lossSum();
        progress.correct = s.correct();
        progress.seen = s.seen();
        progress.bestValidationLoss = s.bestValidationLoss();
        progress.bestEpoch = s.bestEpoch();
        progress.epochsWithoutImprovement = s.epochsWithoutImprovement();
        // a run that early stopping already ended stays ended (its best weights are restored after the loop)
        progress.stoppedEarly = options.earlyStoppingPatience() > 0
                && s.epochsWithoutImprovement() >= options.earlyStoppingPatience();
        progress.bestWeights = new ArrayList<>();
        for (float[] w : s.bestWeights()) {
            progress.bestWeights.add(w.clone());
        }
        progress.history.addAll(s.history());
    }

    /**
     * Best weights are copied into the parameters when the run ends: from another network they would
     * fail there, after all the training, or silently fill a smaller parameter with part of a larger one.
     */
    private static void requireBestWeightsFit(List<float[]> best, List<Parameter> params) {
        if (best.isEmpty()) {
            return;
        }
        if (best.size() != params.size()) {
            throw new IllegalArgumentException("training state holds best weights for " + best.size()
                    + " parameters but the network has " + params.size() + "; resume with the network of the saved run");
        }
        for (int i = 0; i < best.size(); i++) {
            if (best.get(i).length != params.get(i).size()) {
                throw new IllegalArgumentException("training state's best weights for " + params.get(i).name() + " hold "
                        + best.get(i).length + " values, expected " + params.get(i).size()
                        + "; resume with the network of the saved run");
            }
        }
    }

    /** Mutable bookkeeping of a run; {@link #state()} takes an immutable copy. */
    private static final class Progress {
        int epoch;
        int batch;
        long epochShuffleState;
        double lossSum;
        long correct;
        long seen;
        double bestValidationLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        int epochsWithoutImprovement;
        boolean stoppedEarly;
        List<float[]> bestWeights = new ArrayList<>();
        final List<EpochMetrics> history = new ArrayList<>();
    }

    private static List<float[]> snapshot(List<Parameter> params, List<float[]> reuse) {
        List<float[]> copies = reuse.size() == params.size() ? reuse : new ArrayList<>();
        if (copies.isEmpty()) {
            for (Parameter p : params) {
                copies.add(new float[p.size()]);
            }
        }
        copy(copies, params, true);
        return copies;
    }

    /** Copies between parameter values and saved arrays, in either direction. */
    private static void copy(List<float[]> saved, List<Parameter> params, boolean toSaved) {
        for (int i = 0; i < params.size(); i++) {
            float[] value = params.get(i).value();
            if (toSaved) {
                System.arraycopy(value, 0, saved.get(i), 0, value.length);
            } else {
                System.arraycopy(saved.get(i), 0, value, 0, value.length);
            }
        }
    }

    private static int countCorrect(float[] out, float[] y, int rows, int outputs) {
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            if (Matrix.classOf(out, r * outputs, outputs) == Matrix.classOf(y, r * outputs, outputs)) {
                correct++;
            }
        }
        return correct;
    }

    static void requireCompatible(Network network, Dataset data, String what) {
        if (data.featureCount() != network.inputSize()) {
            throw new IllegalArgumentException(what + " has " + data.featureCount()
                    + " features per sample, but the network expects " + network.inputSize() + " inputs");
        }
        if (data.targetCount() != network.outputSize()) {
            throw new IllegalArgumentException(what + " has " + data.targetCount()
                    + " targets per sample, but the network has " + network.outputSize() + " outputs");
        }
    }
}
