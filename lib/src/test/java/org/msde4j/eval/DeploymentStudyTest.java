package org.msde4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.detect.MsdeDetector;
import org.msde4j.detect.MsdeModel;
import org.msde4j.detect.ScoringMode;
import org.msde4j.math.Matrices;
import org.msde4j.msde.MsdeOptions;
import org.msde4j.testing.Synthetic;

class DeploymentStudyTest {

    private static double[][] train;
    private static double[][] test;
    private static int[] labels;
    private static Evaluation.Settings settings;

    @BeforeAll
    static void data() {
        train = Synthetic.normals(150, 8, 0, 1);
        test = Matrices.stack(Synthetic.normals(60, 8, 0, 2), Synthetic.normals(40, 8, 1.0, 3));
        labels = new int[100];
        Arrays.fill(labels, 60, 100, 1);
        settings = Evaluation.Settings.defaults().withDetector(DetectorOptions.defaults()
                .withMsde(MsdeOptions.defaults().withK(12).withTau(20)));
    }

    @Test
    void prevalenceSamplingHitsTheFractionAndIsReproducible() {
        int[] big = new int[1000];
        Arrays.fill(big, 900, 1000, 1);
        for (double p : new double[] {0.01, 0.05, 0.1, 0.5}) {
            int[] idx = DeploymentStudy.sampleAtPrevalence(big, p, new Random(3));
            long anomalies = Arrays.stream(idx).filter(i -> big[i] == 1).count();
            assertEquals(p, anomalies / (double) idx.length, 1.0 / idx.length, "prevalence " + p);
            assertArrayEquals(idx, DeploymentStudy.sampleAtPrevalence(big, p, new Random(3)), "same seed, same subset");
        }
        int[] a = DeploymentStudy.sampleAtPrevalence(big, 0.05, new Random(3));
        int[] b = DeploymentStudy.sampleAtPrevalence(big, 0.05, new Random(4));
        assertFalse(Arrays.equals(a, b), "another seed draws other anomalies");
        // Not enough anomalies for p = 0.5 among 900 normals: all 100 are kept, normals are drawn.
        int[] half = DeploymentStudy.sampleAtPrevalence(big, 0.5, new Random(3));
        assertEquals(200, half.length);
    }

    @Test
    void oneBatchAsLargeAsTheTestSetIsTheTransductiveScore() {
        MsdeModel model = MsdeDetector.fit(train, settings.detector());
        assertArrayEquals(model.score(test, ScoringMode.TRANSDUCTIVE).scores(), model.scoreInBatches(test, 100, 7), 0);
        assertArrayEquals(model.score(test, ScoringMode.TRANSDUCTIVE).scores(), model.scoreInBatches(test, 500, 7), 0);
        assertFalse(Arrays.equals(model.scoreInBatches(test, 10, 7), model.scoreInBatches(test, 100, 7)));
    }

    @Test
    void onlyTransductiveMsdeDependsOnTheBatchSize() {
        List<DeploymentStudy.Row> rows = DeploymentStudy.batchSize("toy", train, test, labels, new int[] {20, 50, 100},
                2, settings);
        assertEquals(12, rows.size());
        for (Method m : EnumSet.of(Method.MSDE_INDUCTIVE, Method.GDE, Method.KNN)) {
            double[] aurocs = rows.stream().filter(r -> r.method() == m).mapToDouble(r -> r.auroc().estimate()).toArray();
            assertEquals(3, aurocs.length);
            assertTrue(aurocs[0] == aurocs[1] && aurocs[1] == aurocs[2], m + " " + Arrays.toString(aurocs));
        }
        double[] transductive = rows.stream().filter(r -> r.method() == Method.MSDE_TRANSDUCTIVE)
                .mapToDouble(r -> r.auroc().estimate()).toArray();
        assertFalse(transductive[0] == transductive[2], Arrays.toString(transductive));
        for (DeploymentStudy.Row r : rows) {
            assertTrue(r.auroc().lower() <= r.auroc().upper(), r.toString());
        }
    }

    @Test
    void prevalenceStudyReportsEverySettingAndMethod() {
        List<DeploymentStudy.Row> rows = DeploymentStudy.prevalence("toy", train, test, labels, new double[] {0.05, 0.4},
                3, settings);
        assertEquals(8, rows.size());
        DeploymentStudy.Row rare = rows.stream().filter(r -> r.value() == 0.05 && r.method() == Method.GDE).findFirst()
                .orElseThrow();
        assertEquals(3, rare.anomalies(), "round(0.05·60/0.95) = 3 anomalies among 60 normals");
        assertEquals(63, rare.testRows());
    }
}
