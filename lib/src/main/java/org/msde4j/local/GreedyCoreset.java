package org.msde4j.local;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Greedy coreset selection (the k-centre greedy of Sener and Savarese, ICLR 2018, as PatchCore's
 * Algorithm 1 uses it): start from a seeded random patch; then repeatedly add the patch farthest
 * from every patch chosen so far. The chosen patches cover the training patches with the smallest
 * radius this greedy rule finds (within a factor 2 of the best), so a small memory bank still has a
 * close neighbour for every normal patch — but it spreads out evenly and so forgets where normal
 * patches are dense.
 *
 * <p>Distances are measured after a seeded Gaussian random projection to {@code projection}
 * dimensions (Johnson–Lindenstrauss; PatchCore projects to 128), or on the patches themselves
 * when they have no more dimensions than that. Ties go to the lower patch index. The work is
 * (chosen patches) × (patches) × (dimensions) multiply-adds, streamed over blocks of patches in
 * parallel; the result does not depend on the number of threads.
 */
final class GreedyCoreset {

    /** Patches per block of the parallel distance update (a block's columns stay in cache). */
    private static final int BLOCK = 4096;

    private GreedyCoreset() {
    }

    /**
     * Indices of {@code size} patches chosen from the {@code rows} patches of width {@code depth}
     * stored row by row in {@code values}.
     */
    static int[] select(FloatBuffer values, int rows, int depth, int size, int projection, long seed) {
        if (size < 1 || size > rows) {
            throw new IllegalArgumentException("a coreset of " + size + " patches cannot be chosen from " + rows + ".");
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[][] columns = depth > projection ? projected(values, rows, depth, projection, random)
                : columns(values, rows, depth);
        int dims = columns.length;
        float[] nearest = new float[rows];
        Arrays.fill(nearest, Float.POSITIVE_INFINITY);
        int[] chosen = new int[size];
        int current = random.nextInt(rows);
        int blocks = (rows + BLOCK - 1) / BLOCK;
        long[] best = new long[blocks];
        float[] centre = new float[dims];
        for (int t = 0; t < size; t++) {
            chosen[t] = current;
            for (int c = 0; c < dims; c++) {
                centre[c] = columns[c][current];
            }
            IntStream.range(0, blocks).parallel().forEach(b -> best[b] = updateBlock(columns, centre, nearest, b));
            long winner = Long.MIN_VALUE;
            for (long v : best) {
                winner = Math.max(winner, v);
            }
            current = (int) ~winner;
        }
        return chosen;
    }

    /**
     * Lowers each patch's distance to the chosen set with its distance to {@code centre}, over one
     * block; returns the block's farthest patch as (distance bits, ~index), so that the largest value
     * is the farthest patch and, among equals, the lowest index.
     */
    private static long updateBlock(float[][] columns, float[] centre, float[] nearest, int block) {
        int from = block * BLOCK;
        int to = Math.min(nearest.length, from + BLOCK);
        float[] acc = new float[to - from];
        for (int c = 0; c < columns.length; c++) {
            float[] column = columns[c];
            float v = centre[c];
            for (int i = from; i < to; i++) {
                float diff = column[i] - v;
                acc[i - from] += diff * diff;
            }
        }
        long best = Long.MIN_VALUE;
        for (int i = from; i < to; i++) {
            float d = Math.min(nearest[i], acc[i - from]);
            nearest[i] = d;
            long key = ((long) Float.floatToIntBits(d) << 32) | (~i & 0xffffffffL);
            best = Math.max(best, key);
        }
        return best;
    }

    /** The patches column by column. */
    private static float[][] columns(FloatBuffer values, int rows, int depth) {
        float[][] out = new float[depth][rows];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < depth; c++) {
                out[c][i] = values.get(i * depth + c);
            }
        }
        return out;
    }

    /** The patches projected by a d × k matrix of N(0, 1/k) entries, column by column. */
    private static float[][] projected(FloatBuffer values, int rows, int depth, int k, SplittableRandom random) {
        float[][] matrix = new float[depth][k];
        double scale = 1 / Math.sqrt(k);
        for (int c = 0; c < depth; c++) {
            for (int j = 0; j < k; j++) {
                matrix[c][j] = (float) (random.nextGaussian() * scale);
            }
        }
        float[][] out = new float[k][rows];
        IntStream.range(0, (rows + BLOCK - 1) / BLOCK).parallel().forEach(b -> {
            float[] row = new float[k];
            for (int i = b * BLOCK; i < Math.min(rows, (b + 1) * BLOCK); i++) {
                Arrays.fill(row, 0);
                for (int c = 0; c < depth; c++) {
                    float x = values.get(i * depth + c);
                    float[] m = matrix[c];
                    for (int j = 0; j < k; j++) {
                        row[j] += x * m[j];
                    }
                }
                for (int j = 0; j < k; j++) {
                    out[j][i] = row[j];
                }
            }
        });
        return out;
    }
}
