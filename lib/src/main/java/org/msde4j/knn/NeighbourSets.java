package org.msde4j.knn;

import java.util.Arrays;

/**
 * The k nearest neighbours of every query row, as sets of reference-row indices.
 *
 * <p>Each set is stored in ascending index order, so that sums over a neighbourhood are taken in
 * the same order on every run. Which rows form the set is exact: the k smallest Euclidean
 * distances, ties broken towards the lower row index, and (in the self-inclusive search) the
 * query row itself always first in rank.
 */
public final class NeighbourSets {

    private final int k;
    private final int[] indices;

    NeighbourSets(int k, int[] indices) {
        this.k = k;
        this.indices = indices;
    }

    /** Number of query rows. */
    public int size() {
        return indices.length / k;
    }

    /** Neighbours per row. */
    public int k() {
        return k;
    }

    /** The r-th neighbour (in ascending index order) of query row {@code row}. */
    public int get(int row, int r) {
        return indices[row * k + r];
    }

    /** A copy of the neighbour set of {@code row}, ascending. */
    public int[] of(int row) {
        return Arrays.copyOfRange(indices, row * k, row * k + k);
    }
}
