package org.msde4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    private static final double[] SCORES = {0.1, 0.5, 0.3, 0.9, 0.2, 0.8, 0.4};
    private static final int[] LABELS = {0, 0, 0, 1, 0, 1, 1};

    /** Each replicate keeps 4 normals and 3 anomalies, drawn from their own class only. */
    @Test
    void resamplesEachClassWithinItselfKeepingTheCounts() {
        double[] anomalies = Bootstrap.replicates(SCORES, LABELS, (s, l) -> Arrays.stream(l).sum(), 200, new Random(1));
        assertTrue(Arrays.stream(anomalies).allMatch(a -> a == 3), Arrays.toString(anomalies));
        double[] lowestAnomaly = Bootstrap.replicates(SCORES, LABELS, (s, l) -> {
            double min = 1;
            for (int i = 0; i < l.length; i++) {
                min = l[i] == 1 ? Math.min(min, s[i]) : min;
            }
            return min;
        }, 200, new Random(2));
        assertTrue(Arrays.stream(lowestAnomaly).allMatch(v -> v >= 0.4), "anomalies are drawn from the anomalies");
        assertTrue(Arrays.stream(lowestAnomaly).anyMatch(v -> v > 0.4), "with replacement: 0.4 is sometimes not drawn");
    }

    /** Perfectly separated classes: every replicate has AUROC 1, so the interval is [1, 1]. */
    @Test
    void separatedClassesGiveAPointInterval() {
        double[] scores = {0.1, 0.2, 0.3, 0.4, 0.6, 0.7};
        int[] labels = {0, 0, 0, 0, 1, 1};
        Interval i = Bootstrap.percentile(scores, labels, Metrics::auroc, 300, 0.9, 5);
        assertEquals(new Interval(1, 1, 1, 0.9), i);
    }

    @Test
    void theIntervalIsReproducibleAndThe95PercentDefaultHasAThousandReplicates() {
        Interval a = Bootstrap.percentile95(SCORES, LABELS, Metrics::auroc, 11);
        assertEquals(Bootstrap.percentile(SCORES, LABELS, Metrics::auroc, 1000, 0.95, 11), a);
        assertEquals(11.0 / 12, a.estimate(), 1e-15, "0.4 is below the normal 0.5 only");
        assertTrue(a.lower() < a.estimate() && a.upper() == 1, a.toString());
        Interval narrow = Bootstrap.percentile(SCORES, LABELS, Metrics::auroc, 1000, 0.5, 11);
        assertTrue(narrow.lower() >= a.lower() && narrow.upper() <= a.upper(), narrow + " within " + a);
    }

    @Test
    void badSettingsAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Bootstrap.percentile(SCORES, LABELS, Metrics::auroc, 0,
                0.95, 1)).getMessage().contains("replicates must be ≥ 1, got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Bootstrap.percentile(SCORES, LABELS, Metrics::auroc, 10,
                1, 1)).getMessage().contains("confidence level must be in (0, 1), got 1"));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.percentile(SCORES, LABELS, Metrics::auroc, 10, 0, 1));
    }
}
