package org.msde4j.knn;

import java.util.Arrays;

/**
 * For each query row, the smallest approximate squared distances offered so far (as float32) with
 * their row indices: at least the {@code capacity} smallest, kept in a list of up to twice that
 * many. An offer is appended; when a list is full, it is cut back to its {@code capacity} smallest
 * by quickselect and its bound falls to the largest value kept. An offer thus costs a few
 * nanoseconds on average, against a bounded heap's O(log capacity) moves every time. Memory is
 * O(rows × capacity).
 *
 * <p>A row may start with a ceiling: values at or above it are never offered. {@link #bound(int)}
 * bounds every value offered or withheld but not stored. Each row is written by one worker at a
 * time (see {@link ColumnOffers}); a bound may be read by any worker at any time, since bounds only
 * fall.
 */
final class CandidateLists {

    private final int capacity;
    private final int slots;
    private final float[] values;
    private final int[] indices;
    private final int[] sizes;
    private final float[] bounds;

    CandidateLists(int rows, int capacity, float[] ceilings) {
        this.capacity = capacity;
        this.slots = 2 * capacity;
        this.values = new float[rows * slots];
        this.indices = new int[rows * slots];
        this.sizes = new int[rows];
        this.bounds = ceilings == null ? new float[rows] : ceilings.clone();
        if (ceilings == null) {
            Arrays.fill(bounds, Float.POSITIVE_INFINITY);
        }
    }

    /**
     * Values at or above this bound cannot enter the list of {@code row}; equally, every value
     * offered or withheld but not stored is at least this large.
     */
    float bound(int row) {
        return bounds[row];
    }

    /** Values stored for {@code row}: at least min(capacity, values offered below its ceiling). */
    int size(int row) {
        return sizes[row];
    }

    float value(int row, int slot) {
        return values[row * slots + slot];
    }

    int index(int row, int slot) {
        return indices[row * slots + slot];
    }

    /** Offers a candidate; the caller has checked {@code value < bound(row)}. */
    void offer(int row, int index, float value) {
        int size = sizes[row];
        int base = row * slots;
        values[base + size] = value;
        indices[base + size] = index;
        sizes[row] = ++size;
        if (size == slots) {
            bounds[row] = Math.min(bounds[row], keepSmallest(base));
            sizes[row] = capacity;
        }
    }

    /**
     * Rearranges the full list at {@code base} so that its {@code capacity} smallest values come
     * first; returns the largest of them.
     */
    private float keepSmallest(int base) {
        select(base, slots, capacity - 1);
        float largest = values[base];
        for (int s = base + 1; s < base + capacity; s++) {
            largest = Math.max(largest, values[s]);
        }
        return largest;
    }

    /**
     * The {@code rank}-th smallest value (0-based) stored for {@code row}; reorders the row's list so
     * that no smaller value comes after it.
     */
    float kthSmallest(int row, int rank) {
        return select(row * slots, sizes[row], rank);
    }

    /** Hoare's quickselect on the {@code length} entries at {@code base}: the {@code rank}-th smallest. */
    private float select(int base, int length, int rank) {
        int lo = base;
        int hi = base + length - 1;
        int target = base + rank;
        while (lo < hi) {
            float pivot = values[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(i++, j--);
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                break;
            }
        }
        return values[target];
    }

    private void swap(int a, int b) {
        float v = values[a];
        values[a] = values[b];
        values[b] = v;
        int x = indices[a];
        indices[a] = indices[b];
        indices[b] = x;
    }
}
