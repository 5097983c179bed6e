package dev.nnj.cli;

import dev.nnj.core.Matrix;
import dev.nnj.io.Architecture;
import dev.nnj.io.SavedModel;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The CSV layout of {@code nnj predict}. Classification: {@code row,predicted[,label],p_<class>…}, one
 * probability column per class, named after it; {@code score_<class>} instead when the output activation
 * is neither softmax nor sigmoid, whose outputs are no probabilities. Regression (a model without class
 * names): {@code row,output_0,…}. Rows are numbered from 0 in input order.
 */
final class PredictionCsv {

    /** The output activations whose outputs are probabilities. */
    private static final Set<String> PROBABILITIES = Set.of("softmax", "sigmoid");

    private final List<String> classNames;
    private final int outputs;
    private final boolean labels;
    private final String prefix;

    PredictionCsv(List<String> classNames, int outputs, boolean labels) {
        this(classNames, outputs, labels, true);
    }

    PredictionCsv(List<String> classNames, int outputs, boolean labels, boolean probabilities) {
        this.classNames = classNames;
        this.outputs = outputs;
        this.labels = labels && !classNames.isEmpty();
        this.prefix = probabilities ? "p_" : "score_";
    }

    /** The layout for {@code model}'s outputs, with a label column when the input has labels. */
    static PredictionCsv of(SavedModel model, boolean labels) {
        List<Architecture.Entry> modules = Architecture.of(model.network()).modules();
        boolean probabilities = PROBABILITIES.contains(modules.get(modules.size() - 1).type());
        return new PredictionCsv(model.classNames(), model.network().outputSize(), labels, probabilities);
    }

    String header() {
        StringBuilder s = new StringBuilder("row");
        if (classNames.isEmpty()) {
            for (int k = 0; k < outputs; k++) {
                s.append(",output_").append(k);
            }
        } else {
            s.append(",predicted");
            if (labels) {
                s.append(",label");
            }
            for (String name : classNames) {
                s.append(',').append(field(prefix + name));
            }
        }
        return s.append('\n').toString();
    }

    /** Row {@code r} of {@code outputs}, which is input row {@code index}; {@code label} may be null. */
    String row(int index, Matrix out, int r, String label) {
        StringBuilder s = new StringBuilder().append(index);
        if (classNames.isEmpty()) {
            for (int k = 0; k < outputs; k++) {
                s.append(',').append(String.format(Locale.ROOT, "%.6g", out.get(r, k)));
            }
            return s.append('\n').toString();
        }
        float[] p = probabilities(out, r);
        s.append(',').append(field(classNames.get(Matrix.argmax(p, 0, p.length))));
        if (labels) {
            s.append(',').append(field(label));
        }
        for (float v : p) {
            s.append(',').append(String.format(Locale.ROOT, "%.6f", v));
        }
        return s.append('\n').toString();
    }

    /** One probability per class; a single sigmoid output σ stands for two classes, (1 − σ, σ). */
    private float[] probabilities(Matrix out, int r) {
        if (out.cols() == 1 && classNames.size() == 2) {
            return new float[] {1f - out.get(r, 0), out.get(r, 0)};
        }
        return out.row(r);
    }

    /** Quotes a field when it holds a comma, a quote or a line break (RFC 4180). */
    static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
