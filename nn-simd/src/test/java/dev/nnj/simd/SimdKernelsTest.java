package dev.nnj.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.nnj.core.kernel.Kernels;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Selection with the vector module present, the static probe methods, threads and their shutdown. The
 * timeouts only turn a lost wake-up (a hang) into a failure; they are minutes, not a performance bound.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SimdKernelsTest {

    @Test
    void autoChoosesSimdWhenTheModuleIsPresent() {
        try (Kernels k = Kernels.auto()) {
            assertInstanceOf(SimdKernels.class, k);
            assertEquals("simd", k.name());
            assertEquals(Runtime.getRuntime().availableProcessors(), k.threads());
        }
        assertEquals(1, LogEvents.messages(Level.INFO, "Using SIMD kernels").size());
        assertTrue(LogEvents.messages(Level.WARN, "").isEmpty());
    }

    @Test
    void probeMethodsDescribeTheVectorShape() {
        int bits = SimdKernels.preferredVectorBits();
        assertTrue(bits >= 128 && Integer.bitCount(bits) == 1, "vector bits " + bits);
        assertTrue(SimdKernels.describe().contains(bits + "-bit"), SimdKernels.describe());
    }

    @Test
    void rejectsANonPositiveThreadCount() {
        assertThrows(IllegalArgumentException.class, () -> new SimdKernels(0));
    }

    @Test
    void closeEndsTheWorkerThreads() throws InterruptedException {
        SimdKernels k = new SimdKernels(3);
        assertEquals(3, k.threads());
        Thread[] workers = k.workerThreads();
        assertEquals(2, workers.length, "the caller is the third thread");
        for (Thread t : workers) {
            assertTrue(t.isDaemon(), t.getName() + " must not keep the JVM alive");
        }
        int n = 200; // large enough to run on the workers
        float[] a = new float[n * n];
        float[] c = new float[n * n];
        java.util.Arrays.fill(a, 1f);
        k.sgemm(false, false, n, n, n, 1f, a, 0, n, a, 0, n, 0f, c, 0, n);
        assertEquals(n, c[n * n - 1]);
        k.close();
        for (Thread t : workers) {
            t.join(5_000);
            assertFalse(t.isAlive(), t.getName() + " still running after close()");
        }
        // Closed, it still computes, on the calling thread alone.
        java.util.Arrays.fill(a, 2f);
        k.sgemm(false, false, n, n, n, 1f, a, 0, n, a, 0, n, 0f, c, 0, n);
        assertEquals(4f * n, c[0]);
        assertEquals(4f * n, c[n * n - 1]);
    }

    /** Whoever closes the JVM-wide instance of Kernels.auto() cannot know who else uses it. */
    @Test
    void theSharedInstanceKeepsItsWorkersWhenClosed() throws InterruptedException {
        Kernels auto = Kernels.auto();
        assertTrue(auto instanceof SimdKernels, "this module's tests run with the incubator module");
        SimdKernels shared = (SimdKernels) auto;
        shared.close();
        assertSame(auto, Kernels.auto());
        for (Thread t : shared.workerThreads()) {
            t.join(200);
            assertTrue(t.isAlive(), t.getName() + " stopped although the instance is shared");
        }
    }

    @Test
    void poolRunsEveryPartExactlyOnceAcrossManyJobs() {
        try (WorkerPool pool = new WorkerPool(4)) {
            for (int job = 0; job < 2_000; job++) {
                int parts = 1 + job % 37;
                AtomicIntegerArray runs = new AtomicIntegerArray(parts);
                pool.run((part, thread) -> runs.incrementAndGet(part), parts);
                for (int p = 0; p < parts; p++) {
                    assertEquals(1, runs.get(p), "job " + job + " part " + p);
                }
            }
        }
    }

    @Test
    void poolHandsTheRangeOfALateThreadToTheOthers() {
        try (WorkerPool pool = new WorkerPool(2)) {
            int parts = 8;
            AtomicIntegerArray runBy = new AtomicIntegerArray(parts);
            AtomicInteger byCallerSoFar = new AtomicInteger();
            pool.run((part, thread) -> {
                runBy.set(part, thread);
                if (thread == 0) {
                    byCallerSoFar.incrementAndGet();
                    return;
                }
                // The worker is descheduled after claiming one part, until the caller has run all the others
                // (or 10 s have passed, which fails the test): whatever the host does to the caller meanwhile.
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (byCallerSoFar.get() < parts - 1 && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(1_000_000L);
                }
            }, parts);
            int byCaller = 0;
            for (int p = 0; p < parts; p++) {
                byCaller += runBy.get(p) == 0 ? 1 : 0;
            }
            // The worker's range is the second half; the caller runs its own half, then the worker's rest.
            assertTrue(byCaller >= parts - 1, "the caller ran " + byCaller + " of " + parts + " parts");
        }
    }

    @Test
    void poolReportsAFailingPartToTheCaller() {
        try (WorkerPool pool = new WorkerPool(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.run((part, thread) -> {
                if (part == 5) {
                    throw new ArithmeticException("part 5");
                }
            }, 8));
            assertTrue(e.getMessage().contains("part 5"), e.getMessage());
            int[] ran = new int[1];
            pool.run((part, thread) -> {
                synchronized (ran) {
                    ran[0]++;
                }
            }, 3);
            assertEquals(3, ran[0], "the pool keeps working after a failure");
        }
    }
}
