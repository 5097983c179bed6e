package dev.nnj.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code nnj help [COMMAND...]}: the help of a command at any depth, such as {@code nnj help bench compare}.
 * Picocli's own help command looks at its first argument only, so it showed the help of {@code bench}
 * for {@code bench compare}.
 */
@Command(name = "help", helpCommand = true, description = "Show the help of a command, e.g. nnj help bench compare.")
final class HelpCommand implements IHelpCommandInitializable2, Runnable {

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, and its subcommand if it has any.")
    String[] commands = {};

    private CommandLine self;
    private Help.ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, Help.ColorScheme colorScheme, PrintWriter outWriter,
                     PrintWriter errWriter) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = outWriter;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        StringBuilder path = new StringBuilder();
        for (String name : commands) {
            path.append(path.length() == 0 ? "" : " ").append(name);
            CommandLine sub = target.getSubcommands().get(name);
            if (sub == null) {
                throw new ParameterException(self, "no command '" + path + "'; "
                        + (target.getSubcommands().isEmpty() ? target.getCommandName() + " has no subcommands"
                        : "the commands of " + target.getCommandSpec().qualifiedName() + " are "
                        + String.join(", ", target.getSubcommands().keySet().stream()
                                .filter(n -> !n.equals("help")).toList())));
            }
            target = sub;
        }
        target.usage(out, colors);
    }
}
