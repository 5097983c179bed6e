package dev.nnj.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The {@code nnj train} command that continues an interrupted run: the options it was started with, less
 * those the checkpoint fixes (which --resume refuses), plus {@code --resume CHECKPOINT}. Printed after
 * Ctrl-C, because a resumed run needs its data options again and a bare {@code --resume} would read the
 * default data set.
 */
final class ResumeCommand {

    /** Options that the checkpoint replaces; given again with --resume they are refused. */
    private static final Set<String> FROM_CHECKPOINT = Set.of("--resume", "--init", "--layers", "--activation",
            "--dropout", "--output-activation", "--loss", "--preprocess");
    /** Characters a shell takes literally; any other makes the word quoted. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,%+@-]+");

    private final List<String> words;

    private ResumeCommand(List<String> words) {
        this.words = words;
    }

    /** From the parsed {@code train} command line; {@code fixed} are the training options the checkpoint holds. */
    static ResumeCommand of(ParseResult train, List<String> fixed) {
        List<String> words = new ArrayList<>(List.of("nnj", "train"));
        for (OptionSpec option : train.matchedOptions()) {
            String name = option.longestName();
            if (FROM_CHECKPOINT.contains(name) || fixed.contains(name)) {
                continue;
            }
            if (option.arity().max() == 0) {
                words.add(name);
            } else {
                for (String value : option.originalStringValues()) {
                    words.add(name);
                    words.add(value);
                }
            }
        }
        return new ResumeCommand(words);
    }

    /** The command line, quoted for a POSIX shell, that resumes from {@code checkpoint}. */
    String with(Path checkpoint) {
        List<String> all = new ArrayList<>(words);
        all.add("--resume");
        all.add(checkpoint.toString());
        return String.join(" ", all.stream().map(ResumeCommand::quote).toList());
    }

    static String quote(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
