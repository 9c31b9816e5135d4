package org.msde4j.msde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.msde4j.knn.ExactKnn;

/**
 * Mean shift on cases small enough to work out on paper. Every expected number below is derived
 * in the comments from the definitions (a step moves y to y + η(m − y), m the weighted mean of the
 * k nearest points; a run stops after the first step whose displacement ‖m − y‖ is below the
 * tolerance, keeping that step), not from running the code.
 */
class MeanShiftHandComputedTest {

    private static final double EXACT = 1e-12;

    private static ExactKnn knn;

    @BeforeAll
    static void backend() {
        knn = ExactKnn.withFastestBackend();
    }

    private static MsdeOptions options(int k, double eta, int maxIterations, double tolerance) {
        return MsdeOptions.defaults().withK(k).withEta(eta).withMaxIterations(maxIterations).withTolerance(tolerance);
    }

    /**
     * Reference rows A = (0, 0), B = (2, 0), C = (0, 4) with weights 1, 3, 2; k = 2, η = ½,
     * tolerance 0.2, at most 8 steps. The weighted means of the pairs: m(A,B) = (3·(2,0))/4 = (1.5, 0),
     * m(A,C) = (2·(0,4))/3 = (0, 8/3), m(B,C) = (3·(2,0) + 2·(0,4))/5 = (1.2, 1.6).
     * <ul>
     * <li>P = (1.4, 0.1): nearest B (0.608), A (1.404); Δ₁ = ‖(0.1, −0.1)‖ = √0.02 < 0.2, so P takes
     *     one step, to (1.45, 0.05), and stops.
     * <li>Q = (0.2, 1.8): nearest A (1.811), C (2.209); it moves halfway to (0, 8/3) each step and stays
     *     left of x = 1, the bisector of A and B, so its neighbours never change. Δₜ = Δ₁/2ᵗ⁻¹ with
     *     Δ₁ = ‖(−0.2, 8/3 − 1.8)‖ = 0.889: 0.889, 0.445, 0.222, 0.111 → stops after step 4 at
     *     (0, 8/3) + (Q − (0, 8/3))/16 = (0.0125, 2.6125).
     * <li>R = (2.2, 2.2): nearest B (2.209), C (2.843); Δ₁ = ‖(−1, −0.6)‖ → (1.7, 1.9). Now A (2.550)
     *     is nearer than C (2.702): the neighbours become A, B, and R heads for (1.5, 0):
     *     Δ₂ = ‖(−0.2, −1.9)‖, then halving: 0.955, 0.478, 0.239, 0.119 → stops after step 6 at
     *     (1.5, 0) + ((1.7, 1.9) − (1.5, 0))/32 = (1.50625, 0.059375).
     * </ul>
     */
    @Test
    void inductiveQueriesFollowTheHandComputedPathAndStopEachOnItsOwn() {
        double[][] reference = {{0, 0}, {2, 0}, {0, 4}};
        double[] weights = {1, 3, 2};
        double[][] queries = {{1.4, 0.1}, {0.2, 1.8}, {2.2, 2.2}};
        ShiftTrace t = MeanShift.toward(queries, reference, weights, options(2, 0.5, 8, 0.2), knn);

        assertArrayEquals(new double[] {1.45, 0.05}, t.position(0), EXACT, "P: one step");
        assertArrayEquals(new double[] {0.0125, 2.6125}, t.position(1), EXACT, "Q: four steps towards (0, 8/3)");
        assertArrayEquals(new double[] {1.50625, 0.059375}, t.position(2), EXACT, "R: neighbours change after step 1");
        assertEquals(6, t.iterations(), "the last query stops after step 6, before the limit of 8");

        double p1 = Math.sqrt(0.02);
        double q1 = Math.hypot(0.2, 8.0 / 3 - 1.8);
        double r1 = Math.hypot(1, 0.6);
        double r2 = Math.hypot(0.2, 1.9);
        assertEquals(p1, t.displacement(1, 0), EXACT);
        assertEquals(q1, t.displacement(1, 1), EXACT);
        assertEquals(r1, t.displacement(1, 2), EXACT);
        assertEquals(0, t.displacement(2, 0), 0, "P has stopped");
        assertEquals(q1 / 2, t.displacement(2, 1), EXACT);
        assertEquals(r2, t.displacement(2, 2), EXACT);
        assertEquals(q1 / 8, t.displacement(4, 1), EXACT);
        assertEquals(0, t.displacement(5, 1), 0, "Q has stopped");
        assertEquals(r2 / 16, t.displacement(6, 2), EXACT);
        assertEquals((p1 + q1 + r1) / 3, t.meanDisplacement(1), EXACT, "mean over the three moving queries");
        assertEquals((q1 / 2 + r2) / 2, t.meanDisplacement(2), EXACT, "mean over the two still moving");
        assertEquals(r2 / 16, t.meanDisplacement(6), EXACT, "mean over R alone");
        assertEquals(Math.max(q1, r1), t.maxDisplacement(1), EXACT);
    }

