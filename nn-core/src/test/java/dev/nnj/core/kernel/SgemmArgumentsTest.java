package dev.nnj.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SgemmArgumentsTest {

    private final Kernels k = Kernels.scalar();

    @Test
    void aLeadingDimensionNarrowerThanItsMatrixIsRefusedInsteadOfReadingOverlappingRows() {
        // A is 2×3 with lda 2: its second row would start inside the first.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> k.sgemm(false, false, 2, 2, 3, 1f, new float[6], 0, 2, new float[6], 0, 2, 0f, new float[4], 0, 2));
        assertEquals("sgemm: the leading dimension of A (stored 2×3) must be at least 3, got 2", e.getMessage());
        // Transposed, B (k×n = 3×2) is stored 2×3, so ldb must be at least 3.
        e = assertThrows(IllegalArgumentException.class,
                () -> k.sgemm(false, true, 2, 2, 3, 1f, new float[6], 0, 3, new float[6], 0, 2, 0f, new float[4], 0, 2));
        assertEquals("sgemm: the leading dimension of B (stored 2×3, transposed) must be at least 3, got 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> k.sgemm(false, false, 2, 2, 3, 1f, new float[6], 0, 3, new float[6], 0, 2, 0f, new float[4], 0, 1));
        assertEquals("sgemm: the leading dimension of C (stored 2×2) must be at least 2, got 1", e.getMessage());
    }

    @Test
    void aMatrixPastTheEndOfItsArrayIsRefusedBeforeCIsWritten() {
        float[] c = {7f, 7f, 7f, 7f};
        // B (3×2, ldb 2) from offset 1 ends at 1 + 2·2 + 2 = 7 > 6.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> k.sgemm(false, false, 2, 2, 3, 1f, new float[6], 0, 3, new float[6], 1, 2, 0f, c, 0, 2));
        assertEquals("sgemm: B (stored 3×2) at offset 1 with leading dimension 2 needs an array of at least 7 values,"
                + " got 6", e.getMessage());
        assertArrayEquals(new float[] {7f, 7f, 7f, 7f}, c, 0f, "C untouched");
        e = assertThrows(IllegalArgumentException.class,
                () -> k.sgemm(true, false, 2, 2, 3, 1f, new float[6], -1, 2, new float[6], 0, 2, 0f, c, 0, 2));
        assertEquals("sgemm: the offset of A (stored 3×2, transposed) must not be negative, got -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> k.sgemm(false, false, -1, 2, 3, 1f, new float[6], 0, 3, new float[6], 0, 2, 0f, c, 0, 2));
        assertEquals("sgemm: sizes must not be negative, got m=-1, n=2, k=3", e.getMessage());
    }

    @Test
    void operandsThatFitExactlyAreAcceptedAndUnreadOnesAreNotChecked() {
        // [1 2; 3 4] · [5 6; 7 8] with A from offset 1, B at a leading dimension of 3, C from offset 2.
        float[] a = {0f, 1f, 2f, 3f, 4f};
        float[] b = {5f, 6f, 0f, 7f, 8f};
        float[] c = new float[6];
        k.sgemm(false, false, 2, 2, 2, 1f, a, 1, 2, b, 0, 3, 0f, c, 2, 2);
        assertArrayEquals(new float[] {0f, 0f, 19f, 22f, 43f, 50f}, c, 0f);
        // With n = 0 nothing is read, so A and B may be empty, as with BLAS.
        k.sgemm(false, false, 2, 0, 2, 1f, new float[0], 0, 2, new float[0], 0, 1, 0f, new float[0], 0, 1);
    }
}
