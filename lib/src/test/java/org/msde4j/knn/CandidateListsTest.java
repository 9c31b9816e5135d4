package org.msde4j.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CandidateListsTest {

    /** Offers a random stream to one row as the search does (only values below the bound). */
    private static List<float[]> offerAll(CandidateLists lists, float[] stream) {
        List<float[]> withheld = new ArrayList<>();
        for (int j = 0; j < stream.length; j++) {
            if (stream[j] < lists.bound(0)) {
                lists.offer(0, j, stream[j]);
            } else {
                withheld.add(new float[] {stream[j], j});
            }
        }
        return withheld;
    }

    @Test
    void keepsTheSmallestValuesAndBoundsEverythingElse() {
        Random rnd = new Random(3);
        int capacity = 20;
        for (int trial = 0; trial < 50; trial++) {
            float[] stream = new float[500];
            for (int j = 0; j < stream.length; j++) {
                stream[j] = rnd.nextInt(300) / 7f;
            }
            CandidateLists lists = new CandidateLists(1, capacity, null);
            List<float[]> withheld = offerAll(lists, stream);
            float[] sorted = stream.clone();
            Arrays.sort(sorted);
            float[] stored = new float[lists.size(0)];
            for (int s = 0; s < stored.length; s++) {
                stored[s] = lists.value(0, s);
                assertEquals(stream[lists.index(0, s)], stored[s], "index and value stay paired");
            }
            Arrays.sort(stored);
            assertTrue(stored.length >= capacity && stored.length < 2 * capacity, "size " + stored.length);
            assertEquals(Arrays.toString(Arrays.copyOf(sorted, capacity)), Arrays.toString(Arrays.copyOf(stored, capacity)),
                    "the capacity smallest values are all stored");
            for (float[] w : withheld) {
                assertTrue(w[0] >= lists.bound(0), "a withheld value lies at or above the bound");
            }
            assertTrue(lists.bound(0) <= sorted[2 * capacity - 1], "the bound has fallen after the list filled");
        }
    }

    @Test
    void kthSmallestSelectsByRank() {
        CandidateLists lists = new CandidateLists(2, 8, null);
        float[] values = {5f, 1f, 4f, 1f, 9f, 2f, 6f};
        for (int j = 0; j < values.length; j++) {
            lists.offer(1, j, values[j]);
        }
        assertEquals(1f, lists.kthSmallest(1, 0));
        assertEquals(1f, lists.kthSmallest(1, 1));
        assertEquals(4f, lists.kthSmallest(1, 3));
        assertEquals(9f, lists.kthSmallest(1, 6));
        assertEquals(0, lists.size(0), "the other row is untouched");
    }

    @Test
    void aCeilingWithholdsValuesUntilTheListFills() {
        CandidateLists lists = new CandidateLists(1, 3, new float[] {10f});
        assertEquals(10f, lists.bound(0));
        offerAll(lists, new float[] {12f, 3f, 11f, 4f});
        assertEquals(2, lists.size(0), "only the values below the ceiling are stored");
        assertEquals(10f, lists.bound(0), "the ceiling stays the bound while the list is not full");
    }
}
