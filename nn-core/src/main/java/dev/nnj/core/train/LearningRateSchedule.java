package dev.nnj.core.train;

/**
 * The learning rate as a function of the epoch, counted from 0, and of the optimizer's base rate. Every
 * schedule is a pure function of the epoch (the closed forms of torch.optim.lr_scheduler), so a resumed
 * run needs only the epoch number to continue with the right rate.
 *
 * <p>Text form, accepted by {@link #parse} and produced by {@link #describe}:
 * <ul>
 *   <li>{@code constant}: the base rate throughout;</li>
 *   <li>{@code step:<stepSize>:<gamma>}, e.g. {@code step:10:0.5}: multiplied by γ every stepSize epochs;</li>
 *   <li>{@code exponential:<gamma>}, e.g. {@code exponential:0.95}: multiplied by γ every epoch;</li>
 *   <li>{@code cosine:<totalEpochs>[:<minRate>]}, e.g. {@code cosine:50:1e-5}: half a cosine from the base
 *       rate down to minRate (default 0) over totalEpochs.</li>
 * </ul>
 */
public interface LearningRateSchedule {

    /**
     * The rate for {@code epoch}.
     *
     * @throws IllegalArgumentException if epoch &lt; 0
     */
    float rate(float baseRate, int epoch);

    /** The text form, which {@link #parse} turns back into an equal schedule. */
    String describe();

    /** The base rate at every epoch. */
    static LearningRateSchedule constant() {
        return Schedules.Constant.INSTANCE;
    }

    /**
     * torch StepLR: η·γ^⌊epoch / stepSize⌋.
     *
     * @param stepSize epochs between decays, ≥ 1
     * @param gamma    factor per decay, &gt; 0 and finite
     */
    static LearningRateSchedule step(int stepSize, float gamma) {
        return new Schedules.Step(stepSize, gamma);
    }

    /**
     * torch ExponentialLR: η·γ^epoch.
     *
     * @param gamma factor per epoch, &gt; 0 and finite
     */
    static LearningRateSchedule exponential(float gamma) {
        return new Schedules.Exponential(gamma);
    }

    /**
     * torch CosineAnnealingLR, closed form: η_min + (η − η_min)·(1 + cos(π·epoch / totalEpochs)) / 2.
     * Like torch it is periodic, rising again after totalEpochs, so set totalEpochs to the length of the
     * run.
     *
     * @param totalEpochs epochs from the base rate to minRate, ≥ 1
     * @param minRate     η_min, ≥ 0 and finite
     */
    static LearningRateSchedule cosine(int totalEpochs, float minRate) {
        return new Schedules.Cosine(totalEpochs, minRate);
    }

    /**
     * Parses the text form described on this interface, e.g. {@code step:10:0.5}.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms when it does not parse
     */
    static LearningRateSchedule parse(String text) {
        return Schedules.parse(text);
    }
}
