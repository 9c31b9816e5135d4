package org.msde4j.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.msde4j.knn.ExactKnn;
import org.msde4j.math.Matrices;
import org.msde4j.msde.MsdeOptions;
import org.msde4j.msde.WeightRule;
import org.msde4j.testing.Fixtures;
import org.msde4j.testing.Fixtures.Csv;
import org.msde4j.testing.MedicalCase;
import org.msde4j.testing.Oracles;
import org.msde4j.testing.Synthetic;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a fitted model holds and reports, on the authors' medical case (count rule): its training
 * rows, weights, shifted rows and training scores against the authors' files, and its fit summary
 * against the authors' mean displacements.
 */
class FittedModelTest {

    private static final DetectorOptions OPTIONS = DetectorOptions.reference()
            .withMsde(MsdeOptions.reference().withWeightRule(WeightRule.COUNT));

    private static MsdeModel model;
    /** Wall time around the fit, which the fit's own time lies within. */
    private static double secondsAround;

    @BeforeAll
    static void fit() {
        long start = System.nanoTime();
        model = MsdeDetector.fit(MedicalCase.trainRaw(), OPTIONS);
        secondsAround = (System.nanoTime() - start) / 1e9;
    }

    private static Csv count(String file) {
        return Csv.read(Fixtures.reference("medical-small/count/" + file));
    }

    @Test
    void holdsTheAuthorsRowsWeightsAndTrainingScores() {
        assertEquals(32, model.dimension());
        assertEquals(OPTIONS, model.options());
        double[][] standardized = MedicalCase.matrix("train_std.csv", "x");
        double[][] ours = model.trainStandardized();
        for (int i = 0; i < ours.length; i += 37) {
            assertArrayEquals(standardized[i], ours[i], 1e-12, "standardised row " + i);
        }
        assertArrayEquals(count("weights_train.csv").numbers("weight"), model.weights(), 0, "weights");
        double[][] shifted = MedicalCase.matrix("count/shifted_train.csv", "y");
        double[][] ourShifted = model.trainShifted();
        for (int i = 0; i < ourShifted.length; i += 37) {
            assertArrayEquals(shifted[i], ourShifted[i], 1e-6, "shifted row " + i);
        }
        double[] expected = Oracles.mahalanobis(shifted, count("pca_mean.csv").numbers("mean"),
                MedicalCase.matrix("count/pca_components.csv", "c"), count("gde_mean.csv").numbers("mean"),
                MedicalCase.matrix("count/gde_cov_inv.csv", "c"));
        MedicalFixtureParityTest.assertAllRelative(expected, model.trainScores(), 1e-6, "training scores");
    }

    @Test
    void accessorsHandOutCopies() {
        model.weights()[0] = -1;
        model.trainShifted()[0][0] = 1e9;
        model.trainStandardized()[0][0] = 1e9;
        model.trainScores()[0] = -1;
        assertTrue(model.weights()[0] > 0 && model.trainScores()[0] > 0);
        assertTrue(model.trainShifted()[0][0] < 1e9 && model.trainStandardized()[0][0] < 1e9);
        assertNotSame(model.trainShifted(), model.trainShifted());
    }

    @Test
    void theSummaryReportsTheFitAsTheAuthorsRanIt() {
        FitSummary s = model.summary();
        assertEquals(400, s.rows());
        assertEquals(32, s.dimension());
        assertEquals(32, s.pcaComponents(), "min(256, d = 32, n − 1 = 399)");
        assertEquals(8, s.iterations());
        assertEquals(List.of(), s.warnings());
        assertEquals(ExactKnn.withFastestBackend().backendName(), s.knnBackend());
        assertTrue(s.seconds() > 0 && s.seconds() <= secondsAround, s.seconds() + " s of " + secondsAround + " s");
        JsonNode authors = MedicalCase.results().get("runs").get("count").get("mean_displacement_fit");
        for (int t = 0; t < 8; t++) {
            assertEquals(authors.get(t).asDouble(), s.meanDisplacement()[t], 1e-9, "mean Δ at iteration " + (t + 1));
        }
        assertTrue(s.toString().startsWith("fitted on 400 rows × 32 features; PCA 32 components; 8 shift iterations "
                + "(mean displacement 2.097 → 1.665 → 1.351 → 1.126 → 0.963 → 0.843 → 0.745 → 0.663); kNN on "
                + s.knnBackend() + "; "), s.toString());
        FitSummary warned = new FitSummary(1, 2, 1, 0, new double[0], "nd4j", 0.5, List.of("a", "b"));
        assertTrue(warned.toString().endsWith("; 0.50 s\nwarning: a\nwarning: b"), warned.toString());
    }

