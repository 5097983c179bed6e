package dev.nnj.core.optim;

import java.util.List;
import java.util.Locale;

/**
 * Creates optimizers by name, for the command line and configuration files, and from the text that
 * {@link Optimizer#describe()} writes, for checkpoints. Every id starts from torch.optim's defaults for
 * its class; {@code momentum} and {@code nesterov} are SGD with momentum 0.9 (the value almost every
 * recipe uses), classic and Nesterov, and describe themselves as the {@code sgd} they are.
 */
public final class Optimizers {

    /** The ids {@link #create} accepts, simplest first (in any case, around spaces: {@code " Adam"} too). */
    public static final List<String> IDS = List.of("sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop", "adagrad");

    /** The momentum of the {@code momentum} and {@code nesterov} presets. */
    public static final float PRESET_MOMENTUM = 0.9f;

    private Optimizers() {
    }

    /** The optimizer {@code id} with all of its defaults, the learning rate included. */
    public static Optimizer create(String id) {
        return create(id, defaultLearningRate(id));
    }

    /** The optimizer {@code id} with learning rate {@code learningRate} and its default weight decay. */
    public static Optimizer create(String id, float learningRate) {
        return create(id, learningRate, checkId(id).equals("adamw") ? AdamW.DEFAULT_WEIGHT_DECAY : 0f);
    }

    /**
     * The optimizer {@code id} with the given learning rate and weight decay (L2 on the gradient, or
     * decoupled for {@code adamw}) and defaults for everything else.
     *
     * @throws IllegalArgumentException for an unknown id or an invalid value
     */
    public static Optimizer create(String id, float learningRate, float weightDecay) {
        return switch (checkId(id)) {
            case "sgd" -> new Sgd(learningRate, 0f, weightDecay, false);
            case "momentum" -> new Sgd(learningRate, PRESET_MOMENTUM, weightDecay, false);
            case "nesterov" -> new Sgd(learningRate, PRESET_MOMENTUM, weightDecay, true);
            case "adam" -> new Adam(learningRate, Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPS, weightDecay);
            case "adamw" -> new AdamW(learningRate, Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPS, weightDecay);
            case "rmsprop" -> new RmsProp(learningRate, RmsProp.DEFAULT_ALPHA, RmsProp.DEFAULT_EPS, weightDecay, 0f);
            default -> new AdaGrad(learningRate, AdaGrad.DEFAULT_EPS, weightDecay);
        };
    }

    /**
     * The optimizer that {@code description} (an {@link Optimizer#describe()} text) describes, with fresh
     * state. Keys left out take torch's defaults: {@code adamw:lr=0.01} is AdamW with weight decay 0.01.
     *
     * @throws IllegalArgumentException naming the bad part and what is valid there: a missing ':', an
     *                                  unknown kind or key, a value that is not a number or out of range
     */
    public static Optimizer parse(String description) {
        return OptimizerText.parse(description);
    }

    /** torch.optim's default learning rate for the class behind {@code id}. */
    public static float defaultLearningRate(String id) {
        return switch (checkId(id)) {
            case "sgd", "momentum", "nesterov" -> Sgd.DEFAULT_LEARNING_RATE;
            case "adam", "adamw" -> Adam.DEFAULT_LEARNING_RATE;
            case "rmsprop" -> RmsProp.DEFAULT_LEARNING_RATE;
            default -> AdaGrad.DEFAULT_LEARNING_RATE;
        };
    }

    /** {@code id} as one of {@link #IDS}; case and surrounding spaces do not matter, as for activations. */
    private static String checkId(String id) {
        String normalised = id == null ? null : id.trim().toLowerCase(Locale.ROOT);
        if (normalised == null || !IDS.contains(normalised)) {
            throw new IllegalArgumentException("unknown optimizer '" + id + "', expected one of " + String.join(", ", IDS));
        }
        return normalised;
    }
}
