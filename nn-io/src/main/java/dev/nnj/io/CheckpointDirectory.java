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
import java.util.Map;
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
 * intact. One run (one writer) per directory and prefix is assumed, and {@link #checkCanStart} enforces
 * it before a run begins: temporary files of this prefix left by a killed writer are removed on the
 * next save.
 */
public final class CheckpointDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointDirectory.class);

    private final Path dir;
    private final String prefix;
    private final int keep;
    private final Pattern name;
    private final Pattern temp;
    /** Oldest first: by epoch, then batch, as the file names give them. */
    private final Comparator<Path> byPosition =
            Comparator.comparingLong((Path p) -> position(p, 1)).thenComparingLong(p -> position(p, 2));

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

    /**
     * Fails unless a run may write its checkpoints here: the directory holds none of this prefix, or the
     * run continues from the newest of them. Otherwise the run's saves would delete another run's
     * checkpoints as the oldest, or be deleted themselves, and the newest file would not be this run's.
     *
     * @param resumeFrom the checkpoint the run continues from, or null for a new run
     * @throws IllegalStateException naming the newest checkpoint found and what to do instead
     * @throws IOException             if no checkpoint can be written there (a file in the path, read-only)
     */
    public void checkCanStart(Path resumeFrom) throws IOException {
        AtomicFiles.checkWritable(dir.resolve(prefix + "-e000000-b000000.safetensors"));
        List<Path> all = list();
        if (all.isEmpty()) {
            return;
        }
        Path newest = all.get(all.size() - 1);
        if (resumeFrom == null) {
            throw new IllegalStateException(dir + " already holds " + all.size() + " checkpoint(s) of another run,"
                    + " (the newest " + newest + "): resume that run from its newest checkpoint, or write this"
                    + " run's checkpoints to an empty directory");
        }
        if (!(Files.exists(resumeFrom) && Files.isSameFile(resumeFrom, newest))) {
            throw new IllegalStateException(dir + " already holds checkpoints and " + resumeFrom + " is not the newest"
                    + " of them (" + newest + "): resume from the newest, or write this run's checkpoints to an"
                    + " empty directory");
        }
    }

    /**
     * Writes a checkpoint for {@code state}'s position, then deletes the oldest of those before it until
     * {@code keep} are left, counting the new one. Checkpoints after it, which only another run can have
     * written (see {@link #checkCanStart}), are left alone.
     */
    public Path save(SavedModel model, TrainingState state, TrainingOptions options) throws IOException {
        return save(model, state, options, Map.of());
    }

    /** As {@link #save(SavedModel, TrainingState, TrainingOptions)}, with the caller's notes on the run. */
    public Path save(SavedModel model, TrainingState state, TrainingOptions options, Map<String, String> notes)
            throws IOException {
        Path file = dir.resolve(String.format("%s-e%06d-b%06d.safetensors", prefix, state.epoch(), state.batch()));
        Checkpoint.save(file, model, state, options, notes);
        List<Path> older = list().stream().filter(p -> byPosition.compare(p, file) < 0).toList();
        for (int i = 0; i < older.size() - (keep - 1); i++) {
            Files.deleteIfExists(older.get(i));
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
        found.sort(byPosition);
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
