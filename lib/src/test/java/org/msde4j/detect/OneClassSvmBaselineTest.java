package org.msde4j.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;
import org.junit.jupiter.api.Test;
import org.msde4j.eval.Evaluation;
import org.msde4j.eval.BuiltInMethod;
import org.msde4j.eval.Metrics;
import org.msde4j.eval.MethodResult;
import org.msde4j.eval.ResultsTable;
import org.msde4j.math.Matrices;
import org.msde4j.pipeline.RunSummary;
import org.msde4j.testing.Synthetic;

class OneClassSvmBaselineTest {

    /** A 2-D normal cloud around (5, −3) with unequal spreads (standardisation matters). */
    private static double[][] cloud() {
        double[][] z = Synthetic.normals(150, 2, 0, 11);
        return Arrays.stream(z).map(r -> new double[] {5 + 2 * r[0], -3 + 0.5 * r[1]}).toArray(double[][]::new);
    }

    /**
     * Scores equal −f(z) of libsvm's own one-class SVM trained directly (no Tribuo) on the rows
     * z-scored by hand with the population standard deviation: f(z) = Σ αᵢ K(xᵢ, z) − ρ, from
     * {@code svm_predict_values}, the decision function libsvm documents.
     */
    @Test
    void scoresAreMinusLibsvmsDecisionFunctionOnStandardisedRows() {
        double[][] train = cloud();
        double[][] test = {{5, -3}, {5.5, -2.8}, {9, -3}, {5, -1}, {-20, 40}};
        double[] mean = new double[2];
        double[] sd = new double[2];
        for (int c = 0; c < 2; c++) {
            int col = c;
            mean[c] = Arrays.stream(train).mapToDouble(r -> r[col]).average().orElseThrow();
            sd[c] = Math.sqrt(Arrays.stream(train).mapToDouble(r -> (r[col] - mean[col]) * (r[col] - mean[col]))
                    .average().orElseThrow());
        }
        svm_problem problem = new svm_problem();
        problem.l = train.length;
        problem.y = new double[train.length];
        Arrays.fill(problem.y, 1);
        problem.x = Arrays.stream(train).map(r -> nodes(r, mean, sd)).toArray(svm_node[][]::new);
        svm_parameter p = new svm_parameter();
        p.svm_type = svm_parameter.ONE_CLASS;
        p.kernel_type = svm_parameter.RBF;
        p.nu = 0.1;
        p.gamma = 0.5;
        p.eps = 1e-3;
        p.cache_size = 100;
        p.shrinking = 1;
        svm.svm_set_print_string_function(s -> { });
        svm_model reference = svm.svm_train(problem, p);

        double[] scores = OneClassSvmBaseline.fit(train).score(test);
        for (int i = 0; i < test.length; i++) {
            double[] f = new double[1];
            svm.svm_predict_values(reference, nodes(test[i], mean, sd), f);
            assertEquals(-f[0], scores[i], 1e-9, "row " + i);
        }
    }

    /**
     * The hand-made case: the cloud's centre is inside the boundary (score &lt; 0 up to libsvm's
     * stopping tolerance 1e-3), points far from it
     * outside and more anomalous than any training row; far away every kernel term vanishes, so the
     * score tends to ρ, the same in every direction; and at most ν = 0.1 of the training rows lie
     * outside (Schölkopf et al. 2001, Proposition 4: the margin errors are at most νn).
     */
    @Test
    void farPointsScoreAsMoreAnomalousAndAtMostNuOfTheNormalsLieOutside() {
        double[][] train = cloud();
        OneClassSvmBaseline svm = OneClassSvmBaseline.fit(train);
        double[] own = svm.score(train);
        double[] s = svm.score(new double[][] {{5, -3}, {25, -3}, {5, 7}, {-400, 300}, {400, -300}});
        double worstNormal = Arrays.stream(own).max().orElseThrow();
        assertTrue(s[0] < 1e-3, "the centre scores " + s[0]);
        for (int i = 1; i < s.length; i++) {
            assertTrue(s[i] > worstNormal && s[i] > 0, "far point " + i + " scores " + s[i] + " ≤ " + worstNormal);
        }
        assertEquals(s[3], s[4], 1e-12);
        // The free support vectors lie on the boundary (f = 0) up to libsvm's stopping tolerance 1e-3.
        long outside = Arrays.stream(own).filter(v -> v > 1e-3).count();
        assertTrue(outside <= 0.1 * train.length, outside + " of " + train.length + " training rows outside");
    }

