package org.msde4j.msde;

import org.msde4j.math.Matrices;

/**
 * UMAP's fuzzy neighbourhood graph of one batch of rows, the "membership profiles" from which
 * MSDE measures local density.
 *
 * <p>For each row i with neighbours j (its {@value #NEIGHBOURS} nearest, itself included), UMAP
 * sets ρᵢ = distance to the nearest neighbour at non-zero distance and finds σᵢ by bisection so
 * that Σⱼ exp(−max(0, dᵢⱼ − ρᵢ)/σᵢ) = log₂ 15 (sum over the 14 neighbours other than i), with
 * σᵢ ≥ 10⁻³·mean distance. Memberships aᵢⱼ = exp(−(dᵢⱼ − ρᵢ)/σᵢ) (1 when dᵢⱼ ≤ ρᵢ, 0 for j = i)
 * are symmetrised by the fuzzy union W = A + Aᵀ − A∘Aᵀ. Row i of W is the profile of i.
 *
 * <p>As in umap-learn ({@code smooth_knn_dist}, {@code compute_membership_strengths},
 * {@code fuzzy_simplicial_set}; McInnes, Healy and Melville, arXiv:1802.03426, §3), the
 * distances are rounded to float32 and every step after that runs in float32, so profiles agree
 * with the reference to a few float32 ulps.
 */
public final class FuzzyGraph {

    /** UMAP neighbours per row, the row itself included (umap-learn's {@code n_neighbors}). */
    public static final int NEIGHBOURS = 15;

    private static final int BISECTION_STEPS = 64;
    private static final double SMOOTH_K_TOLERANCE = 1e-5;
    private static final double MIN_K_DIST_SCALE = 1e-3;
    /** log₂ 15, as numpy computes it. */
    private static final double TARGET = 3.9068905956085187;

    private final float[][] membership;
    private final float[] rho;
    private final float[] sigma;

    private FuzzyGraph(float[][] membership, float[] rho, float[] sigma) {
        this.membership = membership;
        this.rho = rho;
        this.sigma = sigma;
    }

    /** Builds the graph of {@code rows}, which must number at least {@value #NEIGHBOURS}. */
    public static FuzzyGraph of(double[][] rows) {
        int n = rows.length;
        if (n < NEIGHBOURS) {
            throw new IllegalArgumentException("a density-weight batch needs at least " + NEIGHBOURS
                    + " rows for UMAP's neighbourhood graph, got " + n + ".");
        }
        double[][] dist = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dij = Math.sqrt(Matrices.squaredDistance(rows[i], rows[j]));
                dist[i][j] = dij;
                dist[j][i] = dij;
            }
        }
        int[][] knn = new int[n][];
        float[][] knnDist = new float[n][];
        for (int i = 0; i < n; i++) {
            nearest(dist[i], i, knn, knnDist);
        }
        float[] rho = new float[n];
        float[] sigma = new float[n];
        double meanAll = meanOf(knnDist);
        for (int i = 0; i < n; i++) {
            smoothKnnDistance(knnDist[i], meanAll, rho, sigma, i);
        }
        float[][] a = new float[n][n];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < NEIGHBOURS; r++) {
                int j = knn[i][r];
                a[i][j] = membershipStrength(j == i, knnDist[i][r], rho[i], sigma[i]);
            }
        }
        float[][] w = new float[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                float aij = a[i][j];
                float aji = a[j][i];
                w[i][j] = (aij + aji) - aij * aji;
            }
        }
        return new FuzzyGraph(w, rho, sigma);
    }

    /** The 15 nearest rows of row i, itself first, then by (double distance, index). */
    private static void nearest(double[] dist, int i, int[][] knn, float[][] knnDist) {
        int[] order = new int[NEIGHBOURS];
        double[] best = new double[NEIGHBOURS];
        order[0] = i;
        int size = 1;
        for (int j = 0; j < dist.length; j++) {
            if (j == i || size == NEIGHBOURS && dist[j] >= best[NEIGHBOURS - 1]) {
                continue;
            }
            int pos = Math.min(size, NEIGHBOURS - 1);
            while (pos > 1 && best[pos - 1] > dist[j]) {
                best[pos] = best[pos - 1];
                order[pos] = order[pos - 1];
                pos--;
            }
            best[pos] = dist[j];
            order[pos] = j;
            size = Math.min(size + 1, NEIGHBOURS);
        }
        knn[i] = order;
        knnDist[i] = new float[NEIGHBOURS];
        for (int r = 1; r < NEIGHBOURS; r++) {
            knnDist[i][r] = (float) best[r];
        }
    }

    /** umap-learn's {@code smooth_knn_dist} for one row, in float32 (local connectivity 1). */
    private static void smoothKnnDistance(float[] d, double meanAll, float[] rhoOut, float[] sigmaOut, int i) {
        float rho = 0f;
        for (float v : d) {
            if (v > 0f) {
                rho = v;
                break;
            }
        }
        float lo = 0f;
        float hi = Float.MAX_VALUE;
        float mid = 1f;
        for (int step = 0; step < BISECTION_STEPS; step++) {
            float psum = 0f;
            for (int j = 1; j < d.length; j++) {
                float gap = d[j] - rho;
                psum += gap > 0f ? (float) Math.exp(-(gap / mid)) : 1f;
            }
            if (Math.abs(psum - TARGET) < SMOOTH_K_TOLERANCE) {
                break;
            }
            if (psum > TARGET) {
                hi = mid;
                mid = (lo + hi) / 2f;
            } else {
                lo = mid;
                mid = hi >= Float.MAX_VALUE ? mid * 2f : (lo + hi) / 2f;
            }
        }
        double floor = MIN_K_DIST_SCALE * (rho > 0f ? meanOf(new float[][] {d}) : meanAll);
        rhoOut[i] = rho;
        sigmaOut[i] = mid < floor ? (float) floor : mid;
    }

    private static float membershipStrength(boolean self, float distance, float rho, float sigma) {
        if (self) {
            return 0f;
        }
        if (distance - rho <= 0f || sigma == 0f) {
            return 1f;
        }
        return (float) Math.exp(-((distance - rho) / sigma));
    }

    /** Mean with a float32 accumulator in row order, as numba computes {@code np.mean} of float32. */
    private static double meanOf(float[][] values) {
        float sum = 0f;
        int count = 0;
        for (float[] row : values) {
            for (float v : row) {
                sum += v;
                count++;
            }
        }
        return (double) sum / count;
    }

    /** Number of rows. */
    public int size() {
        return membership.length;
    }

    /** Row i of the symmetrised membership matrix W (its profile), as doubles. */
    public double[] profile(int i) {
        double[] out = new double[membership.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = membership[i][j];
        }
        return out;
    }

    /** ρᵢ: distance from row i to its nearest neighbour at non-zero distance (float32). */
    public float rho(int i) {
        return rho[i];
    }

    /** σᵢ: the smooth-kNN bandwidth of row i (float32). */
    public float sigma(int i) {
        return sigma[i];
    }

    /** Wᵢⱼ, the fuzzy-union membership of the edge (i, j). */
    public float membership(int i, int j) {
        return membership[i][j];
    }
}
