package dev.nnj.cli;

import dev.nnj.bench.gate.BenchMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nnj bench run}: the fixed benchmark selection, written as JMH JSON for {@code bench compare}. */
@Command(name = "run", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Run the benchmark selection and write JMH JSON.",
            "GEMM, activations, softmax, optimizer and training-step benchmarks run with JMH's GC profiler in"
                    + " forked JVMs; JMH prints its progress."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  nnj bench run --quick --out current.json      a few minutes on 2 cores",
            "  nnj bench run --out baseline.json --jvm /usr/lib/jvm/java-17-openjdk-amd64/bin/java"})
public final class BenchRunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "The short selection (under 3 minutes on 2 cores) instead of the full one.")
    boolean quick;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to write the JMH JSON results.")
    Path out;

    @Option(names = "--jvm", paramLabel = "JAVA", description = "The java executable for the benchmark forks (default: this JVM's).")
    String jvm;

    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() throws Exception {
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        int code = BenchMain.run(quick, out, Optional.ofNullable(jvm), new PrintStream(summary, true, StandardCharsets.UTF_8));
        spec.commandLine().getOut().print(summary.toString(StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        return code;
    }
}
