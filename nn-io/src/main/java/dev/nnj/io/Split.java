package dev.nnj.io;

import dev.nnj.core.Rng;
import java.util.Arrays;

/**
 * A seeded random partition of sample indices into training and validation rows. Both parts are sorted,
 * so that the split depends only on the seed, and the trainer's own shuffling decides the order.
 *
 * @param train      indices of the training rows
 * @param validation indices of the validation rows
 */
public record Split(int[] train, int[] validation) {

    /**
     * Puts {@code round(size · validationFraction)} randomly chosen rows of {@code size} into validation
     * and the rest into training.
     *
     * @throws IllegalArgumentException unless 0 ≤ fraction < 1 and at least one training row remains
     */
    public static Split random(int size, double validationFraction, Rng rng) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        int validationSize = (int) Math.round(size * validationFraction);
        if (size - validationSize < 1) {
            throw new IllegalArgumentException("a validation fraction of " + validationFraction + " of " + size
                    + " samples leaves no training samples");
        }
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        rng.shuffle(order, size);
        int[] validation = Arrays.copyOfRange(order, 0, validationSize);
        int[] train = Arrays.copyOfRange(order, validationSize, size);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new Split(train, validation);
    }

    /** Every row for training, none for validation. */
    public static Split all(int size) {
        int[] train = new int[size];
        for (int i = 0; i < size; i++) {
            train[i] = i;
        }
        return new Split(train, new int[0]);
    }
}
