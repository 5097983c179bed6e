package dev.nnj.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The split of [0, n) into parts: sizes, boundaries, and every index run exactly once on any thread count. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ParallelRangesTest {

    private static final int[] SIZES = {1, 2, 63, 64, 65, 67, 130, 1000, 1031, 65_536, 300_001};
    /** Rows (1), vectors of 4, 8 or 16 lanes, and column blocks of four vectors. */
    private static final int[] GRANULARITIES = {1, 4, 16, 64};
    private static final int[] MIN_PARTS = {1, 7, 64, 8192};

    @Test
    void partLengthIsAGranularityMultipleAboveTheMinimum() {
        for (int threads = 1; threads <= 8; threads++) {
            for (int n : new int[] {1, 67, 1000, 300_001, 1 << 24, Integer.MAX_VALUE}) {
                for (int granularity : GRANULARITIES) {
                    for (int minPart : MIN_PARTS) {
                        int length = ParallelRanges.partLength(n, threads, granularity, minPart);
                        long parts = ((long) n + length - 1) / length;
                        String at = "n=" + n + ", " + threads + " threads, granularity " + granularity
                                + ", minimum " + minPart + ": part length " + length;
                        assertEquals(0, length % granularity, at);
                        assertTrue(length >= Math.min(minPart, n), at + " is below the minimum");
                        assertTrue(parts >= 1 && parts <= (long) threads * ParallelRanges.PARTS_PER_THREAD,
                                at + " gives " + parts + " parts");
                        assertTrue(parts * length >= n && (parts - 1) * length < n, at + " does not cover [0, n)");
                    }
                }
            }
        }
    }

    @Test
    void everyIndexRunsOnceAndPartsStartAtGranularityMultiples() {
        Object lock = new Object();
        for (int threads = 1; threads <= 4; threads++) {
            try (WorkerPool pool = new WorkerPool(threads)) {
                ParallelRanges ranges = new ParallelRanges(pool, lock);
                for (int n : SIZES) {
                    for (int granularity : GRANULARITIES) {
                        for (int minPart : MIN_PARTS) {
                            int length = ParallelRanges.partLength(n, threads, granularity, minPart);
                            AtomicIntegerArray runs = new AtomicIntegerArray(n);
                            AtomicIntegerArray misplaced = new AtomicIntegerArray(1);
                            synchronized (lock) {
                                ranges.run((from, to) -> {
                                    if (from % granularity != 0 || to <= from) {
                                        misplaced.incrementAndGet(0);
                                    }
                                    for (int i = from; i < to; i++) {
                                        runs.incrementAndGet(i);
                                    }
                                }, n, length);
                            }
                            String at = "n=" + n + ", " + threads + " threads, granularity " + granularity
                                    + ", minimum " + minPart;
                            assertEquals(0, misplaced.get(0), at + ": a part starts off the granularity or is empty");
                            for (int i = 0; i < n; i++) {
                                assertEquals(1, runs.get(i), at + ": index " + i);
                            }
                        }
                    }
                }
            }
        }
    }
}
