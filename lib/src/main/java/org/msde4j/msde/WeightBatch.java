package org.msde4j.msde;

import java.util.List;

/**
 * Diagnostics of one batch of the density-weight computation, grouped as the computation runs:
 * the rows' fuzzy profiles, the condition, the radius search and the counts at the four radii.
 * Field for field they are what the reference fixtures record.
 *
 * @param rows      the input rows of this batch, in batch order (local index = position)
 * @param profiles  the rows' UMAP membership profiles
 * @param condition the (τ, q) the radius must satisfy
 * @param search    how ε* was found
 * @param radii     the four radii ε* − m·δ and the neighbour counts within them
 */
public record WeightBatch(int[] rows, Profiles profiles, Condition condition, Search search, Radii radii) {

    /**
     * The batch's fuzzy membership profiles.
     *
     * @param rho         UMAP ρ of each row (float32)
     * @param sigma       UMAP σ of each row (float32)
     * @param minDistance smallest distance between profiles of distinct rows
     * @param maxDistance largest such distance
     */
    public record Profiles(float[] rho, float[] sigma, double minDistance, double maxDistance) {
    }

    /**
     * What "dense enough" means for this batch: at least {@code required} rows with {@code tauEffective}
     * other profiles within the radius.
     *
     * @param tauEffective τ after clamping to b−1 when τ ≥ b
     * @param required     q = ⌊0.3·b⌋
     */
    public record Condition(int tauEffective, int required) {
    }

    /**
     * The bisections for ε*.
     *
     * @param first      ε from the first bisection, or null if no radius satisfied it
     * @param relaxed    ε from the relaxed search, or null (also when it did not run)
     * @param source     which search supplied ε*
     * @param epsilon    ε*
     * @param trace      every bisection step
     */
    public record Search(Double first, Double relaxed, Source source, double epsilon, List<SearchStep> trace) {

        /** Whether the relaxed search (τ/2, q/2) ran: it runs exactly when the first found no radius. */
        public boolean relaxedRun() {
            return first == null;
        }
    }

    /**
     * The radii at which neighbours are counted.
     *
     * @param delta  δ = (ε* − 10⁻⁶)/4
     * @param radii  the four radii ε* − m·δ, m = 0..3
     * @param counts counts[m][i]: other profiles within radii[m] of profile i
     */
    public record Radii(double delta, double[] radii, int[][] counts) {
    }

    /** Where ε* came from. */
    public enum Source {
        /** The first search with (τ, q). */
        FIRST_SEARCH,
        /** The relaxed search with (max(1, τ div 2), q div 2). */
        RELAXED_SEARCH,
        /** Neither found a radius: ε* = the largest profile distance. */
        MAX_DISTANCE
    }

    /** Number of rows in the batch. */
    public int size() {
        return rows.length;
    }
}
