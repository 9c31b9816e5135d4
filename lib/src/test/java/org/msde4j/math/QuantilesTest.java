package org.msde4j.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Linear interpolation between order statistics, worked out by hand: h = q(n − 1), x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋₊₁₎ − x₍⌊h⌋₎). */
class QuantilesTest {

    private static final double[] VALUES = {10, 1, 4, 3, 2};

    @Test
    void interpolatesBetweenTheOrderStatistics() {
        // sorted 1, 2, 3, 4, 10; n − 1 = 4
        assertEquals(1, Quantiles.of(VALUES, 0), 0, "q = 0: the minimum");
        assertEquals(10, Quantiles.of(VALUES, 1), 0, "q = 1: the maximum");
        assertEquals(3, Quantiles.of(VALUES, 0.5), 0, "h = 2: the median");
        assertEquals(8.8, Quantiles.of(VALUES, 0.95), 1e-12, "h = 3.8: 4 + 0.8·(10 − 4)");
        assertEquals(1.2, Quantiles.of(VALUES, 0.05), 1e-12, "h = 0.2: 1 + 0.2·(2 − 1)");
        assertEquals(2.5, Quantiles.of(VALUES, 0.375), 1e-12, "h = 1.5: halfway between 2 and 3");
    }

    @Test
    void leavesItsInputAlone() {
        double[] v = VALUES.clone();
        Quantiles.of(v, 0.3);
        assertArrayEquals(VALUES, v, 0);
    }

    @Test
    void oneValueIsEveryQuantile() {
        assertEquals(7, Quantiles.ofSorted(new double[] {7}, 0.9), 0);
    }
}
