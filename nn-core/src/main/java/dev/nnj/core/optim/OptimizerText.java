package dev.nnj.core.optim;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The text form of an optimizer, {@code <kind>:<key>=<value>,…}, produced by {@link Optimizer#describe()}
 * and read by {@link Optimizers#parse}. Keys are torch.optim's argument names; a key left out takes
 * torch's default, so {@code adam:} is Adam with all of its defaults. Numbers are written with
 * {@link Float#toString}, which reads back to the same float.
 */
final class OptimizerText {

    /** The keys of each kind, in the order {@link Optimizer#describe()} writes them. */
    private static final Map<String, List<String>> KEYS = keys();

    /** A decimal number as Float.toString writes it or a person types it; no NaN, Infinity, hex or suffix. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private OptimizerText() {
    }

    private static Map<String, List<String>> keys() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("sgd", List.of("lr", "momentum", "nesterov", "weight_decay"));
        keys.put("adam", List.of("lr", "beta1", "beta2", "eps", "weight_decay"));
        keys.put("adamw", List.of("lr", "beta1", "beta2", "eps", "weight_decay"));
        keys.put("rmsprop", List.of("lr", "alpha", "eps", "momentum", "weight_decay"));
        keys.put("adagrad", List.of("lr", "eps", "weight_decay"));
        return keys;
    }

    static Optimizer parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("optimizer description is missing, expected <kind>:<key>=<value>,…"
                    + " such as adam:lr=0.001");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("optimizer description '" + text + "' has no ':' after the kind,"
                    + " expected <kind>:<key>=<value>,… such as adam:lr=0.001 (kinds: " + String.join(", ", KEYS.keySet())
                    + ")");
        }
        String kind = text.substring(0, colon).strip();
        List<String> keys = KEYS.get(kind);
        if (keys == null) {
            throw new IllegalArgumentException("optimizer description '" + text + "': unknown kind '" + kind
                    + "', expected one of " + String.join(", ", KEYS.keySet()) + presetHint(kind));
        }
        try {
            Values values = new Values(kind, keys, text.substring(colon + 1));
            return switch (kind) {
                case "sgd" -> new Sgd(values.number("lr", Sgd.DEFAULT_LEARNING_RATE), values.number("momentum", 0f),
                        values.number("weight_decay", 0f), values.bool("nesterov", false));
                case "adam" -> new Adam(values.number("lr", Adam.DEFAULT_LEARNING_RATE),
                        values.number("beta1", Adam.DEFAULT_BETA1), values.number("beta2", Adam.DEFAULT_BETA2),
                        values.number("eps", Adam.DEFAULT_EPS), values.number("weight_decay", 0f));
                case "adamw" -> new AdamW(values.number("lr", Adam.DEFAULT_LEARNING_RATE),
                        values.number("beta1", Adam.DEFAULT_BETA1), values.number("beta2", Adam.DEFAULT_BETA2),
                        values.number("eps", Adam.DEFAULT_EPS), values.number("weight_decay", AdamW.DEFAULT_WEIGHT_DECAY));
                case "rmsprop" -> new RmsProp(values.number("lr", RmsProp.DEFAULT_LEARNING_RATE),
                        values.number("alpha", RmsProp.DEFAULT_ALPHA), values.number("eps", RmsProp.DEFAULT_EPS),
                        values.number("weight_decay", 0f), values.number("momentum", 0f));
                default -> new AdaGrad(values.number("lr", AdaGrad.DEFAULT_LEARNING_RATE),
                        values.number("eps", AdaGrad.DEFAULT_EPS), values.number("weight_decay", 0f));
            };
        } catch (IllegalArgumentException e) {
            // A bad entry, or a value out of range caught by the optimizer's own validation: say which text.
            throw new IllegalArgumentException("optimizer description '" + text + "': " + e.getMessage(), e);
        }
    }

    /** The presets of {@link Optimizers#create} are not kinds of their own; say what to write instead. */
    private static String presetHint(String kind) {
        return switch (kind) {
            case "momentum" -> " (the momentum preset is sgd:momentum=" + Optimizers.PRESET_MOMENTUM + ")";
            case "nesterov" -> " (the nesterov preset is sgd:momentum=" + Optimizers.PRESET_MOMENTUM + ",nesterov=true)";
            default -> "";
        };
    }

    /** The {@code key=value} entries after the colon, checked against the kind's keys. */
    private static final class Values {

        private final Map<String, String> byKey = new HashMap<>();

        Values(String kind, List<String> keys, String entries) {
            if (entries.isBlank()) {
                return;
            }
            for (String entry : entries.split(",", -1)) {
                int equals = entry.indexOf('=');
                if (equals < 0) {
                    throw error("entry '" + entry.strip() + "' is not <key>=<value>; valid keys for " + kind + ": "
                            + String.join(", ", keys));
                }
                String key = entry.substring(0, equals).strip();
                if (!keys.contains(key)) {
                    throw error("unknown key '" + key + "' for " + kind + "; valid keys: " + String.join(", ", keys));
                }
                if (byKey.put(key, entry.substring(equals + 1).strip()) != null) {
                    throw error("key '" + key + "' is given twice");
                }
            }
        }

        float number(String key, float defaultValue) {
            String value = byKey.get(key);
            if (value == null) {
                return defaultValue;
            }
            if (!NUMBER.matcher(value).matches()) {
                throw error(key + " must be a decimal number such as 0.01 or 1e-08, got '" + value + "'");
            }
            return Float.parseFloat(value);
        }

        boolean bool(String key, boolean defaultValue) {
            String value = byKey.get(key);
            if (value == null) {
                return defaultValue;
            }
            if (!value.equals("true") && !value.equals("false")) {
                throw error(key + " must be true or false, got '" + value + "'");
            }
            return Boolean.parseBoolean(value);
        }

        private static IllegalArgumentException error(String problem) {
            return new IllegalArgumentException(problem);
        }
    }
}
