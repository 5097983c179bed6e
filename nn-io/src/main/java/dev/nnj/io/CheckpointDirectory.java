package dev.nnj.io;

import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.train.TrainingOptions;
import dev.nnj.core.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of one run in a directory, named {@code <prefix>-e<epoch>-b<batch>.safetensors}, of
 * which the newest {@code keep} are kept. Each is written atomically and older ones are deleted only
 * after the new one is complete, so a crash at any moment leaves at least the previous checkpoint
 * intact. One run (one writer) per directory and prefix is assumed: temporary files of this prefix
 * left by a killed writer are removed on the next save.
 */
public final class CheckpointDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointDirectory.class);

    private final Path dir;
    private final String prefix;
    private final int keep;
    private final Pattern name;
    private final Pattern temp;

    public CheckpointDirectory(Path dir, String prefix, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("must keep at least 1 checkpoint, got " + keep);
        }
        if (prefix.isEmpty() || prefix.contains("/") || prefix.contains("\\")) {
            throw new IllegalArgumentException("checkpoint prefix must be a non-empty file name part, got '" + prefix + "'");
        }
        this.dir = dir;
        this.prefix = prefix;
        this.keep = keep;
        this.name = Pattern.compile(Pattern.quote(prefix) + "-e(\\d{1,10})-b(\\d{1,10})\\.safetensors");
        this.temp = Pattern.compile("\\." + Pattern.quote(prefix) + "-e\\d+-b\\d+\\.safetensors\\..*\\.tmp");
    }

    /** Writes a checkpoint for {@code state}'s position, then deletes all but the newest {@code keep}. */
    public Path save(SavedModel model, TrainingState state, TrainingOptions options) throws IOException {
        Path file = dir.resolve(String.format("%s-e%06d-b%06d.safetensors", prefix, state.epoch(), state.batch()));
        Checkpoint.save(file, model, state, options);
        List<Path> all = list();
        for (int i = 0; i < all.size() - keep; i++) {
            Files.deleteIfExists(all.get(i));
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path stale : (Iterable<Path>) files.filter(p -> temp.matcher(p.getFileName().toString()).matches())::iterator) {
                Files.deleteIfExists(stale);
            }
        }
        return file;
    }

    /** This run's checkpoints, oldest first (by epoch, then batch). */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> name.matcher(p.getFileName().toString()).matches()).forEach(found::add);
        }
        found.sort(Comparator.comparingLong((Path p) -> position(p, 1)).thenComparingLong(p -> position(p, 2)));
        return found;
    }

    /**
     * The newest checkpoint that loads, or empty if there is none. A damaged newer file (which atomic
     * writing should make impossible, but disks fail) is skipped with a warning naming it.
     */
    public Optional<Checkpoint.Loaded> loadLatest(Kernels kernels) throws IOException {
        List<Path> all = list();
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                return Optional.of(Checkpoint.load(all.get(i), kernels));
            } catch (ModelFormatException e) {
                LOG.warn("skipping damaged checkpoint: {}", e.getMessage());
            }
        }
        return Optional.empty();
    }

    private long position(Path file, int group) {
        Matcher m = name.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(group)) : -1;
    }
}
