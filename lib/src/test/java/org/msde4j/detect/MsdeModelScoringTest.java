package org.msde4j.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.msde4j.math.Matrices;
import org.msde4j.msde.MsdeOptions;
import org.msde4j.testing.MedicalCase;
import org.msde4j.testing.Oracles;

/**
 * The scoring calls of {@link MsdeModel}, one meaning each, on the authors' medical case (their
 * settings, the reference weight rule): the inductive calls against an independent brute-force
 * shift towards the authors' fit ({@link MedicalCase#inductiveScores}), the transductive ones and
 * their diagnostics against the authors' own union run.
 */
class MsdeModelScoringTest {

    private static MsdeModel model;
    private static double[][] test;
    private static double[] authorsInductive;

    @BeforeAll
    static void fit() {
        model = MsdeDetector.fit(MedicalCase.trainRaw(), DetectorOptions.reference().withMsde(MsdeOptions.reference()));
        test = MedicalCase.testRaw();
        authorsInductive = MedicalCase.inductiveScores("reference");
    }

    @Test
    void oneRowGetsTheInductiveScoreOfTheAuthorsFit() {
        for (int i : new int[] {0, 7, 150, test.length - 1}) {
            double one = model.score(test[i]);
            assertEquals(authorsInductive[i], one, 1e-6 * authorsInductive[i], "row " + i);
            assertEquals(model.score(new double[][] {test[i]})[0], one, 0.0, "row " + i + " as a one-row matrix");
        }
    }

    @Test
    void aRowsInductiveScoreDoesNotChangeWhenOtherRowsAreAdded() {
        double[][] few = Matrices.slice(test, 0, 5);
        double[] alone = model.score(few);
        MedicalFixtureParityTest.assertAllRelative(Arrays.copyOf(authorsInductive, 5), alone, 1e-6, "five rows");
        double[] withOthers = model.score(Matrices.stack(Matrices.slice(test, 100, test.length), few));
        assertArrayEquals(alone, Arrays.copyOfRange(withOthers, withOthers.length - 5, withOthers.length), 0.0);
    }

    @Test
    void inductiveDiagnosticsHoldTheScoresAndAnIndependentlyComputedShift() {
        ShiftDiagnostics d = model.diagnose(test);
        assertEquals(0, d.firstTestRow());
        assertArrayEquals(model.score(test), d.scores(), 0.0);
        double[][] expected = Oracles.inductiveShift(model.standardizer().transform(test), model.trainShifted(),
                model.weights(), MedicalCase.K, MedicalCase.ETA, MedicalCase.TOLERANCE, MedicalCase.MAX_ITERATIONS);
        assertTrue(maxDifference(expected, d.positions()) <= 1e-9, "max |position diff| "
                + maxDifference(expected, d.positions()));
    }

    @Test
    void transductiveDiagnosticsHoldTheAuthorsUnionRun() {
        ShiftDiagnostics d = model.diagnoseTransductive(test);
        assertEquals(MedicalCase.trainRaw().length, d.firstTestRow(), "the batch follows the training rows");
        double[][] authors = MedicalCase.matrix("reference/shifted_test.csv", "y");
        assertTrue(maxDifference(authors, d.positions()) <= 1e-6, "max |position diff| "
                + maxDifference(authors, d.positions()));
        assertArrayEquals(model.scoreTransductive(test).scores(), d.scores(), 0.0);
        assertEquals(MedicalCase.transductiveAuroc("reference"), Oracles.auroc(d.scores(), MedicalCase.labels()), 1e-9);
    }

    @Test
    void aMissingOrMisshapenRowIsNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.score((double[]) null)).getMessage()
                .contains("null"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.score(new double[] {1, 2})).getMessage()
                .contains("2 columns"));
    }

    private static double maxDifference(double[][] a, double[][] b) {
        assertEquals(a.length, b.length, "rows");
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < a[i].length; c++) {
                worst = Math.max(worst, Math.abs(a[i][c] - b[i][c]));
            }
        }
        return worst;
    }
}
