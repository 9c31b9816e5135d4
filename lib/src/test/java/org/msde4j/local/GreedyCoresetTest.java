package org.msde4j.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class GreedyCoresetTest {

    /** Three clusters on a line, {0, 1, 2}, {10, 11} and {20}: farthest-first takes one of each, whatever the start. */
    @Test
    void farthestFirstTakesOnePatchOfEachWellSeparatedCluster() {
        float[] line = {0, 1, 2, 10, 11, 20};
        for (long seed = 0; seed < 20; seed++) {
            int[] chosen = GreedyCoreset.select(FloatBuffer.wrap(line), 6, 1, 3, 128, seed);
            Set<Integer> clusters = new TreeSet<>();
            for (int i : chosen) {
                clusters.add(line[i] < 5 ? 0 : line[i] < 15 ? 1 : 2);
            }
            assertEquals(Set.of(0, 1, 2), clusters, "seed " + seed + ": " + Arrays.toString(chosen));
        }
    }

    /**
     * The same after a random projection of 300-dimensional patches to 16 dimensions: three
     * clusters of 40 patches, 50 apart, spread 1 — far beyond what the projection distorts.
     */
    @Test
    void theRandomProjectionKeepsClustersApart() {
        Random rnd = new Random(3);
        int depth = 300;
        float[] values = new float[120 * depth];
        for (int i = 0; i < 120; i++) {
            for (int c = 0; c < depth; c++) {
                values[i * depth + c] = (float) ((c == i / 40 ? 50 : 0) + rnd.nextGaussian() / Math.sqrt(depth));
            }
        }
        int[] chosen = GreedyCoreset.select(FloatBuffer.wrap(values), 120, depth, 3, 16, 42);
        assertEquals(Set.of(0, 1, 2), Set.of(chosen[0] / 40, chosen[1] / 40, chosen[2] / 40));
        assertArrayEquals(chosen, GreedyCoreset.select(FloatBuffer.wrap(values), 120, depth, 3, 16, 42), "same seed, same coreset");
    }

    /** More patches than one block of the parallel update: the result equals a plain sequential farthest-first. */
    @Test
    void blocksGiveTheSequentialAnswer() {
        Random rnd = new Random(9);
        int rows = 10_000;
        float[] values = new float[rows * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) rnd.nextGaussian();
        }
        int[] chosen = GreedyCoreset.select(FloatBuffer.wrap(values), rows, 2, 25, 128, 5);
        float[] nearest = new float[rows];
        Arrays.fill(nearest, Float.POSITIVE_INFINITY);
        int current = chosen[0];
        for (int t = 0; t < 25; t++) {
            assertEquals(current, chosen[t], "choice " + t);
            int best = 0;
            for (int i = 0; i < rows; i++) {
                float dx = values[2 * i] - values[2 * current];
                float dy = values[2 * i + 1] - values[2 * current + 1];
                nearest[i] = Math.min(nearest[i], dx * dx + dy * dy);
                if (nearest[i] > nearest[best]) {
                    best = i;
                }
            }
            current = best;
        }
    }
}
