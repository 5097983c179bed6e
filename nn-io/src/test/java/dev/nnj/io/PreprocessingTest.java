package dev.nnj.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.ThreadMXBean;
import dev.nnj.core.Matrix;
import dev.nnj.core.Rng;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreprocessingTest {

    /** Features: column 0 = 1, 2, 3, 100 (row 3 is "validation"), column 1 constant 5. */
    private static LabeledData data() {
        return LabeledData.ofFloats(new float[] {1, 5, 2, 5, 3, 5, 100, 5}, 2, new int[] {0, 1, 0, 1},
                List.of("a", "b"), List.of("x", "c"));
    }

    @Test
    void standardiseUsesOnlyTheGivenRows() {
        Preprocessing p = Preprocessing.standardize(data(), new int[] {0, 1, 2});
        // mean 2, population variance (1 + 0 + 1) / 3 = 2/3
        assertEquals(2f, p.offset()[0]);
        assertEquals((float) (1 / Math.sqrt(2.0 / 3)), p.scale()[0]);
        assertEquals(5f, p.offset()[1]);
        assertEquals(1f, p.scale()[1], "a constant feature keeps scale 1");
        float[] x = {3, 5};
        p.applyInPlace(x, 1);
        assertEquals((float) (1 / Math.sqrt(2.0 / 3)), x[0], 1e-6f);
        assertEquals(0f, x[1]);
    }

    @Test
    void statisticsFromAMatrixOfTrainingRows() {
        Matrix x = Matrix.of(new float[][] {{1, 5}, {2, 5}, {3, 5}}); // the training rows of data()
        Preprocessing s = Preprocessing.standardize(x);
        assertArrayEquals(new float[] {2f, 5f}, s.offset());
        assertArrayEquals(new float[] {(float) (1 / Math.sqrt(2.0 / 3)), 1f}, s.scale());
        assertEquals(Preprocessing.STANDARDIZE, s.kind());
        Preprocessing m = Preprocessing.minMax(x);
        assertArrayEquals(new float[] {1f, 5f}, m.offset());
        assertArrayEquals(new float[] {0.5f, 1f}, m.scale());
        assertEquals(Preprocessing.SCALE, m.kind());
    }

    @Test
    void equalWhenTheValuesAreEqual() {
        assertEquals(Preprocessing.none(3), Preprocessing.none(3));
        assertEquals(Preprocessing.none(3).hashCode(), Preprocessing.none(3).hashCode());
        assertEquals(Preprocessing.range(2, 0, 255), new Preprocessing(Preprocessing.SCALE, new float[] {0, 0},
                new float[] {1 / 255f, 1 / 255f}));
        assertNotEquals(Preprocessing.none(2), Preprocessing.range(2, 0, 1), "same numbers, other kind");
        assertNotEquals(Preprocessing.range(2, 0, 255), Preprocessing.range(2, 0, 256));
    }

    @Test
    void minMaxAndFixedRangeMapToUnitInterval() {
        Preprocessing p = Preprocessing.minMax(data(), new int[] {0, 1, 2});
        float[] x = {1, 5, 3, 5, 2, 5};
        p.applyInPlace(x, 3);
        assertArrayEquals(new float[] {0, 0, 1, 0, 0.5f, 0}, x);
        Preprocessing bytes = Preprocessing.range(3, 0, 255);
        float[] px = {0, 255, 51};
        bytes.applyInPlace(px, 1);
        assertEquals(0f, px[0]);
        assertEquals(1f, px[1], 1e-7f);
        assertEquals(0.2f, px[2], 1e-7f);
    }

    @Test
    void datasetFillsScaledBatchesAndOneHotTargets() {
        byte[] pixels = {0, (byte) 255, 10, 20, (byte) 128, 1};
        LabeledData data = LabeledData.ofUnsignedBytes(pixels, 2, new int[] {2, 0, 1}, List.of("p", "q", "r"));
        LabeledDataset view = new LabeledDataset(data, new int[] {2, 0}, Preprocessing.range(2, 0, 255));
        assertEquals(2, view.size());
        float[] x = new float[4];
        float[] y = new float[6];
        Arrays.fill(y, 9f);
        view.fill(new int[] {1, 0}, 0, 2, x, y);
        // order [1, 0] of view rows [2, 0] draws data rows 0 then 2
        assertArrayEquals(new float[] {0, 255 * (1f / 255), 128 * (1f / 255), 1 * (1f / 255)}, x);
        assertArrayEquals(new float[] {0, 0, 1, 0, 1, 0}, y);
        assertEquals(3, view.targetCount());
        assertEquals(6, data.featureBytes(), "image data stays one byte per value");
    }

    /** Drawing minibatches must not allocate: it runs once per training step. */
    @Test
    void fillAllocatesNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof ThreadMXBean, "needs HotSpot's per-thread allocation counter");
        ThreadMXBean counter = (ThreadMXBean) bean;
        byte[] pixels = new byte[500 * 64];
        int[] labels = new int[500];
        LabeledDataset ds = LabeledDataset.of(LabeledData.ofUnsignedBytes(pixels, 64, labels, List.of("a", "b")),
                Preprocessing.range(64, 0, 255));
        int[] order = new int[500];
        float[] x = new float[32 * 64];
        float[] y = new float[32 * 2];
        for (int warm = 0; warm < 2000; warm++) {
            ds.fill(order, warm % 400, 32, x, y);
        }
        long thread = Thread.currentThread().getId();
        long before = counter.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 1000; i++) {
            ds.fill(order, i % 400, 32, x, y);
        }
        long allocated = counter.getThreadAllocatedBytes(thread) - before;
        // The counter call itself may allocate a little; 1000 fills allocating anything would show kilobytes.
        assertTrue(allocated < 1024, "fill allocated " + allocated + " bytes in 1000 calls");
    }

    @Test
    void splitIsSeededDisjointAndComplete() {
        Split a = Split.random(100, 0.2, new Rng(7));
        Split b = Split.random(100, 0.2, new Rng(7));
        Split c = Split.random(100, 0.2, new Rng(8));
        assertArrayEquals(a.train(), b.train());
        assertArrayEquals(a.validation(), b.validation());
        assertNotEquals(Arrays.toString(a.validation()), Arrays.toString(c.validation()));
        assertEquals(20, a.validation().length);
        assertEquals(80, a.train().length);
        Set<Integer> all = new HashSet<>();
        Arrays.stream(a.train()).forEach(all::add);
        Arrays.stream(a.validation()).forEach(all::add);
        assertEquals(100, all.size());
        assertTrue(Arrays.stream(a.validation()).noneMatch(v -> Arrays.stream(a.train()).anyMatch(t -> t == v)));
    }
}
