package dev.nnj.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Times nnj's work on request, so that a driver in another process can time a peer (OpenBLAS, PyTorch)
 * in turns with it: {@code nn-bench/compare/alternate.py}. On a shared host, separate runs of nnj and
 * of a peer minutes apart compare two states of the machine; slices of a fraction of a second, taken in
 * turns on the same CPU, see the same state.
 *
 * <p>Reads one request per line on standard input and answers each with one line on standard output:
 * <pre>
 * time WORK CALLS   →  ok NANOS JIT_MS   (the time of CALLS calls; the work is set up and checked on first use)
 * quit
 * </pre>
 * WORK is one of {@code sgemm:KERNELS:OP:MxKxN} (a {@link GemmBenchmark} call),
 * {@code step:KERNELS:OPTIMIZER:BATCH} (a {@link TrainingStepBenchmark} step) or
 * {@code infer:KERNELS:BATCH} (an {@link InferenceBenchmark} forward pass), with KERNELS as in
 * {@link KernelChoice}, or {@code peak:THREADS} (the multiply-add peak on that many threads,
 * {@link ParallelPeak}). A bad request is answered with {@code error MESSAGE} and the server goes on.
 *
 * <p>JIT_MS is the JVM's total time spent compiling so far, in milliseconds, or -1 where the JVM does not
 * say. The driver runs each work until JIT_MS has not moved for a second of calls before it times it:
 * code still being compiled runs several times slower, and on one CPU the compiler threads take their
 * time from the calls being timed. A single quiet request proves little, since a compilation's time is
 * added when it ends.
 */
public final class TimingServer {

    /** One piece of work, set up; a call runs it once. */
    private interface Work {
        Object call();
    }

    private final Map<String, Work> works = new HashMap<>();
    /** Results are kept here so that the JIT cannot drop the work that produced them. */
    private Object sink;

    TimingServer() {
    }

    public static void main(String[] args) throws Exception {
        // Kernel selection logs to the console; only answers may reach standard output.
        PrintStream answers = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        new TimingServer().serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                answers);
    }

    /** Answers the requests until {@code quit} or the end of input. */
    void serve(BufferedReader requests, PrintStream answers) throws IOException {
        for (String line; (line = requests.readLine()) != null; ) {
            String[] words = line.trim().split("\\s+");
            if (words[0].equals("quit")) {
                break;
            }
            try {
                if (!words[0].equals("time") || words.length != 3) {
                    throw new IllegalArgumentException("expected 'time WORK CALLS' or 'quit', got '" + line + "'");
                }
                Work work = works.computeIfAbsent(words[1], TimingServer::setUp);
                int calls = AlternatingRuns.positive("CALLS", words[2]);
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    sink = work.call();
                }
                answers.println("ok " + (System.nanoTime() - start) + " " + AlternatingRuns.jitMillis());
            } catch (IllegalArgumentException e) {
                answers.println("error " + e.getMessage());
            }
        }
    }

    private static Work setUp(String spec) {
        String[] p = spec.split(":");
        switch (p[0]) {
            case "sgemm" -> {
                requireParts(spec, p, 4, "sgemm:KERNELS:OP:MxKxN");
                GemmBenchmark gemm = new GemmBenchmark();
                gemm.kernels = p[1];
                gemm.transpose = p[2];
                gemm.shape = p[3];
                gemm.setUp();
                GemmBenchmark.Flops flops = new GemmBenchmark.Flops();
                return () -> gemm.sgemm(flops);
            }
            case "step" -> {
                requireParts(spec, p, 4, "step:KERNELS:OPTIMIZER:BATCH");
                TrainingStepBenchmark step = new TrainingStepBenchmark();
                step.kernels = p[1];
                step.optimizer = p[2];
                step.batch = AlternatingRuns.positive("BATCH in '" + spec + "'", p[3]);
                step.setUp();
                TrainingStepBenchmark.Samples samples = new TrainingStepBenchmark.Samples();
                return () -> step.step(samples);
            }
            case "infer" -> {
                requireParts(spec, p, 3, "infer:KERNELS:BATCH");
                InferenceBenchmark infer = new InferenceBenchmark();
                infer.kernels = p[1];
                infer.batch = AlternatingRuns.positive("BATCH in '" + spec + "'", p[2]);
                infer.setUp();
                InferenceBenchmark.Samples samples = new InferenceBenchmark.Samples();
                return () -> infer.predict(samples);
            }
            case "peak" -> {
                requireParts(spec, p, 2, "peak:THREADS");
                ParallelPeak peak = new ParallelPeak(AlternatingRuns.positive("THREADS in '" + spec + "'", p[1]));
                return peak::call;
            }
            default -> throw new IllegalArgumentException(
                    "work must start with sgemm:, step:, infer: or peak:, got '" + spec + "'");
        }
    }

    private static void requireParts(String spec, String[] parts, int count, String form) {
        if (parts.length != count) {
            throw new IllegalArgumentException("expected " + form + ", got '" + spec + "'");
        }
    }
}
