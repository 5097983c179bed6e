package dev.nnj.core.train;

import dev.nnj.core.optim.OptimizerState;
import java.util.List;

/**
 * Everything a {@link Trainer} needs, besides the network's weights, to continue a run exactly as if it
 * had never stopped: given the same data, options and a network holding the same weights,
 * {@link Trainer#resume} + {@link Trainer#fit} produce bit-identical weights.
 *
 * @param epoch                    the epoch in progress (0-based); equals the epoch count when finished
 * @param batch                    batches of that epoch already trained
 * @param epochShuffleState        shuffling {@code Rng} state at the start of that epoch (the epoch's
 *                                 permutation is drawn from it again on resume)
 * @param lossSum                  Σ loss·rows over the epoch's trained batches
 * @param correct                  correctly classified training samples in the epoch so far
 * @param seen                     training samples of the epoch so far
 * @param bestValidationLoss       lowest validation loss so far (+∞ when none)
 * @param bestEpoch                epoch of that loss, or −1
 * @param epochsWithoutImprovement epochs since the best one, for early-stopping patience
 * @param bestWeights              copies of the parameters at the best epoch (empty when not tracked)
 * @param dropoutStates            states of the network's dropout generators, in layer order
 * @param optimizer                the optimizer's state
 * @param history                  metrics of the completed epochs
 */
public record TrainingState(int epoch, int batch, long epochShuffleState,
                            double lossSum, long correct, long seen,
                            double bestValidationLoss, int bestEpoch, int epochsWithoutImprovement,
                            List<float[]> bestWeights, long[] dropoutStates,
                            OptimizerState optimizer, List<EpochMetrics> history) {
}
