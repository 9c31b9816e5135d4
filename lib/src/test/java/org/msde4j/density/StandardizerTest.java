package org.msde4j.density;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StandardizerTest {

    /**
     * Columns 0 and 2 have mean 3 and 7 and population variance (4 + 0 + 4)/3 = 8/3; column 1 is
     * constant, and column 3 repeats 0.1, whose mean is not exactly 0.1 in floating point.
     */
    private static final double[][] X = {{1, 10, 5, 0.1}, {3, 10, 7, 0.1}, {5, 10, 9, 0.1}};

    @Test
    void zScoresWithTheMeanAndThePopulationStandardDeviation() {
        Standardizer s = Standardizer.fit(X);
        double sd = Math.sqrt(8.0 / 3);
        assertArrayEquals(new double[] {3, 10, 7, 0.1}, s.mean(), 1e-15);
        assertArrayEquals(new double[] {sd, 1, sd, 1}, s.scale(), 1e-15);
        assertArrayEquals(new double[] {-2 / sd, 0, -2 / sd, 0}, s.transform(X)[0], 1e-15);
        assertArrayEquals(new double[] {1 / sd, 2, 0, 0.9}, s.transform(new double[][] {{4, 12, 7, 1}})[0], 1e-12);
        assertEquals(4, s.dimension());
    }

    @Test
    void constantColumnsAreLeftUnscaledAndListed() {
        Standardizer s = Standardizer.fit(X);
        assertEquals(List.of(1, 3), s.constantColumns());
        Standardizer zeros = Standardizer.fit(new double[][] {{0, 1}, {0, 3}});
        assertEquals(List.of(0), zeros.constantColumns(), "a column of zeros is constant");
        assertArrayEquals(new double[] {0, 1}, zeros.transform(new double[][] {{0, 3}})[0], 0);
        assertEquals(List.of(), Standardizer.fit(new double[][] {{1e-9}, {2e-9}}).constantColumns(),
                "a tiny but real spread is not constant");
    }

    @Test
    void restoredFromItsParametersItTransformsTheSame() {
        Standardizer s = Standardizer.fit(X);
        Standardizer restored = Standardizer.of(s.mean(), s.scale());
        assertArrayEquals(s.transform(X)[2], restored.transform(X)[2], 0);
        assertEquals(List.of(), restored.constantColumns());
    }
}
