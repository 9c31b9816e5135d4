package org.msde4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hand-computed oracle cases (scikit-learn semantics), tied and untied. */
class MetricsTest {

    @Test
    void untiedScores() {
        // Sorted by score: 0.8 (1), 0.4 (0), 0.35 (1), 0.1 (0).
        // AUROC: positive 0.8 beats both negatives, 0.35 beats one: 3 of 4 pairs.
        // AP: recall steps 0 → ½ at precision 1, then ½ → 1 at precision ⅔: ½ + ⅓.
        double[] s = {0.1, 0.4, 0.35, 0.8};
        int[] y = {0, 0, 1, 1};
        assertEquals(0.75, Metrics.auroc(s, y), 1e-15);
        assertEquals(0.5 + 1.0 / 3, Metrics.averagePrecision(s, y), 1e-15);
    }

    @Test
    void tiedScoresCountHalfAndEnterTogether() {
        // Positives 0.9 and 0.5; negatives 0.5, 0.5, 0.2.
        // AUROC pairs: 0.9 beats 3; 0.5 ties two (½ each) and beats 0.2: (3 + 1 + 1) / 6.
        // AP thresholds: 0.9 → (R ½, P 1); 0.5 → (R 1, P 2/4); 0.2 → (R 1, P 2/5): ½·1 + ½·½.
        double[] s = {0.5, 0.5, 0.5, 0.2, 0.9};
        int[] y = {1, 0, 0, 0, 1};
        assertEquals(5.0 / 6, Metrics.auroc(s, y), 1e-15);
        assertEquals(0.75, Metrics.averagePrecision(s, y), 1e-15);

        Curve roc = Metrics.roc(s, y);
        assertArrayEquals(new double[] {0, 0, 2.0 / 3, 1}, roc.x(), 1e-15);
        assertArrayEquals(new double[] {0, 0.5, 1, 1}, roc.y(), 1e-15);
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 0.9, 0.5, 0.2}, roc.thresholds());

        Curve pr = Metrics.precisionRecall(s, y);
        assertArrayEquals(new double[] {0, 0.5, 1, 1}, pr.x(), 1e-15);
        assertArrayEquals(new double[] {1, 1, 0.5, 0.4}, pr.y(), 1e-15);
    }

    @Test
    void allScoresTied() {
        double[] s = {1, 1, 1, 1};
        int[] y = {0, 1, 0, 1};
        assertEquals(0.5, Metrics.auroc(s, y), 1e-15);
        assertEquals(0.5, Metrics.averagePrecision(s, y), 1e-15);
    }

    @Test
    void perfectAndReversedRankings() {
        double[] s = {1, 2, 3, 4, 5};
        assertEquals(1.0, Metrics.auroc(s, new int[] {0, 0, 0, 1, 1}), 0);
        assertEquals(1.0, Metrics.averagePrecision(s, new int[] {0, 0, 0, 1, 1}), 0);
        assertEquals(0.0, Metrics.auroc(s, new int[] {1, 1, 0, 0, 0}), 0);
        // Reversed: positives last in rank; AP = ½·(1/4) + ½·(2/5).
        assertEquals(0.5 * 0.25 + 0.5 * 0.4, Metrics.averagePrecision(s, new int[] {1, 1, 0, 0, 0}), 1e-15);
    }

    @Test
    void rejectsBadLabelsAndSingleClass() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.auroc(new double[] {1, 2}, new int[] {0, 2}));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.auroc(new double[] {1, 2}, new int[] {0, 0}));
        assertTrue(e.getMessage().contains("both normal (0) and anomalous (1)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.averagePrecision(new double[] {1, Double.NaN}, new int[] {0, 1}));
        assertTrue(e.getMessage().contains("score at row 1"), e.getMessage());
    }

    @Test
    void bootstrapIsReproducibleAndBracketsTheEstimate() {
        Random rnd = new Random(3);
        int n = 300;
        double[] s = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3 == 0 ? 1 : 0;
            s[i] = rnd.nextGaussian() + y[i];
        }
        Interval a = Bootstrap.percentile95(s, y, Metrics::auroc, 7);
        Interval b = Bootstrap.percentile95(s, y, Metrics::auroc, 7);
        Interval c = Bootstrap.percentile95(s, y, Metrics::auroc, 8);
        assertEquals(a, b);
        assertNotEquals(a.lower(), c.lower());
        assertEquals(Metrics.auroc(s, y), a.estimate(), 0);
        assertTrue(a.lower() < a.estimate() && a.estimate() < a.upper(), a.toString());
        // With about 100 positives and 200 negatives the AUROC's standard error is about 0.03.
        assertTrue(a.upper() - a.lower() > 0.05 && a.upper() - a.lower() < 0.2, a.toString());
    }

    /**
     * A paired difference: b is a with one anomaly (score 0.35) moved below every normal. Of the
     * 3 × 3 pairs it loses the two it won (against 0.1 and 0.3), so AUROC(a) − AUROC(b) = 2/9; every
     * resample keeps the difference between 0 and the largest it can take, and equal scores give 0.
     */
    @Test
    void pairedBootstrapDifferenceOfTwoMethodsOnTheSameImages() {
        int[] labels = {0, 0, 0, 1, 1, 1};
        double[] a = {0.1, 0.3, 0.5, 0.35, 0.8, 0.9};
        double[] b = {0.1, 0.3, 0.5, 0.05, 0.8, 0.9};
        Interval d = Bootstrap.pairedDifference(a, b, labels, Metrics::auroc, 500, 0.95, 1);
        assertEquals(2.0 / 9, d.estimate(), 1e-12);
        assertTrue(d.lower() >= 0 && d.upper() <= 1 && d.lower() <= d.estimate() && d.estimate() <= d.upper(), d.toString());
        Interval same = Bootstrap.pairedDifference(a, a, labels, Metrics::auroc, 200, 0.95, 1);
        assertEquals(0, same.lower(), 0);
        assertEquals(0, same.upper(), 0);
    }
}
