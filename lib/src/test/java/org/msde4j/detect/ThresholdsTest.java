package org.msde4j.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.msde4j.density.Pca;
import org.msde4j.math.Quantiles;
import org.msde4j.math.Sampling;
import org.msde4j.testing.Synthetic;

/**
 * The decision thresholds: the inductive one is the q-quantile of out-of-fold inductive scores, a
 * transductive one the q-quantile of out-of-fold transductive scores of batches matched to the batch
 * size — both recomputed here fold by fold from the public API and {@link Quantiles} — and on normal
 * rows drawn like the training rows each flags about 1 − q of them, where the in-sample quantile
 * (the training rows' own scores) is far off in both modes.
 */
class ThresholdsTest {

    private static final int N = 200;
    private static final int D = 40;
    private static final DetectorOptions OPTIONS = DetectorOptions.defaults()
            .withMsde(DetectorOptions.defaults().msde().withK(15).withTau(20));
    private static double[][] train;
    private static double[][] heldOut;
    private static MsdeModel model;

    @BeforeAll
    static void fit() {
        train = Synthetic.normals(N, D, 0, 31);
        heldOut = Synthetic.normals(1000, D, 0, 32);
        model = MsdeDetector.fit(train, OPTIONS);
    }

    /** A model fitted, as a fold model is, on the standardised training rows that {@code out} leaves in. */
    private static MsdeModel foldModel(IntPredicate out) {
        double[][] z = model.trainStandardized();
        List<double[]> rest = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            if (!out.test(i)) {
                rest.add(z[i]);
            }
        }
        double[][] rows = rest.toArray(double[][]::new);
        return MsdeDetector.fit(rows, OPTIONS.withThresholdFolds(0)
                .withPcaComponents(Math.min(model.summary().pcaComponents(), Pca.maxComponents(rows.length, D))));
    }

    private static double[][] rows(List<Integer> index) {
        double[][] z = model.trainStandardized();
        return index.stream().map(i -> z[i]).toArray(double[][]::new);
    }

    @Test
    void theInductiveThresholdIsTheQuantileOfOutOfFoldScores() {
        Thresholds t = model.thresholds();
        assertEquals(5, t.folds());
        int[] fold = t.foldOf();
        double[] expected = new double[N];
        for (int f = 0; f < 5; f++) {
            int k = f;
            List<Integer> held = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                if (fold[i] == k) {
                    held.add(i);
                }
            }
            assertEquals(N / 5, held.size(), "folds of equal size");
            double[] s = foldModel(i -> fold[i] == k).score(rows(held));
            for (int j = 0; j < held.size(); j++) {
                expected[held.get(j)] = s[j];
            }
        }
        assertArrayEquals(expected, t.inductive(), 0.0);
        assertEquals(Quantiles.of(expected, 0.95), model.threshold(), 0.0);
        assertEquals(Quantiles.of(expected, 0.99), model.thresholdAt(0.99), 0.0);
    }

    @Test
    void aTransductiveThresholdIsCrossFittedForTheBatchSize() {
        int batch = 50;
        int h = (int) Math.round((double) N * batch / (N + batch));
        assertEquals(40, h, "40 rows shifted with 160 match 50 shifted with 200");
        int[] order = Sampling.permutation(N, OPTIONS.msde().seed());
        List<Double> scores = new ArrayList<>();
        for (int start = 0; start + h <= N; start += h) {
            List<Integer> held = new ArrayList<>();
            for (int j = start; j < start + h; j++) {
                held.add(order[j]);
            }
            for (double s : foldModel(held::contains).scoreTransductive(rows(held)).scores()) {
                scores.add(s);
            }
        }
        double expected = Quantiles.of(scores.stream().mapToDouble(Double::doubleValue).toArray(), 0.95);
        assertEquals(expected, model.transductiveThreshold(batch), 0.0);
        ScoreResult r = model.scoreTransductive(Arrays.copyOf(heldOut, batch));
        assertEquals(expected, r.threshold(), 0.0, "a transductive result uses the threshold of its batch size");
        boolean[] flagged = r.anomalous();
        for (int i = 0; i < batch; i++) {
            assertEquals(r.scores()[i] > expected, flagged[i], "row " + i);
        }
        ScoreResult inductive = model.decide(Arrays.copyOf(heldOut, batch));
        assertEquals(model.threshold(), inductive.threshold(), 0.0, "an inductive result uses the inductive threshold");
        assertTrue(expected != model.threshold(), "the two modes' scores need their own thresholds");
    }

    @Test
    void heldOutNormalsAreFlaggedAtAboutOneMinusQInEachMode() {
        double inductive = flagged(model.score(heldOut), model.threshold());
        double small = flagged(model.scoreInBatches(heldOut, 50, 7), model.transductiveThreshold(50));
        double large = flagged(model.scoreInBatches(heldOut, 200, 7), model.transductiveThreshold(200));
        System.out.printf("held-out normals flagged: inductive %.3f, transductive in batches of 50 %.3f, of 200 %.3f%n",
                inductive, small, large);
        // 1 − q = 0.05; binomial sd over 1000 rows ≈ 0.007, a threshold estimated from 200 rows adds ≈ 0.015.
        assertEquals(0.05, inductive, 0.045, "inductive false-positive rate");
        assertEquals(0.05, small, 0.045, "transductive false-positive rate, batches of 50");
        assertEquals(0.05, large, 0.045, "transductive false-positive rate, batches of 200");

        MsdeModel inSample = MsdeDetector.fit(train, OPTIONS.withThresholdFolds(0));
        assertFalse(inSample.thresholds().outOfFold());
        assertEquals(Quantiles.of(inSample.trainScores(), 0.95), inSample.threshold(), 0.0);
        double naive = flagged(inSample.score(heldOut), inSample.threshold());
        double naiveT = flagged(inSample.scoreInBatches(heldOut, 50, 7), inSample.threshold());
        System.out.printf("with the in-sample threshold: inductive %.3f, transductive %.3f%n", naive, naiveT);
        assertTrue(Math.abs(naive - 0.05) > 0.04 && Math.abs(naiveT - 0.05) > 0.04,
                "the training rows' own scores are no guide to new rows' here (fitted on them, shifted with them)");
        assertTrue(inSample.summary().warnings().stream().anyMatch(w -> w.contains("in-sample")),
                inSample.summary().warnings().toString());
    }

    @Test
    void batchesThatCannotBeMatchedAreRefusedWithTheReason() {
        IllegalArgumentException large = assertThrows(IllegalArgumentException.class, () -> model.transductiveThreshold(5000));
        assertTrue(large.getMessage().contains("fewer than the 16 MSDE needs"), large.getMessage());
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> model.transductiveThreshold(2));
        assertTrue(small.getMessage().contains("Score batches of at least 11 images, or inductively"), small.getMessage());
        ScoreResult r = model.scoreTransductive(Arrays.copyOf(heldOut, 2));
        assertEquals(2, r.scores().length, "scores need no threshold");
        assertThrows(IllegalArgumentException.class, r::anomalous);

        // 40 rows of 100 features: 39 PCA components; a batch of 30 is matched by fold models of 23 rows,
        // which keep 22 components: their distances are not comparable.
        MsdeModel saturated = MsdeDetector.fit(Synthetic.normals(40, 100, 0, 33), OPTIONS.withMsde(OPTIONS.msde().withK(10)));
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class, () -> saturated.transductiveThreshold(30));
        assertTrue(few.getMessage().contains("uses 39 PCA components") && few.getMessage().contains("keep only 22"),
                few.getMessage());
    }

    private static double flagged(double[] scores, double threshold) {
        int n = 0;
        for (double s : scores) {
            n += s > threshold ? 1 : 0;
        }
        return (double) n / scores.length;
    }
}
