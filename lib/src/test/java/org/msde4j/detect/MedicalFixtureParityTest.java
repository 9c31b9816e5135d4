package org.msde4j.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.msde4j.eval.Metrics;
import org.msde4j.msde.WeightRule;
import org.msde4j.testing.Fixtures;
import org.msde4j.testing.Fixtures.Csv;

/**
 * The whole detector against the authors' medical pipeline (fixture case B): standardiser, PCA,
 * Gaussian, transductive scores, AUROC and AP, for both weight rules, and the no-MSDE baseline.
 */
class MedicalFixtureParityTest {

    private static double[][] matrix(String file, String prefix) {
        return Csv.read(Fixtures.reference("medical-small/" + file)).matrix(prefix);
    }

    private static int[] labels() {
        Csv c = Csv.read(Fixtures.reference("medical-small/test_labels.csv"));
        int[] l = new int[c.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = c.integer(i, "label");
        }
        return l;
    }

    private static JsonNode manifest() throws IOException {
        return new ObjectMapper().readTree(Fixtures.reference("manifest.json").toFile())
                .get("results").get("medical-small");
    }

    static void assertAllRelative(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]) / Math.max(Math.abs(expected[i]), 1e-300));
        }
        assertTrue(worst <= tol, what + ": max relative diff " + worst);
    }

    @ParameterizedTest
    @EnumSource(WeightRule.class)
    void transductiveScoresMatchTheAuthors(WeightRule rule) throws IOException {
        String v = rule == WeightRule.REFERENCE ? "reference" : "count";
        DetectorOptions options = DetectorOptions.reference()
                .withMsde(DetectorOptions.reference().msde().withWeightRule(rule));
        MsdeModel model = MsdeDetector.fit(matrix("train_raw.csv", "x"), options);

        Csv scaler = Csv.read(Fixtures.reference("medical-small/scaler.csv"));
        assertAllRelative(scaler.numbers("mean"), model.standardizer().mean(), 1e-12, "scaler mean");
        assertAllRelative(scaler.numbers("scale"), model.standardizer().scale(), 1e-12, "scaler scale");

        Csv pcaMean = Csv.read(Fixtures.reference("medical-small/" + v + "/pca_mean.csv"));
        double[] mean = model.pca().mean();
        for (int i = 0; i < mean.length; i++) {
            assertEquals(pcaMean.number(i, "mean"), mean[i], 1e-6, "pca mean " + i);
        }
        Csv spectrum = Csv.read(Fixtures.reference("medical-small/" + v + "/pca_explained_variance.csv"));
        assertAllRelative(spectrum.numbers("explained_variance"), model.pca().explainedVariance(), 1e-6,
                v + " explained variance");

        double[][] expectedInverse = matrix(v + "/gde_cov_inv.csv", "c");
        double[][] precision = model.gaussian().precision();
        double[] spectrumValues = model.pca().explainedVariance();
        for (int i = 0; i < precision.length; i++) {
            // The precision is diagonal up to round-off; compare its diagonal relatively and its
            // off-diagonal entries against the scale of the diagonal.
            assertEquals(expectedInverse[i][i], precision[i][i], 1e-6 * expectedInverse[i][i], v + " precision diag " + i);
            for (int j = 0; j < precision.length; j++) {
                if (i != j) {
                    assertEquals(expectedInverse[i][j], precision[i][j], 1e-9 / spectrumValues[precision.length - 1],
                            v + " precision " + i + "," + j);
                }
            }
        }

        ScoreResult result = model.scoreTransductive(matrix("test_raw.csv", "x"));
        Csv expected = Csv.read(Fixtures.reference("medical-small/" + v + "/scores_test.csv"));
        assertAllRelative(expected.numbers("mahalanobis"), result.scores(), 1e-6, v + " Mahalanobis scores");

        JsonNode run = manifest().get("runs").get(v);
        int[] labels = labels();
        assertEquals(run.get("auroc").asDouble(), Metrics.auroc(result.scores(), labels), 1e-9, v + " AUROC");
        assertEquals(run.get("ap").asDouble(), Metrics.averagePrecision(result.scores(), labels), 1e-9, v + " AP");

        double[] inductive = model.score(matrix("test_raw.csv", "x"));
        System.out.printf("medical-small %s: transductive AUROC %.4f AP %.4f | inductive AUROC %.4f AP %.4f%n", v,
                Metrics.auroc(result.scores(), labels), Metrics.averagePrecision(result.scores(), labels),
                Metrics.auroc(inductive, labels), Metrics.averagePrecision(inductive, labels));
    }

    @Test
    void gaussianBaselineMatchesTheNoMsdeRun() throws IOException {
        GdeBaseline gde = GdeBaseline.fit(matrix("train_raw.csv", "x"), DetectorOptions.reference());
        double[] scores = gde.score(matrix("test_raw.csv", "x"));
        Csv expected = Csv.read(Fixtures.reference("medical-small/no-msde/scores_test.csv"));
        assertAllRelative(expected.numbers("mahalanobis"), scores, 1e-6, "no-MSDE Mahalanobis scores");
        JsonNode noMsde = manifest().get("no_msde");
        assertEquals(noMsde.get("auroc").asDouble(), Metrics.auroc(scores, labels()), 1e-9);
        assertEquals(noMsde.get("ap").asDouble(), Metrics.averagePrecision(scores, labels()), 1e-9);
        double[] knn = KnnDistanceBaseline.fit(matrix("train_raw.csv", "x"), 5).score(matrix("test_raw.csv", "x"));
        System.out.printf("medical-small baselines: GDE AUROC %.4f AP %.4f | kNN AUROC %.4f AP %.4f%n",
                Metrics.auroc(scores, labels()), Metrics.averagePrecision(scores, labels()),
                Metrics.auroc(knn, labels()), Metrics.averagePrecision(knn, labels()));
        assertArrayEquals(expected.numbers("label"), Arrays.stream(labels()).asDoubleStream().toArray());
    }
}
