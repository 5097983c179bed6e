package dev.nnj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NnjTest {

    @Test
    void versionNamesTheProjectVersionAndTheRuntime() {
        Cli.Run run = Cli.run("--version");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().matches("(?s)nnj \\d+\\.\\d+\\.\\d+.*Java \\d+.*"), run::toString);
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String[] command : new String[][] {{}, {"train"}, {"evaluate"}, {"predict"}, {"inspect"}, {"bench"},
                {"bench", "run"}, {"bench", "compare"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            Cli.Run run = Cli.run(args);
            assertEquals(0, run.exit(), run::toString);
            assertTrue(run.out().contains("Usage: nnj"), run::toString);
            assertTrue(run.out().contains("Examples:"), () -> String.join(" ", command) + " has no examples:\n" + run);
        }
    }

    /** {@code nnj help bench compare} shows the compare command's help, as {@code nnj bench compare --help} does. */
    @Test
    void helpNamesASubcommandOfASubcommand() {
        for (String sub : new String[] {"run", "compare"}) {
            Cli.Run help = Cli.run("help", "bench", sub);
            assertEquals(0, help.exit(), help::toString);
            assertTrue(help.out().startsWith("Usage: nnj bench " + sub + " "), help::toString);
            assertEquals(Cli.run("bench", sub, "--help").out(), help.out());
        }
    }

    @Test
    void helpOfAnUnknownCommandIsAUsageError() {
        Cli.Run run = Cli.run("help", "bench", "plot");
        assertEquals(2, run.exit(), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertTrue(run.err().contains("'bench plot'") && run.err().contains("run, compare"), run::toString);
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Run run = Cli.run();
        assertEquals(2, run.exit(), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertTrue(run.err().contains("a command is required"), run::toString);
    }

    @Test
    void unknownCommandIsAUsageErrorOnOneLine() {
        Cli.Run run = Cli.run("fit");
        assertEquals(2, run.exit(), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertTrue(run.err().startsWith("nnj: "), run::toString);
        assertTrue(run.err().contains("'nnj --help'"), run::toString);
    }

    @Test
    void verbosePrintsTheStackTraceOfAFailure() {
        Cli.Run quiet = Cli.run("inspect", "/nonexistent/model.safetensors");
        Cli.Run verbose = Cli.run("inspect", "--verbose", "/nonexistent/model.safetensors");
        assertEquals(1, quiet.exit(), quiet::toString);
        assertEquals(1, quiet.err().lines().count(), quiet::toString);
        assertEquals(1, verbose.exit(), verbose::toString);
        assertTrue(verbose.err().lines().count() > 3, verbose::toString);
        assertTrue(verbose.err().contains("\tat "), verbose::toString);
    }
}
