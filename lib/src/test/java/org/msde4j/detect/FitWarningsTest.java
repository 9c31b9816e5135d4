package org.msde4j.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msde4j.testing.Synthetic;

/** A fit says when its scores deserve little trust, and refuses data with nothing to learn. */
class FitWarningsTest {

    private static final DetectorOptions SMALL = DetectorOptions.defaults()
            .withMsde(DetectorOptions.defaults().msde().withK(10).withTau(15));

    private static List<String> warnings(double[][] train) {
        List<String> w = MsdeDetector.fit(train, SMALL).summary().warnings();
        System.out.println(w);
        return w;
    }

    private static boolean mentions(List<String> warnings, String text) {
        return warnings.stream().anyMatch(w -> w.contains(text));
    }

    @Test
    void identicalTrainingRowsAreRefused() {
        double[][] same = new double[30][];
        Arrays.fill(same, new double[] {1, 2, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MsdeDetector.fit(same, SMALL));
        assertTrue(e.getMessage().contains("all 30 training rows are identical"), e.getMessage());
    }

    @Test
    void cleanDataGivesNoWarnings() {
        assertEquals(List.of(), warnings(Synthetic.normals(200, 8, 0, 5)));
    }

    @Test
    void fewRowsForManyFeaturesAreReported() {
        List<String> w = warnings(Synthetic.normals(64, 1024, 0, 6));
        assertTrue(mentions(w, "only 64 training rows for 1024 features (n ≤ d)"), w.toString());
    }

    @Test
    void aModelThatMemorisesItsRowsIsReported() {
        // Independent noise: no structure is shared between rows, so each training row is its own
        // dense region; held out, it lands where the model has nothing.
        java.util.Random random = new java.util.Random(9);
        double[][] noise = new double[100][50];
        for (double[] row : noise) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextGaussian();
            }
        }
        List<String> w = warnings(noise);
        assertTrue(mentions(w, "does not generalise to held-out normal images"), w.toString());
    }

    @Test
    void duplicateRowsAndConstantColumnsAreReported() {
        double[][] rows = Synthetic.normals(100, 6, 0, 7);
        for (int i = 0; i < 12; i++) {
            rows[50 + i] = rows[i].clone();
        }
        for (double[] r : rows) {
            r[2] = 4.0;
        }
        List<String> w = warnings(rows);
        assertTrue(mentions(w, "12 of 100 training rows repeat an earlier row"), w.toString());
        assertTrue(mentions(w, "1 feature column(s) are constant in the training data [2]"), w.toString());
    }

    @Test
    void tooFewRowsForFoldsFallBackToAnInSampleThresholdWithAWarning() {
        MsdeModel m = MsdeDetector.fit(Synthetic.normals(15, 4, 0, 8), SMALL);
        assertEquals(0, m.thresholds().folds());
        assertTrue(mentions(m.summary().warnings(), "too few training rows (15) for an out-of-fold threshold"),
                m.summary().warnings().toString());
        assertEquals(16, MsdeDetector.fit(Synthetic.normals(16, 4, 0, 8), SMALL).thresholds().folds(),
                "leave-one-out: each fold model keeps the 15 rows that density weights need");
        assertEquals(6, MsdeDetector.fit(Synthetic.normals(18, 4, 0, 8), SMALL).thresholds().folds(),
                "the fewest folds from 5 up whose fold models keep 15 of the 18 rows");
    }
}
