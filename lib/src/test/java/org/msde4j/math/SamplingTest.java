package org.msde4j.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SamplingTest {

    @Test
    void choosesDistinctElementsUniformly() {
        int[] from = {10, 11, 12, 13, 14, 15};
        int[] hits = new int[6];
        Random rnd = new Random(3);
        for (int r = 0; r < 6000; r++) {
            int[] pick = Sampling.withoutReplacement(from, 2, rnd);
            assertEquals(2, pick.length);
            assertTrue(pick[0] != pick[1], Arrays.toString(pick));
            for (int p : pick) {
                hits[p - 10]++;
            }
        }
        // each element is chosen with probability 2/6: 2000 of 6000 draws, standard deviation 36.5
        for (int h : hits) {
            assertTrue(Math.abs(h - 2000) < 150, Arrays.toString(hits));
        }
        assertArrayEquals(new int[] {10, 11, 12, 13, 14, 15}, from, "the source is not changed");
    }

    @Test
    void allElementsAreAPermutationAndNoneIsEmpty() {
        int[] all = Sampling.withoutReplacement(new int[] {4, 5, 6}, 3, new Random(1));
        Arrays.sort(all);
        assertArrayEquals(new int[] {4, 5, 6}, all);
        assertEquals(0, Sampling.withoutReplacement(new int[] {4, 5, 6}, 0, new Random(1)).length);
    }

    @Test
    void theSameSeedGivesTheSameChoice() {
        int[] from = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertArrayEquals(Sampling.withoutReplacement(from, 4, new Random(8)), Sampling.withoutReplacement(from, 4, new Random(8)));
    }

    @Test
    void tooManyOrANegativeCountIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Sampling.withoutReplacement(new int[3], 4, new Random()))
                .getMessage().contains("cannot choose 4 of 3"));
        assertThrows(IllegalArgumentException.class, () -> Sampling.withoutReplacement(new int[3], -1, new Random()));
    }
}
