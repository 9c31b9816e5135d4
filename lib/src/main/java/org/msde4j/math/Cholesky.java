package org.msde4j.math;

/**
 * Cholesky factorisation A = LLᵀ of a symmetric positive-definite matrix, and the inverse
 * A⁻¹ = L⁻ᵀL⁻¹ from it (Golub and Van Loan, <i>Matrix Computations</i>, 4th ed., §4.2).
 */
public final class Cholesky {

    private final double[][] lower;

    private Cholesky(double[][] lower) {
        this.lower = lower;
    }

    /**
     * Factors {@code a} (only its lower triangle is read).
     *
     * @throws ArithmeticException if {@code a} is not positive definite (numerically)
     */
    public static Cholesky of(double[][] a) {
        int p = a.length;
        double[][] l = new double[p][p];
        for (int j = 0; j < p; j++) {
            double diag = a[j][j];
            for (int k = 0; k < j; k++) {
                diag -= l[j][k] * l[j][k];
            }
            if (!(diag > 0)) {
                throw new ArithmeticException("matrix is not positive definite (pivot " + j + " is " + diag + ")");
            }
            double root = Math.sqrt(diag);
            l[j][j] = root;
            for (int i = j + 1; i < p; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / root;
            }
        }
        return new Cholesky(l);
    }

    /** A⁻¹, symmetric. */
    public double[][] inverse() {
        int p = lower.length;
        double[][] inv = new double[p][p];
        // Columns of L⁻¹ by forward substitution, then A⁻¹ = L⁻ᵀ L⁻¹.
        double[][] li = new double[p][p];
        for (int c = 0; c < p; c++) {
            li[c][c] = 1 / lower[c][c];
            for (int i = c + 1; i < p; i++) {
                double s = 0;
                for (int k = c; k < i; k++) {
                    s -= lower[i][k] * li[k][c];
                }
                li[i][c] = s / lower[i][i];
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = i; k < p; k++) {
                    s += li[k][i] * li[k][j];
                }
                inv[i][j] = s;
                inv[j][i] = s;
            }
        }
        return inv;
    }
}
