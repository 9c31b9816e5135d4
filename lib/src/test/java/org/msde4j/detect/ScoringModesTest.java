package org.msde4j.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.msde4j.math.Matrices;
import org.msde4j.testing.Synthetic;

class ScoringModesTest {

    private static MsdeModel model;
    private static double[][] test;

    @BeforeAll
    static void fit() {
        model = MsdeDetector.fit(Synthetic.normals(300, 12, 0, 1), DetectorOptions.defaults().withMsde(
                DetectorOptions.defaults().msde().withK(20).withTau(30)));
        test = Matrices.stack(Synthetic.normals(20, 12, 0, 2), Synthetic.normals(10, 12, 1.5, 3));
    }

    @Test
    void inductiveScoreOfARowDoesNotDependOnTheOtherRows() {
        double[] together = model.score(test, ScoringMode.INDUCTIVE).scores();
        for (int i = 0; i < test.length; i++) {
            double alone = model.score(new double[][] {test[i]}, ScoringMode.INDUCTIVE).scores()[0];
            assertEquals(together[i], alone, 0.0, "row " + i + " scored alone");
        }
        double[] reversed = model.score(new double[][] {test[5], test[3]}, ScoringMode.INDUCTIVE).scores();
        assertArrayEquals(new double[] {together[5], together[3]}, reversed, 0.0);
    }

    @Test
    void transductiveScoresDependOnTheBatch() {
        double[] together = model.score(test, ScoringMode.TRANSDUCTIVE).scores();
        double[] firstHalf = model.score(Matrices.slice(test, 0, 15), ScoringMode.TRANSDUCTIVE).scores();
        boolean differs = false;
        for (int i = 0; i < 15; i++) {
            differs |= together[i] != firstHalf[i];
        }
        assertTrue(differs, "transductive scores should change with the batch they are scored in");
    }

    @Test
    void sameInputsAndSeedGiveTheSameScoresBitForBit() {
        MsdeModel again = MsdeDetector.fit(Synthetic.normals(300, 12, 0, 1), model.options());
        assertArrayEquals(model.score(test, ScoringMode.TRANSDUCTIVE).scores(),
                again.score(test, ScoringMode.TRANSDUCTIVE).scores(), 0.0);
        assertArrayEquals(model.weights(), again.weights(), 0.0);
        MsdeModel otherSeed = MsdeDetector.fit(Synthetic.normals(300, 12, 0, 1),
                model.options().withMsde(model.options().msde().withSeed(7)));
        assertNotEquals(java.util.Arrays.toString(model.weights()), java.util.Arrays.toString(otherSeed.weights()),
                "a different shuffle seed should batch rows differently");
    }

    @Test
    void anomaliesScoreHigherThanNormalsInBothModes() {
        for (ScoringMode mode : ScoringMode.values()) {
            double[] s = model.score(test, mode).scores();
            double normals = 0;
            double anomalies = 0;
            for (int i = 0; i < 20; i++) {
                normals += s[i] / 20;
            }
            for (int i = 20; i < 30; i++) {
                anomalies += s[i] / 10;
            }
            assertTrue(anomalies > normals, mode + ": mean anomaly score " + anomalies + " vs normal " + normals);
        }
    }
}
