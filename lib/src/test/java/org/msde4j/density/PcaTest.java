package org.msde4j.density;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * PCA on rows built from known orthonormal directions, so that the components and their variances
 * are known without computing anything.
 */
class PcaTest {

    private static final double TOL = 1e-9;

    /**
     * Centre (10, −5) ± 3u and ± 1v with u = (0.6, 0.8), v = (−0.8, 0.6): sample variance (n − 1 = 3)
     * 18/3 = 6 along u and 2/3 along v. The second component's largest entry (0.8) is made positive:
     * (0.8, −0.6).
     */
    @Test
    void componentsAndVariancesOfTheCovarianceRoute() {
        double[][] x = {{11.8, -2.6}, {8.2, -7.4}, {9.2, -4.4}, {10.8, -5.6}};
        Pca pca = Pca.fit(x, 5);
        assertEquals(2, pca.components(), "capped by d = 2");
        assertArrayEquals(new double[] {10, -5}, pca.mean(), 1e-12);
        assertArrayEquals(new double[] {6, 2.0 / 3}, pca.explainedVariance(), TOL);
        assertArrayEquals(new double[] {0.6, 0.8}, pca.component(0), TOL);
        assertArrayEquals(new double[] {0.8, -0.6}, pca.component(1), TOL);
        assertArrayEquals(new double[][] {{0.6, 0.8}, {0.8, -0.6}}[1], pca.componentRows()[1], TOL);
        double[][] z = pca.transform(x);
        assertArrayEquals(new double[] {3, 0}, z[0], TOL);
        assertArrayEquals(new double[] {-3, 0}, z[1], TOL);
        assertArrayEquals(new double[] {0, -1}, z[2], TOL);
        assertEquals(0, pca.transform(new double[0][]).length);
        assertEquals(1, Pca.fit(x, 1).components(), "fewer components when asked");
    }

    /**
     * Three rows in four dimensions (n − 1 = 2 &lt; d = 4, the Gram route): centre (1, 2, 3, 4) plus
     * 2u, −u + v, −u − v with u = (0, 0.6, 0, 0.8), v = (0, 0.8, 0, −0.6): variances (4 + 1 + 1)/2 = 3
     * along u and (0 + 1 + 1)/2 = 1 along v; at most n − 1 = 2 components.
     */
    @Test
    void componentsAndVariancesOfTheGramRoute() {
        double[] c = {1, 2, 3, 4};
        double[] u = {0, 0.6, 0, 0.8};
        double[] v = {0, 0.8, 0, -0.6};
        double[][] x = new double[3][4];
        for (int t = 0; t < 4; t++) {
            x[0][t] = c[t] + 2 * u[t];
            x[1][t] = c[t] - u[t] + v[t];
            x[2][t] = c[t] - u[t] - v[t];
        }
        Pca pca = Pca.fit(x, 4);
        assertEquals(2, pca.components());
        assertArrayEquals(new double[] {3, 1}, pca.explainedVariance(), TOL);
        assertArrayEquals(u, pca.component(0), TOL);
        assertArrayEquals(v, pca.component(1), TOL);
        assertArrayEquals(new double[] {-1, 1}, pca.transform(x)[1], TOL);
        assertEquals(2, Pca.maxComponents(3, 4));
        assertEquals(0, Pca.maxComponents(1, 4));
    }

    /** Three rows of which two are equal span one direction: the second component has variance 0 and stays finite. */
    @Test
    void aComponentWithoutVarianceStaysFinite() {
        double[][] x = {{1, 2, 3, 4}, {1, 2, 3, 4}, {3, 2, 3, 4}};
        Pca pca = Pca.fit(x, 2);
        assertArrayEquals(new double[] {1, 0, 0, 0}, pca.component(0), TOL);
        assertEquals(0, pca.explainedVariance()[1], TOL);
        assertTrue(Arrays.stream(pca.component(1)).allMatch(Double::isFinite), Arrays.toString(pca.component(1)));
    }

    @Test
    void tooFewRowsOrComponentsAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Pca.fit(new double[][] {{1, 2}}, 1))
                .getMessage().contains("at least 2 rows, got 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Pca.fit(new double[][] {{1, 2}, {3, 4}}, 0))
                .getMessage().contains("option pca"));
    }

    @Test
    void restoredFromItsParametersItTransformsTheSame() {
        double[][] x = {{11.8, -2.6}, {8.2, -7.4}, {9.2, -4.4}, {10.8, -5.6}};
        Pca pca = Pca.fit(x, 2);
        Pca restored = Pca.of(pca.mean(), pca.componentRows(), pca.explainedVariance());
        assertArrayEquals(pca.transform(x)[3], restored.transform(x)[3], 0);
        assertArrayEquals(pca.explainedVariance(), restored.explainedVariance(), 0);
    }
}
