package org.msde4j.math;

import java.util.Arrays;
import java.util.Random;

/** Seeded random choices. */
public final class Sampling {

    private Sampling() {
    }

    /**
     * 0, …, n−1 in a random order: the Fisher–Yates shuffle from the last position down, each step
     * drawing {@code nextInt(i + 1)} from {@code new Random(seed)}.
     */
    public static int[] permutation(int n, long seed) {
        return permutation(n, new Random(seed));
    }

    /** {@link #permutation(int, long)} drawing from {@code rnd}, which goes on from where it stops. */
    public static int[] permutation(int n, Random rnd) {
        int[] order = identity(n);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** 0, …, n−1 in order. */
    public static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
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
