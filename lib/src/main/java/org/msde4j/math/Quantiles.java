package org.msde4j.math;

import java.util.Arrays;

/** Sample quantiles with linear interpolation between order statistics (numpy's default rule). */
public final class Quantiles {

    private Quantiles() {
    }

    /** The q-quantile of {@code values} (not modified). */
    public static double of(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return ofSorted(sorted, q);
    }

    /** The q-quantile of ascending {@code sorted}: x₍ₗ₎ + (h − l)(x₍ₗ₊₁₎ − x₍ₗ₎), h = q(n−1), l = ⌊h⌋. */
    public static double ofSorted(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
