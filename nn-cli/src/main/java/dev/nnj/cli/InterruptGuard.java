package dev.nnj.cli;

import dev.nnj.core.train.Trainer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl-C during training with {@code --checkpoint-dir}: the shutdown hook asks the trainer to stop after
 * the current minibatch, then holds the JVM open until the training thread has written its checkpoint
 * (or {@link #MAX_WAIT_SECONDS} have passed, so that a stuck run can still be ended).
 */
final class InterruptGuard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InterruptGuard.class);
    private static final long MAX_WAIT_SECONDS = 60;

    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean triggered;

    private InterruptGuard(Trainer trainer) {
        this.hook = new Thread(() -> {
            triggered = true;
            LOG.warn("Interrupted: stopping after the current minibatch to save a checkpoint");
            trainer.requestStop();
            try {
                finished.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "nnj-interrupt");
    }

    static InterruptGuard install(Trainer trainer) {
        InterruptGuard guard = new InterruptGuard(trainer);
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    /** True once Ctrl-C (or another shutdown signal) has arrived. */
    boolean triggered() {
        return triggered;
    }

    /** Lets the JVM finish shutting down, if it is; otherwise removes the hook. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: counting down above is what lets it return.
        }
    }
}