    /** The reference rows do not move, and a query's path does not depend on the other queries. */
    @Test
    void aQueryShiftedAloneTakesTheSamePath() {
        double[][] reference = {{0, 0}, {2, 0}, {0, 4}};
        double[] weights = {1, 3, 2};
        ShiftTrace alone = MeanShift.toward(new double[][] {{0.2, 1.8}}, reference, weights,
                options(2, 0.5, 8, 0.2), knn);
        assertArrayEquals(new double[] {0.0125, 2.6125}, alone.position(0), EXACT);
        assertEquals(4, alone.iterations());
        assertArrayEquals(new double[][] {{0, 0}, {2, 0}, {0, 4}}, reference, "reference rows unchanged");
    }

    /**
     * The corners (0,0), (2,0), (0,2), (2,2) with weights 1, 1, 1, 3 and k = 4: every point's
     * neighbourhood is all four, so each moves towards m = (0·1 + 2·1 + 0·1 + 2·3, same)/6 = (4/3, 4/3),
     * which the contraction keeps fixed. With η = ½ the displacements halve each step: the mean
     * Δ₁ = (‖m‖ + 2‖m − (2,0)‖ + ‖m − (2,2)‖)/4 = (4√2/3 + 2√20/3 + 2√2/3)/4 = 1.452, then
     * 0.726, 0.363, 0.182. With tolerance 0.3 the run stops after step 4 (of at most 8), its update
     * kept: every point ends at m + (p − m)/16.
     */
    @Test
    void blurringStopsAfterTheFirstStepWhoseMeanDisplacementIsBelowTheTolerance() {
        double[][] corners = {{0, 0}, {2, 0}, {0, 2}, {2, 2}};
        double[] weights = {1, 1, 1, 3};
        ShiftTrace t = MeanShift.blurring(corners, weights, options(4, 0.5, 8, 0.3), knn, null);
        assertEquals(4, t.iterations(), "stopped early: the 4th mean displacement 0.182 < 0.3");
        double m = 4.0 / 3;
        for (int i = 0; i < corners.length; i++) {
            double[] expected = {m + (corners[i][0] - m) / 16, m + (corners[i][1] - m) / 16};
            assertArrayEquals(expected, t.position(i), EXACT, "corner " + i);
        }
        double first = (4 * Math.sqrt(2) / 3 + 2 * Math.sqrt(20) / 3 + 2 * Math.sqrt(2) / 3) / 4;
        for (int step = 1; step <= 4; step++) {
            assertEquals(first / Math.pow(2, step - 1), t.meanDisplacement(step), EXACT, "mean Δ at step " + step);
        }
        assertEquals(4 * Math.sqrt(2) / 3 / 8, t.maxDisplacement(4), EXACT, "corner (0,0) is farthest from m");
    }

    /** A tolerance of 0 never stops early: all steps run, and the contraction goes on. */
    @Test
    void blurringRunsEveryStepWhenNothingFallsBelowTheTolerance() {
        double[][] corners = {{0, 0}, {2, 0}, {0, 2}, {2, 2}};
        ShiftTrace t = MeanShift.blurring(corners, new double[] {1, 1, 1, 3}, options(4, 0.5, 6, 0), knn, null);
        assertEquals(6, t.iterations());
        assertArrayEquals(new double[] {4.0 / 3 - 4.0 / 3 / 64, 4.0 / 3 - 4.0 / 3 / 64}, t.position(0), EXACT);
    }
}
