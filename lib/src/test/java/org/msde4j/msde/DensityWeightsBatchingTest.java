package org.msde4j.msde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.msde4j.math.Matrices;
import org.msde4j.testing.Synthetic;

/** How rows are cut into weight batches: shuffled with a seed, the short tail merged, too few rows refused. */
class DensityWeightsBatchingTest {

    private static int[] order(DensityWeights w) {
        return w.batches().stream().flatMapToInt(b -> Arrays.stream(b.rows())).toArray();
    }

    private static List<Integer> sizes(int n) {
        return DensityWeights.compute(Synthetic.normals(n, 3, 0, n), 10, WeightRule.COUNT, RowOrder.AS_GIVEN, 1)
                .batches().stream().map(WeightBatch::size).toList();
    }

    /**
     * Shuffled batching is batching in row order of the shuffled rows: the weights of the rows taken
     * in the batches' order, computed AS_GIVEN, are the shuffled run's weights of those rows.
     */
    @Test
    void shuffledBatchesAreBatchesOfTheShuffledRows() {
        double[][] x = Synthetic.normals(257, 6, 0, 4);
        DensityWeights shuffled = DensityWeights.compute(x, 70, WeightRule.COUNT, RowOrder.SHUFFLED, 42);
        int[] perm = order(shuffled);
        assertArrayEquals(IntStream.range(0, 257).toArray(), Arrays.stream(perm).sorted().toArray(), "a permutation");
        assertNotEquals(IntStream.range(0, 257).boxed().toList(), Arrays.stream(perm).boxed().toList(), "not the identity");
        double[] inOrder = DensityWeights.compute(Matrices.rows(x, perm), 70, WeightRule.COUNT, RowOrder.AS_GIVEN, 0)
                .weights();
        double[] w = shuffled.weights();
        for (int j = 0; j < perm.length; j++) {
            assertEquals(inOrder[j], w[perm[j]], 0, "row " + perm[j]);
        }
        assertArrayEquals(perm, order(DensityWeights.compute(x, 70, WeightRule.COUNT, RowOrder.SHUFFLED, 42)), "same seed");
        assertNotEquals(Arrays.toString(perm),
                Arrays.toString(order(DensityWeights.compute(x, 70, WeightRule.COUNT, RowOrder.SHUFFLED, 43))), "other seed");
        assertEquals(List.of(100, 100, 57), shuffled.batches().stream().map(WeightBatch::size).toList());
    }

    /** Batches of 100; up to 45 rows one batch; a last batch under 15 rows joins the one before. */
    @Test
    void aShortLastBatchJoinsThePreviousOne() {
        assertEquals(List.of(45), sizes(45));
        assertEquals(List.of(100), sizes(100));
        assertEquals(List.of(114), sizes(114));
        assertEquals(List.of(100, 15), sizes(115));
        assertEquals(List.of(100, 114), sizes(214));
    }

    @Test
    void fewerRowsThanUmapsNeighbourhoodAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DensityWeights.compute(
                Synthetic.normals(14, 3, 0, 1), 70, WeightRule.COUNT, RowOrder.AS_GIVEN, 1));
        assertTrue(e.getMessage().contains("at least 15 rows") && e.getMessage().contains("got 14"), e.getMessage());
        assertEquals(15, DensityWeights.compute(Synthetic.normals(15, 3, 0, 1), 70, WeightRule.COUNT, RowOrder.AS_GIVEN, 1)
                .weights().length);
    }
}
