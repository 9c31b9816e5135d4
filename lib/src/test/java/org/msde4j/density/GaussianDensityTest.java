package org.msde4j.density;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GaussianDensityTest {

    /**
     * Rows (0,0), (2,2), (1,0), (1,2): mean (1,1), deviations (−1,−1), (1,1), (0,−1), (0,1), so the
     * sample covariance (n − 1 = 3) is [[2, 2], [2, 4]]/3 and its inverse [[3, −1.5], [−1.5, 1.5]].
     */
    private static final double[][] Z = {{0, 0}, {2, 2}, {1, 0}, {1, 2}};

    @Test
    void mahalanobisDistanceWorkedOutByHand() {
        GaussianDensity g = GaussianDensity.fit(Z, 0);
        assertArrayEquals(new double[] {1, 1}, g.mean(), 1e-15);
        assertArrayEquals(new double[] {3, -1.5}, g.precision()[0], 1e-12);
        assertArrayEquals(new double[] {-1.5, 1.5}, g.precision()[1], 1e-12);
        // d = (1, 0): 3; d = (0, 1): 1.5; d = (1, 1): 3 − 3 + 1.5; d = 0: 0
        assertArrayEquals(new double[] {Math.sqrt(3), Math.sqrt(1.5), Math.sqrt(1.5), 0},
                g.mahalanobis(new double[][] {{2, 1}, {1, 2}, {2, 2}, {1, 1}}), 1e-12);
        assertEquals(0, g.mahalanobis(new double[0][]).length);
        assertEquals(2, g.dimension());
    }

    /** Rows (0,0), (2,0), (0,2), (2,2): covariance (4/3)·I; a ridge of 2/3 makes it 2·I. */
    @Test
    void theRidgeIsAddedToTheCovarianceDiagonal() {
        double[][] square = {{0, 0}, {2, 0}, {0, 2}, {2, 2}};
        assertArrayEquals(new double[] {Math.sqrt(3)}, GaussianDensity.fit(square, 0).mahalanobis(new double[][] {{3, 1}}), 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(2)}, GaussianDensity.fit(square, 2.0 / 3).mahalanobis(new double[][] {{3, 1}}),
                1e-12);
    }

    /** Two rows are enough: (0) and (2) have mean 1 and variance 2, so 3 lies 2/√2 = √2 away. */
    @Test
    void twoRowsAreEnough() {
        assertArrayEquals(new double[] {Math.sqrt(2)}, GaussianDensity.fit(new double[][] {{0}, {2}}, 0)
                .mahalanobis(new double[][] {{3}}), 1e-12);
    }

    @Test
    void aSingularCovarianceOrABadRidgeIsExplained() {
        double[][] line = {{0, 0}, {1, 1}, {2, 2}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GaussianDensity.fit(line, 0));
        assertTrue(e.getMessage().contains("3 training rows (2 dimensions) is singular") && e.getMessage().contains("ridge > 0"),
                e.getMessage());
        assertTrue(GaussianDensity.fit(line, 1e-4).mahalanobis(line)[0] > 0, "a ridge makes it usable");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GaussianDensity.fit(Z, -1)).getMessage()
                .contains("option ridge"));
        assertThrows(IllegalArgumentException.class, () -> GaussianDensity.fit(Z, Double.POSITIVE_INFINITY));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GaussianDensity.fit(new double[][] {{1, 2}}, 1))
                .getMessage().contains("at least 2 rows"));
    }

    @Test
    void restoredFromItsParametersItScoresTheSame() {
        GaussianDensity g = GaussianDensity.fit(Z, 0.1);
        GaussianDensity restored = GaussianDensity.of(g.mean(), g.precision());
        assertArrayEquals(g.mahalanobis(Z), restored.mahalanobis(Z), 0);
    }
}