    /** Through the seam: an extra detector's results sit beside the built-in ones, under its own key. */
    @Test
    void flowsThroughEvaluationIntoTheResults() throws Exception {
        double[][] train = Synthetic.normals(120, 6, 0, 1);
        double[][] test = Matrices.stack(Synthetic.normals(30, 6, 0, 2), Synthetic.normals(15, 6, 2.0, 3));
        int[] labels = new int[45];
        Arrays.fill(labels, 30, 45, 1);
        Evaluation.Settings settings = Evaluation.Settings.defaults().withMethods(EnumSet.of(BuiltInMethod.GDE)).withExtra(List.of(OneClassSvmBaseline.detector()));
        List<MethodResult> results = Evaluation.run("toy", train, test, labels, settings);
        assertEquals(List.of("GDE", "OCSVM"), results.stream().map(r -> r.method().name()).toList());
        MethodResult svm = results.get(1);
        assertEquals("one-class SVM", svm.method().label());
        double[] direct = OneClassSvmBaseline.fit(train).score(test);
        assertEquals(Metrics.auroc(direct, labels), svm.auroc().estimate(), 0);
        assertTrue(svm.auroc().estimate() > 0.9, "AUROC " + svm.auroc());
        String csv = ResultsTable.csv(ResultsTable.of(results));
        assertTrue(csv.contains(",one-class SVM,"), csv);
        String json = ResultsTable.json(RunSummary.of(results, List.of()));
        assertTrue(json.contains("\"method\" : \"OCSVM\"") || json.contains("\"method\":\"OCSVM\""), json);
    }

    @Test
    void msdeEvalsOptionNamesTheExtraBaselines() {
        assertEquals(List.of("OCSVM"), Evaluation.extraBaselines(List.of(" OCSVM"), "--extra-baselines").stream()
                .map(Detector::name).toList());
        assertEquals(List.of(), Evaluation.extraBaselines(List.of("none"), "--extra-baselines"));
        String message = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.extraBaselines(List.of("lof"), "--extra-baselines")).getMessage();
        assertTrue(message.contains("--extra-baselines") && message.contains("\"lof\"") && message.contains("ocsvm"), message);
    }

    /** ν in (0, 1] and γ &gt; 0, each refused by this class's own message just beyond its edge. */
    @Test
    void refusesBadSettingsNamingThem() {
        double[][] train = cloud();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OneClassSvmBaseline.fit(train, 0, 0.5))
                .getMessage().contains("nu must be in (0, 1], got 0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OneClassSvmBaseline.fit(train, 1.000001, 0.5))
                .getMessage().contains("nu must be in (0, 1], got 1.000001"));
        assertEquals("one-class SVM", OneClassSvmBaseline.fit(train, 1, 0.5).name(), "ν = 1 is allowed");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OneClassSvmBaseline.fit(train, 0.1, -1))
                .getMessage().contains("gamma must be a positive number, got -1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OneClassSvmBaseline.fit(train, 0.1, 0))
                .getMessage().contains("gamma must be a positive number, got 0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> OneClassSvmBaseline.fit(train, 0.1, Double.POSITIVE_INFINITY)).getMessage().contains("gamma"));
    }

    /** libsvm logs its solver's progress on standard output unless told otherwise; a fit keeps it quiet. */
    @Test
    void fittingPrintsNothing() {
        svm.svm_set_print_string_function(null);   // libsvm's own default: standard output
        java.io.PrintStream standard = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true));
        try {
            OneClassSvmBaseline.fit(cloud());
        } finally {
            System.setOut(standard);
        }
        assertEquals("", printed.toString());
    }

    private static svm_node[] nodes(double[] row, double[] mean, double[] sd) {
        svm_node[] out = new svm_node[row.length];
        for (int c = 0; c < row.length; c++) {
            out[c] = new svm_node();
            out[c].index = c + 1;
            out[c].value = (row[c] - mean[c]) / sd[c];
        }
        return out;
    }
}
