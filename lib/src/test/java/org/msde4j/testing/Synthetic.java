package org.msde4j.testing;

import java.util.Random;

/** Small seeded data sets for tests. */
public final class Synthetic {

    private Synthetic() {
    }

    /** n rows from a d-dimensional Gaussian with a few correlated directions, shifted by {@code offset}. */
    public static double[][] normals(int n, int d, double offset, long seed) {
        Random rnd = new Random(seed);
        Random shape = new Random(1234);
        double[][] mix = new double[3][d];
        for (double[] m : mix) {
            for (int t = 0; t < d; t++) {
                m[t] = shape.nextGaussian();
            }
        }
        double[][] x = new double[n][d];
        for (double[] row : x) {
            double a = rnd.nextGaussian();
            double b = rnd.nextGaussian();
            double c = rnd.nextGaussian();
            for (int t = 0; t < d; t++) {
                row[t] = offset + a * mix[0][t] + b * mix[1][t] + 0.5 * c * mix[2][t] + 0.3 * rnd.nextGaussian();
            }
        }
        return x;
    }
}
