package org.msde4j.msde;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.msde4j.math.Sampling;

/**
 * MSDE's density weight of each row: how crowded its neighbourhood profile is.
 *
 * <p>Rows are processed in consecutive batches of b = {@value #BATCH_SIZE} (one batch when n ≤ 45,
 * as in the authors' {@code get_empirical_weights}). In each batch the profiles sᵢ are the rows of
 * the UMAP fuzzy graph ({@link FuzzyGraph}); cᵢ(ε) = #{j ≠ i : ‖sᵢ − sⱼ‖ ≤ ε}. A bisection over
 * [min, max] profile distance finds the smallest ε* at which the {@link WeightRule} holds with
 * threshold τ (clamped to b−1) and q = ⌊0.3·b⌋; failing that, a relaxed search with τ div 2 and
 * q div 2; failing that, ε* = the largest distance. The weight is the mean of cᵢ at the four radii
 * ε* − mδ, δ = (ε* − 10⁻⁶)/4, m = 0..3.
 *
 * <p>One departure from the reference: the authors' code fails when the last batch has fewer rows
 * than UMAP's 15 neighbours; here such a batch is merged into the one before it.
 */
public final class DensityWeights {

    /** Rows per batch in the authors' rule: min(1000, max(3·15, 100)). */
    public static final int BATCH_SIZE = 100;
    /** Inputs of at most this many rows form a single batch. */
    static final int SINGLE_BATCH_LIMIT = 3 * FuzzyGraph.NEIGHBOURS;
    /** Number of radii averaged. */
    static final int RADII = 4;
    private static final double SATISFIABILITY = 0.3;

    private final double[] weights;
    private final List<WeightBatch> batches;

    private DensityWeights(double[] weights, List<WeightBatch> batches) {
        this.weights = weights;
        this.batches = batches;
    }

    /**
     * Computes the weights of all rows of {@code x} (standardised, n ≥ 15).
     *
     * @param tau   neighbour-count threshold τ (the paper's 70)
     * @param rule  how the density condition is tested
     * @param order batch membership: as given, or shuffled with {@code seed}
     */
    public static DensityWeights compute(double[][] x, int tau, WeightRule rule, RowOrder order, long seed) {
        if (x.length < FuzzyGraph.NEIGHBOURS) {
            throw new IllegalArgumentException("density weights need at least " + FuzzyGraph.NEIGHBOURS
                    + " rows (UMAP's neighbourhood size), got " + x.length + ".");
        }
        double[] weights = new double[x.length];
        List<WeightBatch> batches = batchRows(x.length, order, seed).parallelStream()
                .map(rows -> weighBatch(x, rows, tau, rule)).toList();
        for (WeightBatch batch : batches) {
            for (int local = 0; local < batch.size(); local++) {
                double sum = 0;
                for (int m = 0; m < RADII; m++) {
                    sum += batch.radii().counts()[m][local];
                }
                weights[batch.rows()[local]] = sum / RADII;
            }
        }
        return new DensityWeights(weights, batches);
    }

    /** The batches' rows: consecutive runs of {@link #BATCH_SIZE} in the chosen order. */
    static List<int[]> batchRows(int n, RowOrder order, long seed) {
        int[] perm = order == RowOrder.SHUFFLED ? Sampling.permutation(n, seed) : Sampling.identity(n);
        List<int[]> out = new ArrayList<>();
        if (n <= SINGLE_BATCH_LIMIT) {
            out.add(perm);
            return out;
        }
        for (int start = 0; start < n; start += BATCH_SIZE) {
            int end = Math.min(n, start + BATCH_SIZE);
            boolean shortTail = end - start < FuzzyGraph.NEIGHBOURS && !out.isEmpty();
            int from = shortTail ? start - BATCH_SIZE : start;
            int[] rows = Arrays.copyOfRange(perm, from, end);
            if (shortTail) {
                out.set(out.size() - 1, rows);
            } else {
                out.add(rows);
            }
        }
        return out;
    }

