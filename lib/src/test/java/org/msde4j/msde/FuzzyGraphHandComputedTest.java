package org.msde4j.msde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The fuzzy graph where σ's floor decides, worked out by hand (the parity fixtures never reach it). */
class FuzzyGraphHandComputedTest {

    /** The 3 × 5 integer grid, row r·5 + c at (r, c): exactly the 15 rows UMAP's graph needs. */
    private static double[][] grid() {
        double[][] x = new double[15][];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 5; c++) {
                x[r * 5 + c] = new double[] {r, c};
            }
        }
        return x;
    }

    @Test
    void fourNeighboursTiedAtRhoPushSigmaDownToItsFloor() {
        // The centre (1, 2), row 7, has all 14 others as neighbours: 4 at 1, 4 at √2, 2 at 2, 4 at √5.
        // ρ = 1, and the 4 rows at ρ contribute 1 each to Σ exp(−max(0, d − ρ)/σ), so the sum exceeds
        // log₂ 15 ≈ 3.907 for every σ and the bisection drives σ towards 0 (2⁻⁶⁴ after 64 halvings).
        // The floor then decides: σ = 10⁻³ · mean of the row's 15 distances (itself at 0 included)
        //   = 10⁻³ · (4 + 4√2 + 4 + 4√5) / 15 = 10⁻³ · 22.60112... / 15 ≈ 1.50674e-3.
        FuzzyGraph g = FuzzyGraph.of(grid());
        double expected = 1e-3 * (8 + 4 * Math.sqrt(2) + 4 * Math.sqrt(5)) / 15;
        assertEquals(1f, g.rho(7));
        assertEquals(expected, g.sigma(7), 1e-9);
        // Memberships: 1 at distance ρ, 0 to itself, and exp(−(√2 − 1)/σ) ≈ e^−275, i.e. 0 in float32, one
        // step further out (row 1 at (0, 1) is √2 from the centre, and the centre is not within its own ρ).
        assertEquals(1f, g.membership(7, 2));
        assertEquals(0f, g.membership(7, 7));
    }

    @Test
    void fifteenRowsAreEnoughAndFourteenAreNot() {
        assertEquals(15, FuzzyGraph.of(grid()).size());
        double[][] fourteen = java.util.Arrays.copyOf(grid(), 14);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FuzzyGraph.of(fourteen));
        assertEquals("a density-weight batch needs at least 15 rows for UMAP's neighbourhood graph, got 14.", e.getMessage());
    }
}
