package org.msde4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        assertArrayEquals(model.scoreTransductive(test).scores(), model.scoreInBatches(test, 100, 7), 0);
        assertArrayEquals(model.scoreTransductive(test).scores(), model.scoreInBatches(test, 500, 7), 0);
        assertFalse(Arrays.equals(model.scoreInBatches(test, 10, 7), model.scoreInBatches(test, 100, 7)));
    }

    @Test
    void theStudyRowOfOneBatchAsLargeAsTheTestSetIsTheTransductiveResult() {
        List<DeploymentStudy.Row> rows = DeploymentStudy.run("toy", train, test, labels,
                new DeploymentStudy.Plan(new double[0], new int[] {100, 1000}, 3), settings, line -> { });
        MsdeModel model = MsdeDetector.fit(train, settings.detector());
        double whole = Metrics.auroc(model.scoreTransductive(test).scores(), labels);
        for (DeploymentStudy.Row r : rows) {
            if (r.method() == BuiltInMethod.MSDE_TRANSDUCTIVE) {
                assertEquals(whole, r.auroc().estimate(), 0.0, "batch size " + r.value());
                assertEquals(1, r.repeats(), "nothing is random when one batch holds the whole test set");
            }
        }
    }

    @Test
    void inductiveScoresDoNotDependOnTheBatchSize() {
        MsdeModel model = MsdeDetector.fit(train, settings.detector());
        double[] whole = model.score(test);
        for (int b : new int[] {1, 7, 40}) {
            double[] batched = new double[test.length];
            for (int start = 0; start < test.length; start += b) {
                double[][] batch = Matrices.slice(test, start, Math.min(test.length, start + b));
                System.arraycopy(model.score(batch), 0, batched, start, batch.length);
            }
            assertArrayEquals(whole, batched, 0.0, "batches of " + b);
        }
    }

    @Test
    void onlyTransductiveMsdeDependsOnTheBatchSize() {
        List<DeploymentStudy.Row> rows = DeploymentStudy.run("toy", train, test, labels,
                new DeploymentStudy.Plan(new double[0], new int[] {1, 20, 50}, 2), settings, line -> { });
        assertEquals(12, rows.size());
        for (BuiltInMethod m : EnumSet.of(BuiltInMethod.MSDE_INDUCTIVE, BuiltInMethod.GDE, BuiltInMethod.KNN)) {
            List<DeploymentStudy.Row> own = rows.stream().filter(r -> r.method() == m).toList();
            assertEquals(3, own.size());
            for (DeploymentStudy.Row r : own) {
                assertEquals(own.get(0).auroc(), r.auroc(), m + " at batch size " + r.value());
                assertEquals(1, r.repeats(), m + " has nothing random to repeat");
            }
        }
        List<DeploymentStudy.Row> transductive = rows.stream().filter(r -> r.method() == BuiltInMethod.MSDE_TRANSDUCTIVE).toList();
        assertEquals(List.of(1, 2, 2), transductive.stream().map(DeploymentStudy.Row::repeats).toList(),
                "batches of one image do not depend on the shuffle, so they run once");
        assertNotEquals(transductive.get(0).auroc().estimate(), transductive.get(2).auroc().estimate());
        for (DeploymentStudy.Row r : rows) {
            assertTrue(r.auroc().lower() <= r.auroc().estimate() && r.auroc().estimate() <= r.auroc().upper(), r.toString());
            assertTrue(r.ap().lower() <= r.ap().upper(), r.toString());
        }
    }

    @Test
    void prevalenceStudyReportsEverySettingAndMethod() {
        List<DeploymentStudy.Row> rows = DeploymentStudy.run("toy", train, test, labels,
                new DeploymentStudy.Plan(new double[] {0.05, 0.4}, new int[0], 3), settings, line -> { });
        assertEquals(8, rows.size());
        DeploymentStudy.Row rare = rows.stream().filter(r -> r.value() == 0.05 && r.method() == BuiltInMethod.GDE).findFirst()
                .orElseThrow();
        assertEquals(3, rare.anomalies(), "round(0.05·60/0.95) = 3 anomalies among 60 normals");
        assertEquals(63, rare.testRows());
        assertEquals(3, rare.repeats());
        DeploymentStudy.Row all = rows.stream().filter(r -> r.value() == 0.4 && r.method() == BuiltInMethod.GDE).findFirst()
                .orElseThrow();
        assertEquals(100, all.testRows(), "round(0.4·60/0.6) = 40: every anomaly, so the whole test set");
        assertEquals(1, all.repeats(), "the whole test set is not drawn, so it runs once");
    }

    /**
     * For a method that scores each image alone, AUROC averages over (normal, anomaly) pairs, so its
     * mean over prevalence subsets estimates the whole-test-set AUROC; the interval must contain it.
     */
    @Test
    void perImageMethodsKeepTheirAurocAtEveryPrevalence() {
        Evaluation.Settings gde = settings.withMethods(EnumSet.of(BuiltInMethod.GDE));
        double whole = Evaluation.run("toy", train, test, labels, gde).get(0).auroc().estimate();
        List<DeploymentStudy.Row> rows = DeploymentStudy.run("toy", train, test, labels,
                new DeploymentStudy.Plan(new double[] {0.05, 0.2}, new int[0], 30), gde, line -> { });
        for (DeploymentStudy.Row r : rows) {
            assertEquals(whole, r.auroc().estimate(), 0.03, "prevalence " + r.value());
            assertTrue(r.auroc().lower() <= whole && whole <= r.auroc().upper(), r + " vs whole set " + whole);
        }
    }

    @Test
    void gainsOverGdeArePairedDifferences() {
        double[][] hard = Matrices.stack(Synthetic.normals(60, 8, 0, 2), Synthetic.normals(40, 8, 0.35, 3));
        List<DeploymentStudy.Row> rows = DeploymentStudy.run("toy", train, hard, labels,
                new DeploymentStudy.Plan(new double[] {0.1}, new int[] {25}, 4), settings, line -> { });
        for (String setting : new String[] {DeploymentStudy.PREVALENCE, DeploymentStudy.BATCH_SIZE}) {
            List<DeploymentStudy.Row> own = rows.stream().filter(r -> r.setting().equals(setting)).toList();
            DeploymentStudy.Row gde = own.stream().filter(r -> r.method() == BuiltInMethod.GDE).findFirst().orElseThrow();
            assertEquals(new Interval(0, 0, 0, 0.95), gde.aurocGain(), "GDE against itself, " + setting);
            for (DeploymentStudy.Row r : own) {
                assertEquals(r.auroc().estimate() - gde.auroc().estimate(), r.aurocGain().estimate(), 1e-12, r.toString());
                assertTrue(r.aurocGain().lower() <= r.aurocGain().estimate()
                        && r.aurocGain().estimate() <= r.aurocGain().upper(), r.toString());
            }
            DeploymentStudy.Row inductive = own.stream().filter(r -> r.method() == BuiltInMethod.MSDE_INDUCTIVE).findFirst()
                    .orElseThrow();
            double pairedWidth = inductive.aurocGain().upper() - inductive.aurocGain().lower();
            double a = inductive.auroc().upper() - inductive.auroc().lower();
            double b = gde.auroc().upper() - gde.auroc().lower();
            assertTrue(pairedWidth < Math.hypot(a, b), "paired " + pairedWidth + " vs independent " + Math.hypot(a, b));
        }
        List<DeploymentStudy.Row> withoutGde = DeploymentStudy.run("toy", train, test, labels,
                new DeploymentStudy.Plan(new double[] {0.1}, new int[0], 2),
                settings.withMethods(EnumSet.of(BuiltInMethod.MSDE_INDUCTIVE)), line -> { });
        assertEquals(null, withoutGde.get(0).aurocGain(), "no gain without GDE");
    }

    @Test
    void badPlansNameTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DeploymentStudy.Plan(new double[] {0.5, 1},
                new int[0], 3)).getMessage().contains("option prevalence"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DeploymentStudy.Plan(new double[0],
                new int[] {0}, 3)).getMessage().contains("option batch-size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DeploymentStudy.Plan(new double[0],
                new int[] {10}, 0)).getMessage().contains("option repeats"));
    }
}
