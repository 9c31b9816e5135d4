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
        assertEquals(ScoringMode.TRANSDUCTIVE, r.mode());
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
        // h = round(200 · 2 / 202) = 2: ⌊200 / 2⌋ = 100 fits; at least ⌊200 / 20⌋ + 1 = 11 rows keep them to 20.
        assertTrue(small.getMessage().contains("would take 100 fits. Score batches of at least 11 images, or inductively"),
                small.getMessage());
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

    /**
     * The edges of the batch sizes that get a threshold, on 40 rows of 20 features (k = 15: fold
     * models need 16 rows; p = 20 components, of which fold models must keep 0.8 · 20 = 16). A batch
     * of b is matched by held-out batches of h = round(40b / (40 + b)) rows and fold models of 40 − h.
     */
    @Test
    void aBatchIsMatchedWhileItsFoldModelsKeepEnoughRowsAndComponents() {
        MsdeModel wide = MsdeDetector.fit(Synthetic.normals(40, 20, 0, 34), OPTIONS.withThresholdFolds(0));
        assertEquals(20, wide.summary().pcaComponents());
        // b = 67: h = round(25.05) = 25, fold models of 15 < 16 rows.
        String rows = assertThrows(IllegalArgumentException.class, () -> wide.transductiveThreshold(67)).getMessage();
        assertTrue(rows.contains("fold models of 15 training images, fewer than the 16 MSDE needs"), rows);
        // b = 60: h = 24, 16 rows (enough), but at most 16 − 1 = 15 components < 16.
        String components = assertThrows(IllegalArgumentException.class, () -> wide.transductiveThreshold(60)).getMessage();
        assertTrue(components.contains("fold models of the 16 images that match such a batch keep only 15"), components);
        // b = 54: h = round(22.98) = 23, 17 rows, 16 components: exactly the share needed; one fit.
        assertTrue(Double.isFinite(wide.transductiveThreshold(54)));

        // 20 rows of 4 features, b = 1: h = round(20/21) = 1, ⌊20 / 1⌋ = 20 fits, the most allowed.
        MsdeModel few = MsdeDetector.fit(Synthetic.normals(20, 4, 0, 35), OPTIONS.withThresholdFolds(0));
        assertTrue(Double.isFinite(few.transductiveThreshold(1)));
        String none = assertThrows(IllegalArgumentException.class, () -> few.transductiveThreshold(0)).getMessage();
        assertTrue(none.contains("batch size must be ≥ 1, got 0"), none);
    }

    /** The description names the threshold (here the 0.95-quantile of 0, 1, …, 20: 19), q in per cent and its source. */
    @Test
    void theDescriptionSaysWhereTheThresholdComesFrom() {
        double[] scores = new double[21];
        Arrays.setAll(scores, i -> i);
        assertEquals("decision threshold 19.0000 (inductive scores): the 95 % quantile of out-of-fold scores of the "
                + "training images (5-fold cross-fitting); transductive scores get one cross-fitted for their batch size",
                new Thresholds(0.95, 5, new int[21], scores).describe());
        // q = 0.975: h = 19.5, halfway between 19 and 20.
        assertEquals("decision threshold 19.5000 (inductive scores): the 97.5 % quantile of the training images' own "
                + "scores (in-sample)", Thresholds.inSample(0.975, scores).describe());
    }

    @Test
    void aScoreEqualToTheThresholdIsNotFlagged() {
        ScoreResult r = new ScoreResult(new double[] {1, 2, 3}, ScoringMode.INDUCTIVE, () -> 2.0);
        assertArrayEquals(new boolean[] {false, false, true}, r.anomalous());
        assertEquals(ScoringMode.INDUCTIVE, r.mode());
    }

    private static double flagged(double[] scores, double threshold) {
        int n = 0;
        for (double s : scores) {
            n += s > threshold ? 1 : 0;
        }
        return (double) n / scores.length;
    }
}
