package org.msde4j.msde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.msde4j.eval.Metrics;
import org.msde4j.knn.ExactKnn;
import org.msde4j.testing.Fixtures;
import org.msde4j.testing.Fixtures.Csv;
import org.msde4j.testing.Oracles;

/** The shift reproduces the authors' positions after every iteration, and their displacements. */
class MeanShiftParityTest {

    private static ExactKnn knn;

    @BeforeAll
    static void backend() {
        knn = ExactKnn.withFastestBackend();
    }

    /** A full MSDE run of the fixtures with the files that record its path. */
    record ShiftRun(ReferenceCases.Run run, String positions, String iterStats, String displacement,
                    int firstRow) {
        @Override
        public String toString() {
            return run.name();
        }
    }

    static List<ShiftRun> runs() {
        List<ShiftRun> out = new ArrayList<>();
        for (ReferenceCases.Run r : ReferenceCases.weightRuns()) {
            String f = r.folder();
            if (r.name().startsWith("tabular")) {
                out.add(new ShiftRun(r, f + "/y_iters.csv", f + "/iter_stats.csv", f + "/scores.csv", 0));
            } else if (r.name().startsWith("medical/train")) {
                out.add(new ShiftRun(r, f + "/shifted_train.csv", f + "/iter_stats_fit.csv", f + "/displacement_fit.csv", 0));
            } else if (r.name().startsWith("medical/union")) {
                out.add(new ShiftRun(r, f + "/shifted_test.csv", f + "/iter_stats_union.csv",
                        f + "/displacement_union.csv", 400));
            } else if (r.name().startsWith("edge/n257")) {
                out.add(new ShiftRun(r, f + "/n257_shifted.csv", f + "/n257_iter_stats.csv", f + "/n257_displacement.csv", 0));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void positionsAndDisplacementsMatch(ShiftRun c) {
        Csv positions = Csv.read(Fixtures.reference(c.positions()));
        boolean longFormat = positions.has("iter");
        double[] worst = new double[1];
        Msde.Result result = Msde.run(c.run().input(), c.run().options(), knn, (iteration, y, delta) -> {
            if (longFormat) {
                int n = y.length;
                for (int i = 0; i < n; i++) {
                    int line = (iteration - 1) * n + i;
                    assertEquals(iteration, positions.integer(line, "iter"));
                    assertEquals(i, positions.integer(line, "row"));
                    for (int t = 0; t < y[i].length; t++) {
                        worst[0] = Math.max(worst[0], Math.abs(positions.number(line, "y" + t) - y[i][t]));
                    }
                }
            }
        });
        ShiftTrace shift = result.shift();
        if (!longFormat) {
            double[][] expected = positions.matrix("y");
            for (int i = 0; i < expected.length; i++) {
                double[] y = shift.position(c.firstRow() + i);
                for (int t = 0; t < y.length; t++) {
                    worst[0] = Math.max(worst[0], Math.abs(expected[i][t] - y[t]));
                }
            }
        }
        assertTrue(worst[0] <= 1e-6, c + ": max |position diff| = " + worst[0]);

        Csv stats = Csv.read(Fixtures.reference(c.iterStats()));
        assertEquals(stats.size(), shift.iterations(), c + " iterations");
        for (int t = 1; t <= shift.iterations(); t++) {
            assertRelative(stats.number(t - 1, "mean_displacement"), shift.meanDisplacement(t), c + " mean Δ at " + t);
            assertRelative(stats.number(t - 1, "max_displacement"), shift.maxDisplacement(t), c + " max Δ at " + t);
        }
        Csv disp = Csv.read(Fixtures.reference(c.displacement()));
        double[] total = shift.totalDisplacement();
        for (int r = 0; r < disp.size(); r++) {
            int row = disp.has("row") ? disp.integer(r, "row") : r;
            for (int t = 1; t <= shift.iterations(); t++) {
                assertRelative(disp.number(r, "disp_iter" + t), shift.displacement(t, row), c + " Δ row " + row + " iter " + t);
            }
            assertRelative(disp.number(r, "total_displacement"), total[row], c + " total Δ row " + row);
        }
    }

    /** The runs whose rows have outlier labels: the tabular and n257 runs (all rows) and the union run (test rows). */
    static List<ShiftRun> labelledRuns() {
        return runs().stream().filter(r -> !r.run().name().startsWith("medical/train")).toList();
    }

    /** The tabular runs, which record the positions after every iteration. */
    static List<ShiftRun> tabularRuns() {
        return runs().stream().filter(r -> r.run().name().startsWith("tabular")).toList();
    }

    /**
     * The tabular paper's score, Σₜ Δᵢ, ranks the outliers as the authors' code does: the AUROC/AP of
     * the manifest for the tabular and n257 runs (both 1.0 there: well-separated outliers), and for
     * the medical union run, whose test rows are hard to separate this way, the AUROC of the authors'
     * own summed displacements ({@code displacement_union.csv}), counted pair by pair.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("labelledRuns")
    void summedDisplacementRanksOutliersAsTheReference(ShiftRun c) throws IOException {
        String name = c.run().name();
        double[] total = Msde.run(c.run().input(), c.run().options(), knn, null).shift().totalDisplacement();
        if (name.startsWith("medical/union")) {
            Csv labels = Csv.read(Fixtures.reference("medical-small/test_labels.csv"));
            int[] anomaly = new int[labels.size()];
            for (int i = 0; i < anomaly.length; i++) {
                anomaly[i] = labels.integer(i, "label");
            }
            double[] theirs = Csv.read(Fixtures.reference(c.displacement())).numbers("total_displacement");
            double[] ours = Arrays.copyOfRange(total, c.firstRow(), total.length);
            double expected = Oracles.auroc(Arrays.copyOfRange(theirs, c.firstRow(), theirs.length), anomaly);
            assertTrue(expected > 0.5 && expected < 0.6, c + ": the authors' AUROC " + expected);
            assertEquals(expected, Metrics.auroc(ours, anomaly), 1e-12, c + " AUROC of the summed displacement");
            return;
        }
        JsonNode results = new ObjectMapper()
                .readTree(Fixtures.reference("manifest.json").toFile()).get("results");
        String variant = ReferenceCases.variant(c.run().rule());
        String labels;
        JsonNode expected;
        if (name.startsWith("tabular")) {
            labels = "tabular-small/labels.csv";
            expected = results.get("tabular-small").get("runs").get(name.split("/")[1] + "/" + variant);
        } else {
            labels = "edge-batches/n257_labels.csv";
            expected = results.get("edge-batches").get("runs").get("n257/" + variant);
        }
        Csv l = Csv.read(Fixtures.reference(labels));
        int[] outlier = new int[l.size()];
        for (int i = 0; i < outlier.length; i++) {
            outlier[i] = l.integer(i, "is_outlier");
        }
        assertEquals(expected.get("auroc_total_displacement").asDouble(), Metrics.auroc(total, outlier),
                1e-9, c + " AUROC of the summed displacement");
        if (expected.has("ap_total_displacement")) {
            assertEquals(expected.get("ap_total_displacement").asDouble(),
                    Metrics.averagePrecision(total, outlier), 1e-9, c + " AP of the summed displacement");
        }
    }

    /**
     * An early stop, which no recorded run reaches (all ran every iteration): the tabular runs with a
     * tolerance between the recorded mean displacements of iterations 3 and 4 must stop after
     * iteration 4, keeping its update, so their path is the recorded path cut after iteration 4.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tabularRuns")
    void aToleranceAboveALaterMeanDisplacementStopsTheRunThere(ShiftRun c) {
        Csv stats = Csv.read(Fixtures.reference(c.iterStats()));
        double tolerance = (stats.number(2, "mean_displacement") + stats.number(3, "mean_displacement")) / 2;
        MsdeOptions o = c.run().options().withTolerance(tolerance);
        ShiftTrace shift = Msde.run(c.run().input(), o, knn, null).shift();
        assertEquals(4, shift.iterations(), c + " with tolerance " + tolerance);
        Csv positions = Csv.read(Fixtures.reference(c.positions()));
        int n = c.run().input().length;
        double worst = 0;
        for (int i = 0; i < n; i++) {
            int line = 3 * n + i;
            assertEquals(4, positions.integer(line, "iter"));
            double[] y = shift.position(i);
            for (int t = 0; t < y.length; t++) {
                worst = Math.max(worst, Math.abs(positions.number(line, "y" + t) - y[t]));
            }
        }
        assertTrue(worst <= 1e-6, c + ": max |position diff| after iteration 4 = " + worst);
    }

    private static void assertRelative(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= 1e-6 * Math.max(Math.abs(expected), 1e-12),
                what + ": expected " + expected + " but was " + actual);
    }
}
