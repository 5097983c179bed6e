package dev.nnj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The two-build comparison's warm-up waits for code that still allocates and for the JIT to be quiet, and
 * flags figures that allocated.
 */
class AlternatingRunsTest {

    /** Where the test calls put what they allocate, so that the JIT cannot drop the allocation. */
    private static volatile Object sink;

    /** A call that allocates 64 KB on each of its first {@code allocatingCalls} runs, then nothing. */
    private static AlternatingRuns.Call allocatingFirst(int allocatingCalls) {
        int[] runs = {0};
        return () -> {
            if (runs[0]++ < allocatingCalls) {
                sink = new byte[64 * 1024];
            }
        };
    }

    @Test
    void warmUpGoesOnUntilNeitherBuildAllocates() throws Throwable {
        // With no warm-up time asked for, a fixed warm-up of a few rounds would time the allocating calls.
        AlternatingRuns.Result r = AlternatingRuns.compare(
                new AlternatingRuns.Call[] {allocatingFirst(200), allocatingFirst(400)}, 10, 4, 0);
        assertTrue(r.oldBytes() < AlternatingRuns.ALLOCATION_WARNING_BYTES, r.oldBytes() + " B per call");
        assertTrue(r.newBytes() < AlternatingRuns.ALLOCATION_WARNING_BYTES, r.newBytes() + " B per call");
        assertEquals("", r.allocationWarning());
    }

    @Test
    void warmUpLastsUntilTheJitHasBeenQuietForItsWholeWindow() throws Throwable {
        // Compilation seen or not, the window starts with the warm-up, so even calls that neither allocate
        // nor take any time are warmed up for the whole quiet window.
        long start = System.nanoTime();
        AlternatingRuns.compare(new AlternatingRuns.Call[] {() -> { }, () -> { }}, 1, 1, 0);
        long elapsed = System.nanoTime() - start;
        assertTrue(elapsed >= AlternatingRuns.JIT_QUIET_NANOS, elapsed + " ns");
    }

    @Test
    void aBuildThatAllocatedWhileTimedIsFlagged() {
        AlternatingRuns.Result r = new AlternatingRuns.Result(1, 1, 1, 1, 1, 0, 3_000_000);
        assertTrue(r.allocationWarning().contains("3,000,000 B per call"), r.allocationWarning());
        assertEquals("", new AlternatingRuns.Result(1, 1, 1, 1, 1, 0, 0).allocationWarning());
    }
}
