package org.msde4j.knn;

import java.util.Arrays;

/**
 * One bounded max-heap per query row, holding the {@code capacity} smallest approximate squared
 * distances offered so far (as float32) and their row indices. Memory is O(rows × capacity).
 *
 * <p>A row may start with a ceiling: values at or above it are never offered. Until the heap is
 * full it then holds <em>every</em> value offered below the ceiling; once full, every value below
 * its largest. Either way {@link #bound(int)} bounds every value not stored.
 *
 * <p>Each row is written by one worker at a time (see {@link ColumnOffers}); a bound may be read by
 * any worker at any time, since bounds only fall.
 */
final class CandidateHeaps {

    private final int capacity;
    private final float[] values;
    private final int[] indices;
    private final int[] sizes;
    private final float[] bounds;

    CandidateHeaps(int rows, int capacity, float[] ceilings) {
        this.capacity = capacity;
        this.values = new float[rows * capacity];
        this.indices = new int[rows * capacity];
        this.sizes = new int[rows];
        this.bounds = ceilings == null ? new float[rows] : ceilings.clone();
        if (ceilings == null) {
            Arrays.fill(bounds, Float.POSITIVE_INFINITY);
        }
    }

    /**
     * Values at or above this bound cannot enter the heap of {@code row}; equally, every value
     * offered or withheld but not stored is at least this large.
     */
    float bound(int row) {
        return bounds[row];
    }

    int size(int row) {
        return sizes[row];
    }

    float value(int row, int slot) {
        return values[row * capacity + slot];
    }

    int index(int row, int slot) {
        return indices[row * capacity + slot];
    }

    /** Offers a candidate; the caller has checked {@code value < bound(row)}. */
    void offer(int row, int index, float value) {
        int base = row * capacity;
        int size = sizes[row];
        if (size < capacity) {
            int pos = size;
            sizes[row] = size + 1;
            while (pos > 0) {
                int parent = (pos - 1) >>> 1;
                if (values[base + parent] >= value) {
                    break;
                }
                values[base + pos] = values[base + parent];
                indices[base + pos] = indices[base + parent];
                pos = parent;
            }
            values[base + pos] = value;
            indices[base + pos] = index;
            if (size + 1 == capacity) {
                bounds[row] = Math.min(bounds[row], values[base]);
            }
            return;
        }
        int pos = 0;
        while (true) {
            int child = 2 * pos + 1;
            if (child >= capacity) {
                break;
            }
            if (child + 1 < capacity && values[base + child + 1] > values[base + child]) {
                child++;
            }
            if (values[base + child] <= value) {
                break;
            }
            values[base + pos] = values[base + child];
            indices[base + pos] = indices[base + child];
            pos = child;
        }
        values[base + pos] = value;
        indices[base + pos] = index;
        bounds[row] = values[base];
    }
}
