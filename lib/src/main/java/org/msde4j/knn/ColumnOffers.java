package org.msde4j.knn;

import java.util.Arrays;

/**
 * One worker's scratch for scanning tiles: a row buffer, and the offers to other rows' lists it
 * noted during a scan, made afterwards by the worker that owns each list, so that no two workers
 * ever write the same list.
 */
final class ColumnOffers {

    private int[] rows = new int[256];
    private int[] candidates = new int[256];
    private float[] values = new float[256];
    private int size;
    private float[] row = new float[0];

    /** This worker's buffer for one row of a tile, of at least {@code length} floats. */
    float[] row(int length) {
        if (row.length < length) {
            row = new float[length];
        }
        return row;
    }

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
    void offerOwned(int owner, int workers, CandidateLists lists) {
        for (int e = 0; e < size; e++) {
            int row = rows[e];
            if (row % workers == owner && values[e] < lists.bound(row)) {
                lists.offer(row, candidates[e], values[e]);
            }
        }
    }
}