    @Test
    void theScorerOfAModeIsThatModesScores() {
        double[][] test = MedicalCase.testRaw();
        double[][] some = {test[0], test[150]};
        for (ScoringMode mode : ScoringMode.values()) {
            Scorer scorer = model.scorer(mode);
            assertEquals(mode == ScoringMode.TRANSDUCTIVE ? "MSDE (transductive)" : "MSDE (inductive)", scorer.name());
            double[] expected = mode == ScoringMode.TRANSDUCTIVE ? model.scoreTransductive(some).scores() : model.score(some);
            assertArrayEquals(expected, scorer.score(some), 0, mode.toString());
        }
    }

    /**
     * A model restored from its parts scores as the fitted one and, once cross-fitted, reports each
     * warning once: the summary it is given already holds the in-sample threshold's warning that its
     * own cross-fitting finds again.
     */
    @Test
    void aModelRestoredFromItsPartsScoresAsTheFitAndRepeatsNoWarning() {
        MsdeModel small = MsdeDetector.fit(Synthetic.normals(40, 4, 0, 3), DetectorOptions.defaults()
                .withMsde(MsdeOptions.defaults().withK(10).withTau(15)).withThresholdFolds(0));
        List<String> warnings = small.summary().warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("the decision threshold is in-sample"), warnings.get(0));
        MsdeModel restored = MsdeModel.restore(small.options(), small.standardizer(), small.trainStandardized(),
                small.weights(), small.trainShifted(), small.pca(), small.gaussian(), small.trainScores(), small.summary());
        double[][] rows = Synthetic.normals(5, 4, 0.5, 4);
        assertArrayEquals(small.score(rows), restored.score(rows), 0.0);
        assertEquals(warnings, restored.summary().warnings());
    }

    @Test
    void anotherKnnEngineScoresTheSame() {
        ExactKnn engine = ExactKnn.withFastestBackend();
        MsdeModel other = model.withKnn(engine);
        assertSame(engine, other.knn());
        double[][] some = Matrices.slice(MedicalCase.testRaw(), 0, 3);
        assertArrayEquals(model.score(some), other.score(some), 0.0);
    }

    @Test
    void anNd4jMatrixFitsAndScoresAsItsRows() {
        double[][] rows = Synthetic.normals(40, 4, 0, 5);
        double[][] test = Synthetic.normals(6, 4, 2, 6);
        DetectorOptions options = DetectorOptions.defaults().withMsde(MsdeOptions.defaults().withK(10).withTau(15));
        MsdeModel model = MsdeDetector.fit(rows, options);
        assertArrayEquals(model.trainScores(), MsdeDetector.fit(Nd4j.create(rows), options).trainScores(), 0.0);
        assertArrayEquals(model.score(test), model.score(Nd4j.create(test)), 0.0);
    }

    @Test
    void metadataIsAddedWithoutChangingTheModel() {
        MsdeModel tagged = model.withMetadata(Map.of("backbone", "x")).withMetadata(Map.of("dataset", "y"));
        assertEquals(Map.of("backbone", "x", "dataset", "y"), tagged.metadata());
        assertEquals(Map.of(), model.metadata());
        assertArrayEquals(model.trainScores(), tagged.trainScores(), 0);
        assertEquals(model.threshold(), tagged.threshold(), 0);
    }
}
