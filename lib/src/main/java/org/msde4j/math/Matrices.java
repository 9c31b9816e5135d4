package org.msde4j.math;

import java.util.Arrays;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Conversions between ND4J arrays and row arrays, and the input checks every stage shares.
 *
 * <p>The library's public API speaks ND4J ({@link INDArray}, float64); the hot loops work on
 * {@code double[][]} rows, one array per sample, which the JIT vectorises well.
 */
public final class Matrices {

    static {
        findNd4jBackendWhereMsde4jIs();
    }

    private Matrices() {
    }

    /**
     * Points ND4J's backend lookup at the class loader that loaded msde4j. ND4J finds nd4j-native with
     * a service loader on a class loader it remembers when first asked: by default the context loader
     * of the asking thread. In a notebook kernel msde4j and nd4j-native come from the kernel's
     * {@code %maven} loader, and a fork-join worker (whose context loader is the system one) that
     * touched ND4J first found no backend ("Please ensure that you have an nd4j backend on your
     * classpath", notebook 05). Run before any array is made here or in {@code Nd4jGram}.
     */
    public static void findNd4jBackendWhereMsde4jIs() {
        ND4JClassLoading.setNd4jClassloaderFromClass(Matrices.class);
    }

    /** Copies a 2-D array into rows of doubles. */
    public static double[][] toRows(INDArray matrix, String what) {
        if (matrix == null) {
            throw new IllegalArgumentException(what + " is null: pass an n×d matrix of samples in rows.");
        }
        if (matrix.rank() != 2) {
            throw new IllegalArgumentException(what + " must be a 2-D matrix (n samples × d features), but has shape "
                    + Arrays.toString(matrix.shape()) + ".");
        }
        return fromNd4j(matrix);
    }

    /** Copies rows into a float64 ND4J matrix (row-major), in one bulk copy. */
    public static INDArray toNd4j(double[][] rows) {
        int d = rows.length == 0 ? 0 : rows[0].length;
        double[] flat = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return Nd4j.create(flat, new long[] {rows.length, d}, 'c');
    }

    /** Copies a 2-D float64 ND4J matrix into rows, in one bulk read. */
    public static double[][] fromNd4j(INDArray matrix) {
        INDArray m = matrix.dataType() == DataType.DOUBLE && matrix.ordering() == 'c' && !matrix.isView()
                ? matrix : matrix.castTo(DataType.DOUBLE).dup('c');
        int n = (int) m.rows();
        int d = (int) m.columns();
        double[] flat = m.data().asDouble();
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(flat, i * d, i * d + d);
        }
        return out;
    }

    /** Deep copy of rows. */
    public static double[][] copy(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }

    /**
     * Checks that {@code rows} is a non-empty rectangular matrix of finite numbers and returns its width.
     *
     * @throws IllegalArgumentException naming the first offending row and column
     */
    public static int requireFiniteMatrix(double[][] rows, String what) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException(what + " is empty: at least one row is needed.");
        }
        int d = rows[0].length;
        if (d == 0) {
            throw new IllegalArgumentException(what + " has rows of width 0: each row needs at least one feature.");
        }
        for (int i = 0; i < rows.length; i++) {
            double[] row = rows[i];
            if (row.length != d) {
                throw new IllegalArgumentException(what + " is ragged: row " + i + " has " + row.length
                        + " values but row 0 has " + d + ".");
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException(what + " has a non-finite value (" + row[j] + ") at row " + i
                            + ", column " + j + ": remove or impute such rows before fitting or scoring.");
                }
            }
        }
        return d;
    }

    /** The mean of each column of {@code rows} (at least one row). */
    public static double[] columnMeans(double[][] rows) {
        double[] mean = new double[rows[0].length];
        for (double[] row : rows) {
            for (int t = 0; t < mean.length; t++) {
                mean[t] += row[t];
            }
        }
        for (int t = 0; t < mean.length; t++) {
            mean[t] /= rows.length;
        }
        return mean;
    }

    /** New rows {@code rows[i] − center}. */
    public static double[][] centred(double[][] rows, double[] center) {
        double[][] out = new double[rows.length][center.length];
        for (int i = 0; i < rows.length; i++) {
            for (int t = 0; t < center.length; t++) {
                out[i][t] = rows[i][t] - center[t];
            }
        }
        return out;
    }

    /**
     * Squared Euclidean distance, in four interleaved partial sums (entries t ≡ 0, 1, 2, 3 mod 4, each
     * in index order, then added in that order): a fixed order, so the same inputs always give the
     * same bits, and four times the speed of one running sum, whose additions must wait on each other.
     */
    public static double squaredDistance(double[] a, double[] b) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int t = 0;
        for (; t + 4 <= a.length; t += 4) {
            double d0 = a[t] - b[t];
            double d1 = a[t + 1] - b[t + 1];
            double d2 = a[t + 2] - b[t + 2];
            double d3 = a[t + 3] - b[t + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; t < a.length; t++) {
            double diff = a[t] - b[t];
            s0 += diff * diff;
        }
        return s0 + s1 + s2 + s3;
    }

    /** Stacks two row sets, first {@code top} then {@code bottom} (rows shared, not copied). */
    public static double[][] stack(double[][] top, double[][] bottom) {
        double[][] out = new double[top.length + bottom.length][];
        System.arraycopy(top, 0, out, 0, top.length);
        System.arraycopy(bottom, 0, out, top.length, bottom.length);
        return out;
    }

    /** The rows at the indices {@code which}, in that order, shared, not copied. */
    public static double[][] rows(double[][] rows, int[] which) {
        double[][] out = new double[which.length][];
        for (int i = 0; i < which.length; i++) {
            out[i] = rows[which[i]];
        }
        return out;
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive), shared, not copied. */
    public static double[][] slice(double[][] rows, int from, int to) {
        return Arrays.copyOfRange(rows, from, to);
    }
}
