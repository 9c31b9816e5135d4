package org.msde4j.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NeighbourSetsTest {

    @Test
    void setsAreReadRowByRowFromOneFlatArray() {
        // Two query rows with k = 3 neighbours each, stored one set after the other:
        // row 0 → {0, 2, 5} (entries 0..2), row 1 → {1, 3, 4} (entries 3..5).
        NeighbourSets sets = new NeighbourSets(3, new int[] {0, 2, 5, 1, 3, 4});
        assertEquals(2, sets.size(), "6 entries of 3 neighbours: 2 rows");
        assertEquals(3, sets.k());
        assertEquals(5, sets.get(0, 2), "row 0, third neighbour: entry 0·3 + 2");
        assertEquals(1, sets.get(1, 0), "row 1, first neighbour: entry 1·3 + 0");
        assertEquals(4, sets.get(1, 2), "row 1, third neighbour: entry 1·3 + 2");
        assertArrayEquals(new int[] {1, 3, 4}, sets.of(1));
    }
}
