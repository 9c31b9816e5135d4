package org.msde4j.testing;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Brute-force versions of the core's maths, written from the documented definitions (the MSDE
 * paper, {@code docs/ARCHITECTURE.md}, the fixtures' README) without calling the library, so that
 * tests can compare the library against something that does not share its code. Slow and plain
 * on purpose: every distance is computed, every neighbour list is sorted.
 */
public final class Oracles {

    private Oracles() {
    }

    /** Indices of the k rows of {@code reference} nearest to {@code q} (Euclidean), ties to the lower index. */
    public static int[] nearest(double[] q, double[][] reference, int k) {
        double[] d = new double[reference.length];
        for (int j = 0; j < reference.length; j++) {
            d[j] = distance(q, reference[j]);
        }
        return IntStream.range(0, reference.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(j -> d[j]).thenComparingInt(j -> j))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    /** Euclidean distance. */
    public static double distance(double[] a, double[] b) {
        double s = 0;
        for (int t = 0; t < a.length; t++) {
            s += (a[t] - b[t]) * (a[t] - b[t]);
        }
        return Math.sqrt(s);
    }

    /**
     * The kNN-distance baseline: z-score both sets with the training rows' mean and population
     * standard deviation, then each test row's mean distance to its k nearest training rows.
     */
    public static double[] knnDistance(double[][] train, double[][] test, int k) {
        int d = train[0].length;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int t = 0; t < d; t++) {
            final int c = t;
            mean[t] = Arrays.stream(train).mapToDouble(r -> r[c]).average().orElseThrow();
            sd[t] = Math.sqrt(Arrays.stream(train).mapToDouble(r -> (r[c] - mean[c]) * (r[c] - mean[c])).average()
                    .orElseThrow());
        }
        double[][] zTrain = zScore(train, mean, sd);
        double[][] zTest = zScore(test, mean, sd);
        double[] out = new double[test.length];
        for (int i = 0; i < test.length; i++) {
            double sum = 0;
            for (int j : nearest(zTest[i], zTrain, k)) {
                sum += distance(zTest[i], zTrain[j]);
            }
            out[i] = sum / k;
        }
        return out;
    }

    private static double[][] zScore(double[][] rows, double[] mean, double[] sd) {
        double[][] out = new double[rows.length][mean.length];
        for (int i = 0; i < rows.length; i++) {
            for (int t = 0; t < mean.length; t++) {
                out[i][t] = (rows[i][t] - mean[t]) / sd[t];
            }
        }
        return out;
    }

    /**
     * The inductive shift, one query at a time: each step moves y to y + η(m − y), m the
     * weight-averaged position of its k nearest reference rows (skipped when ‖m − y‖ ≤ 10⁻⁶);
     * the query stops after the first step whose ‖m − y‖ is below {@code tolerance} (that step is
     * kept), or after {@code maxIterations} steps. The reference rows never move.
     */
    public static double[][] inductiveShift(double[][] queries, double[][] reference, double[] weights, int k,
                                            double eta, double tolerance, int maxIterations) {
        double[][] out = new double[queries.length][];
        for (int i = 0; i < queries.length; i++) {
            double[] y = queries[i].clone();
            for (int t = 0; t < maxIterations; t++) {
                double[] m = new double[y.length];
                double wSum = 0;
                for (int j : nearest(y, reference, k)) {
                    wSum += weights[j];
                    for (int c = 0; c < y.length; c++) {
                        m[c] += weights[j] * reference[j][c];
                    }
                }
                for (int c = 0; c < y.length; c++) {
                    m[c] /= Math.max(wSum, 1e-6);
                }
                double delta = distance(m, y);
                if (delta > 1e-6) {
                    for (int c = 0; c < y.length; c++) {
                        y[c] += eta * (m[c] - y[c]);
                    }
                }
                if (delta < tolerance) {
                    break;
                }
            }
            out[i] = y;
        }
        return out;
    }

    /**
     * Mahalanobis distance after a PCA given by its mean and components (one per row):
     * z = C(x − μ), s = sqrt((z − ν)ᵀ P (z − ν)) with ν the Gaussian's mean and P its precision.
     */
    public static double[] mahalanobis(double[][] rows, double[] pcaMean, double[][] components, double[] mean,
                                       double[][] precision) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double[] z = new double[components.length];
            for (int a = 0; a < components.length; a++) {
                for (int c = 0; c < pcaMean.length; c++) {
                    z[a] += components[a][c] * (rows[i][c] - pcaMean[c]);
                }
                z[a] -= mean[a];
            }
            double s = 0;
            for (int a = 0; a < z.length; a++) {
                for (int b = 0; b < z.length; b++) {
                    s += z[a] * precision[a][b] * z[b];
                }
            }
            out[i] = Math.sqrt(s);
        }
        return out;
    }

    /** AUROC as the share of (anomaly, normal) pairs that the scores order correctly, ties counting one half. */
    public static double auroc(double[] scores, int[] labels) {
        double pairs = 0;
        double won = 0;
        for (int i = 0; i < scores.length; i++) {
            for (int j = 0; j < scores.length; j++) {
                if (labels[i] == 1 && labels[j] == 0) {
                    pairs++;
                    won += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }
        return won / pairs;
    }
}
