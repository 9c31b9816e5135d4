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
    void asManyRowsAsFeaturesIsTooFewAndOneMoreIsEnough() {
        double[][] square = Synthetic.normals(4, 4, 0, 10);
        assertEquals(List.of(), FitWarnings.ofData(Synthetic.normals(5, 4, 0, 10), List.of()));
        List<String> w = FitWarnings.ofData(square, List.of());
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("only 4 training rows for 4 features (n ≤ d): the Gaussian is fitted in at most "
                + "n − 1 = 3 directions"), w.get(0));
    }

    @Test
    void upToTenConstantColumnsAreListedAndMoreAreCounted() {
        double[][] rows = Synthetic.normals(30, 12, 0, 11);
        List<Integer> ten = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        List<Integer> eleven = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertTrue(FitWarnings.ofData(rows, ten).get(0).startsWith("10 feature column(s) are constant in the training "
                + "data [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]; "));
        assertTrue(FitWarnings.ofData(rows, eleven).get(0).startsWith("11 feature column(s) are constant in the "
                + "training data [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] and 1 more; "));
    }

    /**
     * Rows are duplicates by value, not by hash code: 0.0 and the double with bits 0x3FF000003FF00000
     * (≈ 1.0000002) both hash to 0 (the two halves of the bits cancel in {@link Double#hashCode}).
     */
    @Test
    void rowsWhoseHashCodesCollideAreNotDuplicates() {
        double collides = Double.longBitsToDouble(0x3FF000003FF00000L);
        assertEquals(Double.hashCode(0.0), Double.hashCode(collides));
        double[][] rows = {{0.0}, {collides}, {2.0}};
        assertEquals(List.of(), FitWarnings.ofData(rows, List.of()));
    }

    /**
     * The generalisation warning from hand-made scores: the in-sample scores 0, 1, …, 20 put the
     * 0.95-quantile at 19 (h = 0.95 · 20 = 19, an order statistic); a held-out score counts when it
     * lies strictly above 19, and the warning comes at half of them or more.
     */
    @Test
    void heldOutScoresAboveTheInSampleQuantileWarnAtOneHalf() {
        double[] inSample = new double[21];
        Arrays.setAll(inSample, i -> i);
        int[] folds = {0, 1, 0, 1};
        List<String> half = FitWarnings.ofThresholds(new Thresholds(0.95, 2, folds, new double[] {1, 19, 25, 30}),
                inSample, 4, 2, 15);
        assertEquals(1, half.size(), "2 of 4 above 19: one half");
        assertTrue(half.get(0).startsWith("the model does not generalise to held-out normal images: 50 % of the training "
                + "images, scored by models fitted without them, score above the 19.0000 that 95 % of the training images "
                + "score below when they are part of the fit (expected about 5 %)."), half.get(0));
        assertEquals(List.of(), FitWarnings.ofThresholds(new Thresholds(0.95, 2, folds, new double[] {19, 19, 19, 30}),
                inSample, 4, 2, 15), "a score equal to 19 is not above it: 1 of 4");
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
