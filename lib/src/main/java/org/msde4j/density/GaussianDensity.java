package org.msde4j.density;

import org.msde4j.math.Cholesky;
import org.msde4j.math.Matrices;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A multivariate Gaussian fitted to rows, scored by Mahalanobis distance (GDE: Rippel, Mertens and
 * Merhof, "Modeling the Distribution of Normal Data in Pre-Trained Deep Features for Anomaly
 * Detection", ICPR 2020).
 *
 * <p>μ = mean of the rows, Σ = sample covariance (n−1) + ridge·I, score
 * s(z) = √((z − μ)ᵀ Σ⁻¹ (z − μ)). Σ must be positive definite: its Cholesky factorisation checks that and gives Σ⁻¹.
 */
public final class GaussianDensity {

    /** The paper's covariance regularisation. */
    public static final double DEFAULT_RIDGE = 1e-4;

    private final double[] mean;
    private final double[][] precision;

    private GaussianDensity(double[] mean, double[][] precision) {
        this.mean = mean;
        this.precision = precision;
    }

    /**
     * Fits mean and regularised covariance of {@code z}.
     *
     * @throws IllegalArgumentException if the covariance is not positive definite (say which option to change)
     */
    public static GaussianDensity fit(double[][] z, double ridge) {
        if (!(ridge >= 0) || Double.isInfinite(ridge)) {
            throw new IllegalArgumentException("option ridge must be a finite number ≥ 0, got " + ridge + ".");
        }
        int n = z.length;
        int p = z[0].length;
        if (n < 2) {
            throw new IllegalArgumentException("a Gaussian needs at least 2 rows to estimate a covariance, got " + n + ".");
        }
        double[] mean = Matrices.columnMeans(z);
        INDArray zc = Matrices.toNd4j(Matrices.centred(z, mean));
        INDArray cov = zc.transpose().mmul(zc).divi(n - 1);
        for (int t = 0; t < p; t++) {
            cov.putScalar(t, t, cov.getDouble(t, t) + ridge);
        }
        Cholesky factor;
        try {
            factor = Cholesky.of(Matrices.fromNd4j(cov));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("the covariance of the " + n + " training rows (" + p
                    + " dimensions) is singular or not positive definite (ridge = " + ridge + "): "
                    + "use a ridge > 0 (default " + DEFAULT_RIDGE + "), fewer PCA components, or remove duplicate rows.", e);
        }
        return new GaussianDensity(mean, factor.inverse());
    }

    /** Restores a fitted density (model files). */
    public static GaussianDensity of(double[] mean, double[][] precision) {
        return new GaussianDensity(mean.clone(), Matrices.copy(precision));
    }

    /** Mahalanobis distance of each row to the mean. */
    public double[] mahalanobis(double[][] z) {
        if (z.length == 0) {
            return new double[0];
        }
        INDArray d = Matrices.toNd4j(Matrices.centred(z, mean));
        double[] quad = d.mmul(Matrices.toNd4j(precision)).muli(d).sum(1).data().asDouble();
        double[] out = new double[z.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.sqrt(Math.max(0, quad[i]));
        }
        return out;
    }

    /** μ. */
    public double[] mean() {
        return mean.clone();
    }

    /** Σ⁻¹ (copies of the rows). */
    public double[][] precision() {
        return Matrices.copy(precision);
    }

    /** Dimension p. */
    public int dimension() {
        return mean.length;
    }
}
