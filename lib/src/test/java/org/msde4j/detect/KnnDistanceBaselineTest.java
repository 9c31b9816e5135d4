package org.msde4j.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msde4j.testing.Oracles;

/** The kNN-distance baseline against a brute-force computation written in the test. */
class KnnDistanceBaselineTest {

    /** Columns on very different scales, so that a missing or wrong standardisation shows. */
    private static double[][] rows(int n, long seed) {
        Random rnd = new Random(seed);
        double[][] x = new double[n][5];
        double[] scale = {1, 10, 0.1, 3, 50};
        for (double[] row : x) {
            for (int t = 0; t < row.length; t++) {
                row[t] = 7 * t + scale[t] * rnd.nextGaussian();
            }
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 12})
    void meanDistanceToTheKNearestStandardisedTrainingRows(int k) {
        double[][] train = rows(80, 1);
        double[][] test = rows(25, 2);
        KnnDistanceBaseline baseline = KnnDistanceBaseline.fit(train, k);
        assertArrayEquals(Oracles.knnDistance(train, test, k), baseline.score(test), 1e-9);
        assertEquals("kNN distance (k=" + k + ")", baseline.name());
    }

    @Test
    void theDefaultIsTheMeanOverFiveNeighboursNotTheNearestOnly() {
        double[][] train = rows(80, 3);
        double[][] test = rows(10, 4);
        double[] five = KnnDistanceBaseline.fit(train, KnnDistanceBaseline.DEFAULT_K).score(test);
        double[] nearest = Oracles.knnDistance(train, test, 1);
        assertEquals(5, KnnDistanceBaseline.DEFAULT_K);
        for (int i = 0; i < test.length; i++) {
            assertTrue(five[i] > nearest[i], "row " + i + ": mean of 5 distances exceeds the nearest one");
        }
    }

    @Test
    void aTrainingRowIsAtDistanceZeroFromItself() {
        double[][] train = rows(30, 5);
        double[] s = KnnDistanceBaseline.fit(train, 1).score(new double[][] {train[7]});
        assertEquals(0, s[0], 1e-12);
    }

    @Test
    void kBelowOneIsRefusedNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KnnDistanceBaseline.fit(rows(10, 6), 0));
        assertTrue(e.getMessage().contains("knn-k must be ≥ 1, got 0"), e.getMessage());
    }

    /** k training rows are enough for k neighbours (every row is one of them); k − 1 are refused, naming the count. */
    @Test
    void exactlyKTrainingRowsAreEnough() {
        double[][] three = rows(3, 5);
        double[] scores = KnnDistanceBaseline.fit(three, 3).score(rows(4, 6));
        assertEquals(4, scores.length);
        for (double s : scores) {
            assertTrue(Double.isFinite(s) && s > 0, String.valueOf(s));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KnnDistanceBaseline.fit(rows(2, 5), 3));
        assertTrue(e.getMessage().contains("2 rows") && e.getMessage().contains("at least 3"), e.getMessage());
    }
}
