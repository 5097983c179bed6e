package dev.nnj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request protocol that nn-bench/compare/alternate.py speaks to {@link TimingServer}. */
class TimingServerTest {

    private static List<String> answers(String requests) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TimingServer().serve(new BufferedReader(new StringReader(requests)),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void timesEachKindOfWorkAndStopsAtQuit() throws IOException {
        List<String> got = answers("""
                time sgemm:scalar:NT:3x5x4 3
                time step:scalar:sgd:4 2
                time infer:scalar:1 2
                time peak:2 1
                time sgemm:scalar:NT:3x5x4 1
                quit
                time infer:scalar:1 1
                """);
        assertEquals(5, got.size(), "one answer per request before quit: " + got);
        long jitMillis = 0;
        for (String answer : got) {
            String[] words = answer.split(" ");
            assertEquals("ok", words[0], answer);
            assertEquals(3, words.length, answer);
            assertTrue(Long.parseLong(words[1]) > 0, answer);
            assertTrue(Long.parseLong(words[2]) >= jitMillis, "HotSpot's compilation time so far: " + got);
            jitMillis = Long.parseLong(words[2]);
        }
    }

    @Test
    void badRequestsGetAnErrorThatSaysWhatWasExpectedAndTheServerGoesOn() throws IOException {
        List<String> got = answers("""
                time gemm:scalar:NN:2x2x2 1
                time sgemm:scalar:NN 1
                time step:scalar:sgd:4 0
                measure step:scalar:sgd:4 1
                time peak:3 1
                time sgemm:scalar:NN:2x2x2 1
                """);
        assertEquals(6, got.size(), got.toString());
        assertEquals("error work must start with sgemm:, step:, infer: or peak:, got 'gemm:scalar:NN:2x2x2'",
                got.get(0));
        assertEquals("error expected sgemm:KERNELS:OP:MxKxN, got 'sgemm:scalar:NN'", got.get(1));
        assertEquals("error CALLS must be a whole number >= 1, got '0'", got.get(2));
        assertEquals("error expected 'time WORK CALLS' or 'quit', got 'measure step:scalar:sgd:4 1'", got.get(3));
        assertEquals("error THREADS must divide 256, got 3", got.get(4));
        assertTrue(got.get(5).startsWith("ok "), got.get(5));
    }
}
