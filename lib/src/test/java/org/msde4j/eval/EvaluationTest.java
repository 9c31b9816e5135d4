package org.msde4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.math.Matrices;
import org.msde4j.msde.MsdeOptions;
import org.msde4j.testing.MedicalCase;
import org.msde4j.testing.Oracles;
import org.msde4j.pipeline.RunSummary;
import org.msde4j.testing.Synthetic;
import tech.tablesaw.api.Table;

class EvaluationTest {

    @Test
    void allMethodsOnOneDatasetWithTableMarkdownCsvAndSummary() throws Exception {
        double[][] train = Synthetic.normals(200, 10, 0, 1);
        double[][] test = Matrices.stack(Synthetic.normals(40, 10, 0, 2), Synthetic.normals(20, 10, 1.2, 3));
        int[] labels = new int[60];
        for (int i = 40; i < 60; i++) {
            labels[i] = 1;
        }
        Evaluation.Settings settings = Evaluation.Settings.defaults().withDetector(DetectorOptions.defaults()
                .withMsde(MsdeOptions.defaults().withK(15).withTau(25)));
        List<MethodResult> results = Evaluation.run("toy", train, test, labels, settings);
        assertEquals(4, results.size());
        for (MethodResult r : results) {
            assertTrue(r.auroc().estimate() > 0.8, r.method() + " AUROC " + r.auroc());
            assertTrue(r.auroc().lower() <= r.auroc().estimate() && r.auroc().estimate() <= r.auroc().upper());
            assertEquals(Metrics.auroc(r.scores(), labels), r.auroc().estimate(), 0);
            assertEquals(20, r.anomalies());
        }
        Table t = ResultsTable.of(results);
        assertEquals(4, t.rowCount());
        String md = ResultsTable.markdown(t);
        assertTrue(md.startsWith("| dataset | setting | method | AUROC |") && md.contains("| toy | whole test set | MSDE (inductive) |"), md);
        String csv = ResultsTable.csv(t);
        assertEquals(5, csv.strip().split("\n").length, csv);
        JsonNode summary = new ObjectMapper().readTree(ResultsTable.json(RunSummary.of(results, List.of())));
        JsonNode first = summary.get("results").get(0);
        assertEquals("MSDE_TRANSDUCTIVE", first.get("method").asText());
        assertEquals(200, first.get("n_train").asInt());
        assertEquals(60, first.get("n_test").asInt());
        assertEquals(results.get(0).auroc().estimate(), first.get("auroc").asDouble(), 0);
    }

    /**
     * On the authors' medical case the four methods rank the anomalies differently, and each result
     * carries its own method's figure: MSDE transductive and GDE the authors' AUROCs (0.7102 and
     * 0.8848, manifest), MSDE inductive the AUROC of {@link MedicalCase#inductiveScores} (≈ 0.858),
     * kNN that of the brute-force {@link Oracles#knnDistance} (≈ 0.565). A method wired to another
     * method's scorer, or a swapped mode, fails here.
     */
    @Test
    void eachMethodReportsItsOwnFigureOnDataWhereTheyDiffer() {
        double[][] train = MedicalCase.trainRaw();
        double[][] test = MedicalCase.testRaw();
        int[] labels = MedicalCase.labels();
        Evaluation.Settings settings = new Evaluation.Settings(DetectorOptions.reference(), BuiltInMethod.global(),
                5, 200, 42);
        Map<BuiltInMethod, Double> expected = new EnumMap<>(BuiltInMethod.class);
        expected.put(BuiltInMethod.MSDE_TRANSDUCTIVE, MedicalCase.transductiveAuroc("reference"));
        expected.put(BuiltInMethod.MSDE_INDUCTIVE, Oracles.auroc(MedicalCase.inductiveScores("reference"), labels));
        expected.put(BuiltInMethod.GDE, MedicalCase.noMsdeAuroc());
        expected.put(BuiltInMethod.KNN, Oracles.auroc(Oracles.knnDistance(train, test, 5), labels));
        List<Double> values = List.copyOf(expected.values());
        for (int a = 0; a < values.size(); a++) {
            for (int b = a + 1; b < values.size(); b++) {
                assertTrue(Math.abs(values.get(a) - values.get(b)) > 0.02, "the methods differ here: " + expected);
            }
        }
        List<MethodResult> results = Evaluation.run("medical-small", train, test, labels, settings);
        assertEquals(List.copyOf(BuiltInMethod.global()), results.stream().map(MethodResult::method).toList());
        for (MethodResult r : results) {
            assertEquals(expected.get(r.method()), r.auroc().estimate(), 1e-9, r.method() + " AUROC");
            assertTrue(r.auroc().lower() < r.auroc().estimate() && r.auroc().estimate() < r.auroc().upper(),
                    r.method() + " interval " + r.auroc());
            assertEquals(Oracles.auroc(r.scores(), labels), r.auroc().estimate(), 1e-12, r.method() + " scores");
        }
    }
}
