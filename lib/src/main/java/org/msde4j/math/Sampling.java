package org.msde4j.math;

import java.util.Arrays;
import java.util.Random;

/** Seeded random choices. */
public final class Sampling {

    private Sampling() {
    }

    /**
     * {@code count} distinct elements of {@code from}, chosen uniformly at random by the first
     * {@code count} steps of a Fisher–Yates shuffle driven by {@code rnd}; {@code from} is not changed.
     */
    public static int[] withoutReplacement(int[] from, int count, Random rnd) {
        if (count < 0 || count > from.length) {
            throw new IllegalArgumentException("cannot choose " + count + " of " + from.length + " elements.");
        }
        int[] copy = from.clone();
        for (int i = 0; i < count; i++) {
            int j = i + rnd.nextInt(copy.length - i);
            int t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        return Arrays.copyOf(copy, count);
    }
}
