package dev.nnj.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int main(String... args) {
        return BenchMain.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String file(String name, double stepMicros, double allocBytes) {
        return new ResultsJson()
                .avgt("TrainingStepBenchmark.step", Map.of("batch", "128"), stepMicros, stepMicros / 100, allocBytes)
                .write(dir.resolve(name)).toString();
    }

    @Test
    void compareExitCodes() {
        String base = file("base.json", 1000, 0);

        assertEquals(0, main("compare", base, file("same.json", 1000, 0)));
        assertEquals(1, main("compare", base, file("slow.json", 2000, 0)));
        assertEquals(0, main("compare", "--threshold", "150%", base, file("slow2.json", 2000, 0)));
        assertEquals(0, main("compare", "--report-only", base, file("slow3.json", 2000, 0)));
        assertEquals(1, main("compare", "--report-only", base, file("alloc.json", 1000, 1024)));
        assertEquals(0, main("compare", "--report-only", "--alloc-gate", "Inference", base, file("alloc2.json", 1000, 1024)));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("TrainingStepBenchmark.step"));
    }

    @Test
    void combinesCommaSeparatedRuns() {
        String base = file("a1.json", 1000, 0) + "," + file("a2.json", 1010, 0);
        String head = file("b1.json", 1005, 0) + "," + file("b2.json", 995, 0);

        assertEquals(0, main("compare", base, head));
    }

    @Test
    void unitsThatDoNotConvertAreAnInputError() {
        String base = file("base.json", 1000, 0);
        String other = new ResultsJson()
                .add("TrainingStepBenchmark.step", "avgt", Map.of("batch", "128"), 1, 0.01, "ops/us", 0)
                .write(dir.resolve("other.json")).toString();

        assertEquals(2, main("compare", base, other));
        String messages = err.toString(StandardCharsets.UTF_8);
        assertTrue(messages.contains("TrainingStepBenchmark.step [batch=128] avgt is in us/op in the baseline "
                + "and in ops/us in the current results"), messages);
        assertFalse(messages.contains("usage:"), "the files are at fault, not the command line: " + messages);
    }

    @Test
    void onlyTheCalibrationInCommonFails() {
        String base = new ResultsJson()
                .avgt("TrainingStepBenchmark.step", Map.of("batch", "128"), 1000, 10, 0)
                .avgt(Comparison.CALIBRATION, Map.of(), 1665, 17, 0)
                .write(dir.resolve("base.json")).toString();
        String calibration = new ResultsJson().avgt(Comparison.CALIBRATION, Map.of(), 1665, 17, 0)
                .write(dir.resolve("calibration.json")).toString();

        assertEquals(1, main("compare", base, calibration));
        assertTrue(out.toString(StandardCharsets.UTF_8)
                .contains("FAIL: no benchmark other than the calibration appears in both files"));
    }

    @Test
    void usageErrorsExitTwoWithAMessage() {
        assertEquals(2, main());
        assertEquals(2, main("compare", "only-one.json"));
        assertEquals(2, main("compare", "--threshold", "lots", "a.json", "b.json"));
        assertEquals(2, main("compare", dir.resolve("missing.json").toString(), dir.resolve("missing.json").toString()));
        assertEquals(2, main("run", "--quick"));
        assertEquals(2, main("frobnicate"));
        String messages = err.toString(StandardCharsets.UTF_8);
        assertTrue(messages.contains("missing.json: no such file"), messages);
        assertTrue(messages.contains("run needs --out FILE"), messages);
        assertTrue(messages.contains("unknown command 'frobnicate'"), messages);
    }
}
