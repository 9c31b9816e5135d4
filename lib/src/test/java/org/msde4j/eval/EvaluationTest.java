package org.msde4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.math.Matrices;
import org.msde4j.msde.MsdeOptions;
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
        JsonNode summary = new ObjectMapper().readTree(ResultsTable.json(ResultsTable.summary(results)));
        JsonNode first = summary.get("results").get(0);
        assertEquals("MSDE_TRANSDUCTIVE", first.get("method").asText());
        assertEquals(200, first.get("n_train").asInt());
        assertEquals(60, first.get("n_test").asInt());
        assertEquals(results.get(0).auroc().estimate(), first.get("auroc").asDouble(), 0);
    }
}
