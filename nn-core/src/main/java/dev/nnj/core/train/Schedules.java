package dev.nnj.core.train;

import java.util.Locale;

/** The {@link LearningRateSchedule} implementations and their parser; use the interface's factories. */
final class Schedules {

    static final String SYNTAX = "constant, step:<stepSize>:<gamma>, exponential:<gamma> or cosine:<totalEpochs>[:<minRate>]";

    private Schedules() {
    }

    static void checkEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
    }

    static float checkGamma(float gamma) {
        if (!(gamma > 0f) || Float.isInfinite(gamma)) {
            throw new IllegalArgumentException("gamma must be > 0 and finite, got " + gamma);
        }
        return gamma;
    }

    enum Constant implements LearningRateSchedule {
        INSTANCE;

        @Override
        public float rate(float baseRate, int epoch) {
            checkEpoch(epoch);
            return baseRate;
        }

        @Override
        public String describe() {
            return "constant";
        }
    }

    record Step(int stepSize, float gamma) implements LearningRateSchedule {
        Step {
            if (stepSize < 1) {
                throw new IllegalArgumentException("step size must be >= 1 epoch, got " + stepSize);
            }
            checkGamma(gamma);
        }

        @Override
        public float rate(float baseRate, int epoch) {
            checkEpoch(epoch);
            return (float) (baseRate * Math.pow(gamma, epoch / stepSize));
        }

        @Override
        public String describe() {
            return "step:" + stepSize + ":" + gamma;
        }
    }

    record Exponential(float gamma) implements LearningRateSchedule {
        Exponential {
            checkGamma(gamma);
        }

        @Override
        public float rate(float baseRate, int epoch) {
            checkEpoch(epoch);
            return (float) (baseRate * Math.pow(gamma, epoch));
        }

        @Override
        public String describe() {
            return "exponential:" + gamma;
        }
    }

    record Cosine(int totalEpochs, float minRate) implements LearningRateSchedule {
        Cosine {
            if (totalEpochs < 1) {
                throw new IllegalArgumentException("total epochs must be >= 1, got " + totalEpochs);
            }
            if (!(minRate >= 0f) || Float.isInfinite(minRate)) {
                throw new IllegalArgumentException("minimum rate must be >= 0 and finite, got " + minRate);
            }
        }

        @Override
        public float rate(float baseRate, int epoch) {
            checkEpoch(epoch);
            return (float) (minRate + (baseRate - (double) minRate) * (1 + Math.cos(Math.PI * epoch / totalEpochs)) / 2);
        }

        @Override
        public String describe() {
            return "cosine:" + totalEpochs + ":" + minRate;
        }
    }

    static LearningRateSchedule parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("learning-rate schedule is missing, expected " + SYNTAX);
        }
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":", -1);
        try {
            switch (parts[0]) {
                case "constant":
                    arguments(parts, 0, 0);
                    return LearningRateSchedule.constant();
                case "step":
                    arguments(parts, 2, 2);
                    return LearningRateSchedule.step(integer(parts[1], "step size"), number(parts[2], "gamma"));
                case "exponential":
                case "exp":
                    arguments(parts, 1, 1);
                    return LearningRateSchedule.exponential(number(parts[1], "gamma"));
                case "cosine":
                    arguments(parts, 1, 2);
                    float minRate = parts.length == 3 ? number(parts[2], "minimum rate") : 0f;
                    return LearningRateSchedule.cosine(integer(parts[1], "total epochs"), minRate);
                default:
                    throw new IllegalArgumentException("unknown schedule '" + parts[0] + "'");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid learning-rate schedule '" + text + "': " + e.getMessage()
                    + "; expected " + SYNTAX, e);
        }
    }

    private static void arguments(String[] parts, int min, int max) {
        int count = parts.length - 1;
        if (count < min || count > max) {
            String expected = min == max ? String.valueOf(min) : min + " or " + max;
            throw new IllegalArgumentException(parts[0] + " takes " + expected + " argument(s), got " + count);
        }
    }

    private static int integer(String text, String what) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be an integer, got '" + text + "'");
        }
    }

    private static float number(String text, String what) {
        try {
            return Float.parseFloat(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, got '" + text + "'");
        }
    }
}
