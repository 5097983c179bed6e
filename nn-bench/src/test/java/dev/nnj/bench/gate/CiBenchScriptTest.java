package dev.nnj.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ci-bench.sh} with a stand-in for {@code java}: its benchmark runs fail or succeed as a test
 * says, and its comparisons pass whenever their results file exists, as the comparison of an earlier
 * run's results would.
 */
class CiBenchScriptTest {

    private static final String FAKE_JAVA = """
            #!/usr/bin/env bash
            echo "$*" >> "$CALLS"
            args=("$@")
            for ((i = 0; i < $#; i++)); do
              case "${args[i]}" in --out | -rff) out="${args[i + 1]}" ;; esac
            done
            case " $* " in
              *" compare "*) [[ -f "${@: -1}" ]]; exit ;;
              *" run --quick "*) status="$QUICK_RUN" ;;
              *) status="$NOINLINE_RUN" ;;
            esac
            if [[ "$status" == 0 && "$WRITES_RESULTS" == yes ]]; then echo '[]' > "$out"; fi
            exit "$status"
            """;

    @TempDir
    Path dir;

    private Path bench;
    private Path calls;

    @BeforeEach
    void layOutARepository() throws IOException {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "a bash script");
        bench = Files.createDirectories(dir.resolve("nn-bench"));
        // Surefire runs in the module directory, where the script lives.
        Files.copy(Path.of("ci-bench.sh"), bench.resolve("ci-bench.sh"));
        Files.createDirectories(bench.resolve("baseline"));
        Files.createDirectories(bench.resolve("target/bench"));
        for (String file : List.of("target/benchmarks.jar", "baseline/quick.json", "baseline/noinline.json",
                // what an earlier run left behind
                "target/bench/quick.json", "target/bench/noinline.json")) {
            Files.writeString(bench.resolve(file), "[]");
        }
        Path java = Files.createDirectories(dir.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, FAKE_JAVA);
        assumeTrue(java.toFile().setExecutable(true), "an executable stand-in for java");
        calls = dir.resolve("calls.txt");
    }

    private int script(String quickRun, String noinlineRun, boolean writesResults) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", bench.resolve("ci-bench.sh").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.txt").toFile());
        pb.environment().putAll(Map.of("JAVA_HOME", dir.resolve("jdk").toString(), "CALLS", calls.toString(),
                "QUICK_RUN", quickRun, "NOINLINE_RUN", noinlineRun, "WRITES_RESULTS", writesResults ? "yes" : "no"));
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the script did not finish within a minute");
        return p.exitValue();
    }

    private List<String> calls(String containing) throws IOException {
        return Files.readAllLines(calls, StandardCharsets.UTF_8).stream().filter(c -> c.contains(containing)).toList();
    }

    @Test
    void passesWhenEveryRunAndComparisonDoes() throws Exception {
        assertEquals(0, script("0", "0", true), () -> output());
    }

    @Test
    void aFailedQuickRunFailsInsteadOfComparingAnEarlierRunsResults() throws Exception {
        assertEquals(1, script("1", "0", true), () -> output());

        assertEquals(2, calls("run --quick").size(), "tried once more in new JVMs");
        assertEquals(List.of(), calls("compare"));
        assertFalse(Files.exists(bench.resolve("target/bench/quick.json")), "the earlier results are deleted");
    }

    @Test
    void aFailedRunWithoutInliningFailsInsteadOfComparingAnEarlierRunsResults() throws Exception {
        assertEquals(1, script("0", "1", true), () -> output());

        assertEquals(2, calls("-jar").size(), "tried once more in a new JVM");
        assertEquals(1, calls("compare").size(), "only the quick selection's results are compared");
        assertFalse(Files.exists(bench.resolve("target/bench/noinline.json")), "the earlier results are deleted");
    }

    @Test
    void aRunThatWritesNoResultsCannotPassOnAnEarlierRunsResults() throws Exception {
        assertNotEquals(0, script("0", "0", false), () -> output());
    }

    private String output() {
        try {
            return Files.readString(dir.resolve("output.txt"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
