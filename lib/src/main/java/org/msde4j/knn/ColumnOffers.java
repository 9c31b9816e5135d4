package org.msde4j.knn;

import java.util.Arrays;

/**
 * Offers to other rows' heaps noted by one worker while it scans its rows of a tile, made after the
 * scan by the worker that owns each heap, so that no two workers ever write the same heap.
 */
final class ColumnOffers {

    private int[] rows = new int[256];
    private int[] candidates = new int[256];
    private float[] values = new float[256];
    private int size;

    void clear() {
        size = 0;
    }

    /** Notes that {@code candidate} at approximate squared distance {@code value} is offered to {@code row}. */
    void add(int row, int candidate, float value) {
        if (size == rows.length) {
            rows = Arrays.copyOf(rows, 2 * size);
            candidates = Arrays.copyOf(candidates, 2 * size);
            values = Arrays.copyOf(values, 2 * size);
        }
        rows[size] = row;
        candidates[size] = candidate;
        values[size++] = value;
    }

    /** Makes the noted offers to the rows {@code owner} owns (row mod workers = owner). */
    void offerOwned(int owner, int workers, CandidateHeaps heaps) {
        for (int e = 0; e < size; e++) {
            int row = rows[e];
            if (row % workers == owner && values[e] < heaps.bound(row)) {
                heaps.offer(row, candidates[e], values[e]);
            }
        }
    }
}