    private static WeightBatch weighBatch(double[][] x, int[] rows, int tau, WeightRule rule) {
        int b = rows.length;
        double[][] batch = new double[b][];
        for (int i = 0; i < b; i++) {
            batch[i] = x[rows[i]];
        }
        FuzzyGraph graph = FuzzyGraph.of(batch);
        ProfileDistances distances = new ProfileDistances(graph);
        int threshold = tau >= b ? Math.max(1, b - 1) : tau;
        int required = (int) (SATISFIABILITY * b);
        List<SearchStep> trace = new ArrayList<>();
        Double first = RadiusSearch.smallestSatisfying(distances.min(), distances.max(),
                eps -> rule.satisfied(distances.counts(eps), threshold, required), 1, trace);
        Double relaxed = null;
        WeightBatch.Source source = WeightBatch.Source.FIRST_SEARCH;
        double eps;
        if (first != null) {
            eps = first;
        } else {
            int relaxedThreshold = Math.max(1, threshold / 2);
            relaxed = RadiusSearch.smallestSatisfying(distances.min(), distances.max(),
                    r -> rule.satisfied(distances.counts(r), relaxedThreshold, required / 2), 2, trace);
            source = relaxed != null ? WeightBatch.Source.RELAXED_SEARCH : WeightBatch.Source.MAX_DISTANCE;
            eps = relaxed != null ? relaxed : distances.max();
        }
        double delta = (eps - 1e-6) / RADII;
        double[] radii = new double[RADII];
        int[][] counts = new int[RADII][];
        double radius = eps;
        for (int m = 0; m < RADII; m++) {
            radii[m] = radius;
            counts[m] = distances.counts(radius);
            radius -= delta;
        }
        float[] rho = new float[b];
        float[] sigma = new float[b];
        for (int i = 0; i < b; i++) {
            rho[i] = graph.rho(i);
            sigma[i] = graph.sigma(i);
        }
        return new WeightBatch(rows, new WeightBatch.Profiles(rho, sigma, distances.min(), distances.max()),
                new WeightBatch.Condition(threshold, required),
                new WeightBatch.Search(first, relaxed, source, eps, Collections.unmodifiableList(trace)),
                new WeightBatch.Radii(delta, radii, counts));
    }

    /** The weight of each input row, in input order. */
    public double[] weights() {
        return weights.clone();
    }

    /** Per-batch diagnostics, in batch order. */
    public List<WeightBatch> batches() {
        return batches;
    }

    /**
     * All pairwise distances between the profiles of one batch, summed as scipy's cKDTree sums
     * them (four interleaved accumulators), so that radius counts agree with the reference at the
     * boundary.
     */
    private static final class ProfileDistances {
        private final double[][] squared;
        private final double min;
        private final double max;

        ProfileDistances(FuzzyGraph graph) {
            int b = graph.size();
            double[][] profiles = new double[b][];
            for (int i = 0; i < b; i++) {
                profiles[i] = graph.profile(i);
            }
            squared = new double[b][b];
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (int i = 0; i < b; i++) {
                for (int j = i + 1; j < b; j++) {
                    double s = kdTreeSquaredDistance(profiles[i], profiles[j]);
                    squared[i][j] = s;
                    squared[j][i] = s;
                    lo = Math.min(lo, s);
                    hi = Math.max(hi, s);
                }
            }
            min = Math.sqrt(lo);
            max = Math.sqrt(hi);
        }

        double min() {
            return min;
        }

        double max() {
            return max;
        }

        /** cᵢ(ε) for every row: other rows whose profile lies within ε. */
        int[] counts(double eps) {
            double bound = eps * eps;
            int[] counts = new int[squared.length];
            for (int i = 0; i < squared.length; i++) {
                int c = 0;
                for (int j = 0; j < squared.length; j++) {
                    if (j != i && squared[i][j] <= bound) {
                        c++;
                    }
                }
                counts[i] = c;
            }
            return counts;
        }

        private static double kdTreeSquaredDistance(double[] u, double[] v) {
            double a0 = 0;
            double a1 = 0;
            double a2 = 0;
            double a3 = 0;
            int i = 0;
            for (; i + 4 <= u.length; i += 4) {
                double d0 = u[i] - v[i];
                double d1 = u[i + 1] - v[i + 1];
                double d2 = u[i + 2] - v[i + 2];
                double d3 = u[i + 3] - v[i + 3];
                a0 += d0 * d0;
                a1 += d1 * d1;
                a2 += d2 * d2;
                a3 += d3 * d3;
            }
            double s = a0 + a1 + a2 + a3;
            for (; i < u.length; i++) {
                double d = u[i] - v[i];
                s += d * d;
            }
            return s;
        }
    }
}
