package org.msde4j.msde;

import java.util.List;

/**
 * Diagnostics of one batch of the density-weight computation, field for field those the
 * reference fixtures record.
 *
 * @param rows           the input rows of this batch, in batch order (local index = position)
 * @param tauEffective   τ after clamping to b−1 when τ ≥ b
 * @param required       q = ⌊0.3·b⌋
 * @param minDistance    smallest distance between profiles of distinct rows
 * @param maxDistance    largest such distance
 * @param firstSearch    ε from the first bisection, or null if no radius satisfied it
 * @param relaxedRun     whether the relaxed search (τ/2, q/2) ran
 * @param relaxedSearch  ε from the relaxed search, or null
 * @param source         which search supplied ε*
 * @param epsilon        ε*
 * @param delta          (ε* − 10⁻⁶)/4
 * @param radii          the four radii ε* − m·δ, m = 0..3
 * @param counts         counts[m][i]: other profiles within radii[m] of profile i
 * @param rho            UMAP ρ of each row (float32)
 * @param sigma          UMAP σ of each row (float32)
 * @param trace          every bisection step
 */
public record WeightBatch(int[] rows, int tauEffective, int required, double minDistance, double maxDistance,
                          Double firstSearch, boolean relaxedRun, Double relaxedSearch, Source source,
                          double epsilon, double delta, double[] radii, int[][] counts, float[] rho,
                          float[] sigma, List<SearchStep> trace) {

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
