package dev.nnj.cli;

import dev.nnj.core.metrics.ConfusionMatrix;
import dev.nnj.core.train.Evaluation;
import java.util.List;
import java.util.Locale;

/**
 * The JSON form of {@code nnj evaluate --json}. Written by hand rather than with Jackson, which belongs to
 * nn-io: the document is small and flat, and only strings need escaping.
 */
final class EvaluationJson {

    private EvaluationJson() {
    }

    static String of(String model, String data, Evaluation result, ConfusionMatrix m, List<String> classNames) {
        StringBuilder s = new StringBuilder("{\n");
        s.append("  \"model\": ").append(quote(model)).append(",\n");
        s.append("  \"data\": ").append(quote(data)).append(",\n");
        s.append("  \"samples\": ").append(m.total()).append(",\n");
        s.append("  \"loss\": ").append(number(result.loss())).append(",\n");
        s.append("  \"accuracy\": ").append(number(result.accuracy())).append(",\n");
        s.append("  \"macro_precision\": ").append(number(m.macroPrecision())).append(",\n");
        s.append("  \"macro_recall\": ").append(number(m.macroRecall())).append(",\n");
        s.append("  \"macro_f1\": ").append(number(m.macroF1())).append(",\n");
        s.append("  \"classes\": [");
        for (int c = 0; c < m.classes(); c++) {
            s.append(c == 0 ? "\n" : ",\n").append("    {\"name\": ").append(quote(classNames.get(c)))
                    .append(", \"precision\": ").append(number(m.precision(c)))
                    .append(", \"recall\": ").append(number(m.recall(c)))
                    .append(", \"f1\": ").append(number(m.f1(c)))
                    .append(", \"support\": ").append(m.support(c)).append('}');
        }
        s.append("\n  ],\n  \"confusion_matrix\": [");
        for (int i = 0; i < m.classes(); i++) {
            s.append(i == 0 ? "\n    [" : ",\n    [");
            for (int j = 0; j < m.classes(); j++) {
                s.append(j == 0 ? "" : ", ").append(m.count(i, j));
            }
            s.append(']');
        }
        return s.append("\n  ]\n}").toString();
    }

    static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static String quote(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20) {
                s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }
}
