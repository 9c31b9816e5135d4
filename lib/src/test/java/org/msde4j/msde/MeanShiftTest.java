package org.msde4j.msde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msde4j.knn.ExactKnn;

class MeanShiftTest {

    @Test
    void aListenerGetsPositionsItMayKeep() {
        // Five points on a line, k = 3, equal weights, η = 1: each moves to the mean of itself and
        // its two nearest (ties to the lower index), computed by hand.
        double[][] x = {{0}, {1}, {2}, {4}, {8}};
        double[] w = {1, 1, 1, 1, 1};
        MsdeOptions o = MsdeOptions.defaults().withK(3).withEta(1).withMaxIterations(2).withTolerance(0);
        List<double[][]> kept = new ArrayList<>();
        ShiftTrace trace = MeanShift.blurring(x, w, o, ExactKnn.withFastestBackend(), (t, y, d) -> kept.add(y));
        assertEquals(2, kept.size());
        assertNotSame(kept.get(0), kept.get(1));
        // Iteration 1, neighbour sets by hand: 0 → {0,1,2}; 1 → {0,1,2}; 2 → {0,1,2} (0 and 3 both at
        // distance 2, the lower index wins); 3 → {1,2,3}; 4 → {2,3,4}.
        double[] first = Arrays.stream(kept.get(0)).mapToDouble(r -> r[0]).toArray();
        assertArrayEquals(new double[] {1, 1, 1, 7.0 / 3, 14.0 / 3}, first, 1e-12);
        double[] last = Arrays.stream(kept.get(1)).mapToDouble(r -> r[0]).toArray();
        for (int i = 0; i < x.length; i++) {
            assertEquals(trace.position(i)[0], last[i], 0, "the last copy is the final position");
        }
        assertEquals(8, x[4][0], "the input is not modified");
    }
}
