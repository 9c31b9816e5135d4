package org.msde4j.density;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.msde4j.math.Matrices;

/**
 * Z-scoring with the training rows' mean and population standard deviation (as scikit-learn's
 * {@code StandardScaler}): z = (x − μ)/s. A constant column gets s = 1, so it maps to 0 instead of
 * NaN; such columns are listed by {@link #constantColumns()} so a caller can warn about them.
 */
public final class Standardizer {

    /** Machine epsilon of double; a variance within round-off of zero marks a constant column. */
    private static final double EPS = Math.ulp(1.0);

    private final double[] mean;
    private final double[] scale;
    private final List<Integer> constant;

    private Standardizer(double[] mean, double[] scale, List<Integer> constant) {
        this.mean = mean;
        this.scale = scale;
        this.constant = constant;
    }

    /** Fits on rows {@code x} (finite, rectangular). */
    public static Standardizer fit(double[][] x) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = Matrices.columnMeans(x);
        double[] var = new double[d];
        for (double[] row : x) {
            for (int t = 0; t < d; t++) {
                double c = row[t] - mean[t];
                var[t] += c * c;
            }
        }
        double[] scale = new double[d];
        List<Integer> constant = new ArrayList<>();
        for (int t = 0; t < d; t++) {
            double v = var[t] / n;
            double roundOff = n * EPS * mean[t];
            if (v <= n * EPS * v + roundOff * roundOff) {
                constant.add(t);
                scale[t] = 1;
            } else {
                scale[t] = Math.sqrt(v);
            }
        }
        return new Standardizer(mean, scale, Collections.unmodifiableList(constant));
    }

    /** Restores a fitted standardizer (model files). */
    public static Standardizer of(double[] mean, double[] scale) {
        return new Standardizer(mean.clone(), scale.clone(), List.of());
    }

    /** Applies the z-scoring to rows of the same width. */
    public double[][] transform(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double[] z = new double[mean.length];
            for (int t = 0; t < mean.length; t++) {
                z[t] = (x[i][t] - mean[t]) / scale[t];
            }
            out[i] = z;
        }
        return out;
    }

    /** Column means μ. */
    public double[] mean() {
        return mean.clone();
    }

    /** Column scales s (population standard deviations, 1 for constant columns). */
    public double[] scale() {
        return scale.clone();
    }

    /** Columns that were constant in the training rows (indices, ascending). */
    public List<Integer> constantColumns() {
        return constant;
    }

    /** Number of columns. */
    public int dimension() {
        return mean.length;
    }
}
