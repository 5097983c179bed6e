package dev.nnj.cli;

/**
 * An option value that turns out to be wrong only once the data or a model file has been read, such as a
 * split that leaves no samples: a usage error all the same, reported like a bad flag, with exit code 2.
 */
final class UsageException extends IllegalArgumentException {

    UsageException(String message) {
        super(message);
    }
}
