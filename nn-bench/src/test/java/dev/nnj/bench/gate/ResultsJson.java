package dev.nnj.bench.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Builds result files in JMH's JSON layout, with only the fields the comparison reads. */
final class ResultsJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ArrayNode entries = JSON.createArrayNode();

    /** A time-mode benchmark (us/op), with an allocation figure when {@code allocBytes} is not NaN. */
    ResultsJson avgt(String benchmark, Map<String, String> params, double score, double error, double allocBytes) {
        return add(benchmark, "avgt", params, score, error, "us/op", allocBytes);
    }

    /** A throughput benchmark (ops/s). */
    ResultsJson thrpt(String benchmark, Map<String, String> params, double score, double error, double allocBytes) {
        return add(benchmark, "thrpt", params, score, error, "ops/s", allocBytes);
    }

    ResultsJson add(String benchmark, String mode, Map<String, String> params, double score, double error,
                    String unit, double allocBytes) {
        ObjectNode e = entries.addObject();
        e.put("benchmark", benchmark.contains(".") ? benchmark : "dev.nnj.bench." + benchmark);
        e.put("mode", mode);
        e.put("measurementTime", "1 s");
        ObjectNode p = e.putObject("params");
        params.forEach(p::put);
        metric(e.putObject("primaryMetric"), score, error, unit);
        ObjectNode secondary = e.putObject("secondaryMetrics");
        if (!Double.isNaN(allocBytes)) {
            metric(secondary.putObject("gc.alloc.rate.norm"), allocBytes, 0.01, "B/op");
        }
        return this;
    }

    /**
     * Gives the last entry's allocation per-iteration figures, one array per fork, as JMH's
     * {@code rawData}, and their mean as its score.
     */
    ResultsJson allocIterations(double[]... forks) {
        ObjectNode alloc = (ObjectNode) entries.get(entries.size() - 1).path("secondaryMetrics")
                .path("gc.alloc.rate.norm");
        ArrayNode raw = alloc.putArray("rawData");
        double sum = 0;
        int count = 0;
        for (double[] fork : forks) {
            ArrayNode iterations = raw.addArray();
            for (double bytes : fork) {
                iterations.add(bytes);
                sum += bytes;
                count++;
            }
        }
        alloc.put("score", sum / count);
        return this;
    }

    private static void metric(ObjectNode m, double score, double error, String unit) {
        m.put("score", score);
        if (Double.isNaN(error)) {
            m.put("scoreError", "NaN");
        } else {
            m.put("scoreError", error);
        }
        m.put("scoreUnit", unit);
    }

    Path write(Path file) {
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), entries);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text() {
        return entries.toPrettyString();
    }

    static Path writeText(Path file, String text) throws IOException {
        return Files.writeString(file, text);
    }
}
