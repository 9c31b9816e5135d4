package org.msde4j.knn;

/**
 * One bounded max-heap per query row, holding the {@code capacity} smallest approximate squared
 * distances seen so far and their row indices. Memory is O(rows × capacity).
 *
 * <p>Used by one worker at a time; {@link ExactKnn} gives each worker its own heaps and merges
 * them at the end.
 */
final class CandidateHeaps {

    private final int capacity;
    private final double[] values;
    private final int[] indices;
    private final int[] sizes;
    private final double[] bounds;

    CandidateHeaps(int rows, int capacity) {
        this.capacity = capacity;
        this.values = new double[rows * capacity];
        this.indices = new int[rows * capacity];
        this.sizes = new int[rows];
        this.bounds = new double[rows];
        java.util.Arrays.fill(bounds, Double.POSITIVE_INFINITY);
    }

    /** Values at or above this bound cannot enter the heap of {@code row}. */
    double bound(int row) {
        return bounds[row];
    }

    int size(int row) {
        return sizes[row];
    }

    double value(int row, int slot) {
        return values[row * capacity + slot];
    }

    int index(int row, int slot) {
        return indices[row * capacity + slot];
    }

    /** Offers a candidate; the caller has checked {@code value < bound(row)}. */
    void offer(int row, int index, double value) {
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
                bounds[row] = values[base];
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
