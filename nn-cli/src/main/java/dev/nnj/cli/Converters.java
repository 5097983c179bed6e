package dev.nnj.cli;

import dev.nnj.bench.gate.CompareOptions;
import dev.nnj.core.activation.Activation;
import dev.nnj.core.loss.Loss;
import dev.nnj.core.optim.Optimizers;
import dev.nnj.core.train.LearningRateSchedule;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values parsed by the library's own parsers, so the command line accepts exactly what the
 * library does. A library's IllegalArgumentException becomes picocli's TypeConversionException, which
 * picocli reports as a usage error naming the option.
 */
final class Converters {

    private Converters() {
    }

    public static final class OptimizerId implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String id = value.trim().toLowerCase(Locale.ROOT);
            if (!Optimizers.IDS.contains(id)) {
                throw new TypeConversionException("unknown optimizer '" + value + "', expected one of "
                        + String.join(", ", Optimizers.IDS));
            }
            return id;
        }
    }

    public static final class Schedule implements ITypeConverter<LearningRateSchedule> {
        @Override
        public LearningRateSchedule convert(String value) {
            try {
                return LearningRateSchedule.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    public static final class ActivationName implements ITypeConverter<Activation> {
        @Override
        public Activation convert(String value) {
            try {
                return Activation.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    public static final class LossName implements ITypeConverter<Loss> {
        @Override
        public Loss convert(String value) {
            try {
                return Loss.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A fraction in [0, 1): {@code 0.1} or {@code 10%}. */
    public static final class Fraction implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String text = value.trim();
            boolean percent = text.endsWith("%");
            double f;
            try {
                f = Double.parseDouble(percent ? text.substring(0, text.length() - 1) : text);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a fraction, expected e.g. 0.1 or 10%");
            }
            f = percent ? f / 100 : f;
            if (!(f >= 0 && f < 1)) {
                throw new TypeConversionException("'" + value + "' is outside [0, 1), expected e.g. 0.1 or 10%");
            }
            return f;
        }
    }

    /** A slowdown threshold as the benchmark gate reads it: {@code 10%}, {@code 10} or {@code 0.1}. */
    public static final class Threshold implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                return CompareOptions.parseThreshold(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
