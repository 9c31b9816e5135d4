package org.msde4j.density;

import org.msde4j.math.Matrices;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;

/**
 * Principal component analysis by eigendecomposition, in double precision on ND4J.
 *
 * <p>With centred rows X_c (n×d), the components are the top-p eigenvectors of the sample
 * covariance X_cᵀX_c/(n−1); their eigenvalues are the explained variances (as scikit-learn's
 * {@code PCA.explained_variance_}). When n−1 &lt; d the n×n Gram matrix X_cX_cᵀ is decomposed instead
 * and its eigenvectors u mapped to components X_cᵀu/‖X_cᵀu‖. p is capped by d and n−1.
 * Each component's sign is fixed so that its largest-magnitude entry is positive.
 */
public final class Pca {

    private final double[] mean;
    private final double[][] components;
    private final double[] explainedVariance;

    private Pca(double[] mean, double[][] components, double[] explainedVariance) {
        this.mean = mean;
        this.components = components;
        this.explainedVariance = explainedVariance;
    }

    /** The largest number of components rows {@code n}×{@code d} support: min(d, n−1). */
    public static int maxComponents(int n, int d) {
        return Math.max(0, Math.min(d, n - 1));
    }

    /**
     * Fits {@code requested} components, capped by min(d, n−1).
     *
     * @throws IllegalArgumentException if fewer than 2 rows are given
     */
    public static Pca fit(double[][] x, int requested) {
        int n = x.length;
        int d = x[0].length;
        if (n < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 rows, got " + n + ".");
        }
        if (requested < 1) {
            throw new IllegalArgumentException("option pca (number of components) must be ≥ 1, got " + requested + ".");
        }
        int p = Math.min(requested, maxComponents(n, d));
        double[] mean = Matrices.columnMeans(x);
        INDArray xc = Matrices.toNd4j(Matrices.centred(x, mean));
        boolean gram = n - 1 < d;
        INDArray m = gram ? xc.mmul(xc.transpose()) : xc.transpose().mmul(xc);
        m.divi(n - 1);
        INDArray vectors = m.dup('c');
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(vectors, true).castTo(DataType.DOUBLE);
        int size = (int) values.length();
        double[][] components = new double[p][];
        double[] explained = new double[p];
        for (int c = 0; c < p; c++) {
            int col = size - 1 - c;
            explained[c] = Math.max(0, values.getDouble(col));
            INDArray v = vectors.getColumn(col).dup();
            if (gram) {
                v = xc.transpose().mmul(v.reshape(n, 1)).reshape(d);
                double norm = v.norm2Number().doubleValue();
                v.divi(norm > 0 ? norm : 1);
            }
            components[c] = signed(v.toDoubleVector());
        }
        return new Pca(mean, components, explained);
    }

    /** Restores a fitted PCA (model files). */
    public static Pca of(double[] mean, double[][] components, double[] explainedVariance) {
        return new Pca(mean.clone(), Matrices.copy(components), explainedVariance.clone());
    }

    private static double[] signed(double[] v) {
        int arg = 0;
        for (int t = 1; t < v.length; t++) {
            if (Math.abs(v[t]) > Math.abs(v[arg])) {
                arg = t;
            }
        }
        if (v[arg] < 0) {
            for (int t = 0; t < v.length; t++) {
                v[t] = -v[t];
            }
        }
        return v;
    }

    /** Scores z = (x − μ)Vᵀ of each row. */
    public double[][] transform(double[][] x) {
        if (x.length == 0) {
            return new double[0][components.length];
        }
        INDArray z = Matrices.toNd4j(Matrices.centred(x, mean)).mmul(Matrices.toNd4j(components).transpose());
        return Matrices.fromNd4j(z);
    }

    /** Number of components p. */
    public int components() {
        return components.length;
    }

    /** Component c (unit length), a copy. */
    public double[] component(int c) {
        return components[c].clone();
    }

    /** All components as rows (copies). */
    public double[][] componentRows() {
        return Matrices.copy(components);
    }

    /** The centring vector μ (column means of the fitted rows). */
    public double[] mean() {
        return mean.clone();
    }

    /** Variance along each component (n−1 normalisation), descending. */
    public double[] explainedVariance() {
        return explainedVariance.clone();
    }
}
