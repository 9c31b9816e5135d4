package org.msde4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msde4j.pipeline.RunSummary;
import tech.tablesaw.api.Table;

/** The results table of one hand-made result: rounding, intervals, quoting, the study rows and the JSON summary. */
class ResultsTableTest {

    private static final MethodResult RESULT = new MethodResult("toy,set", BuiltInMethod.GDE, new double[] {0.1, 0.4, 0.35, 0.8},
            new int[] {0, 0, 1, 1}, new Interval(0.87654, 0.8, 0.95, 0.95), new Interval(0.5, 0.25, 0.75, 0.95), 10, 1.234,
            0.004, null);

    @Test
    void oneRowPerResultRoundedWithItsIntervals() {
        Table t = ResultsTable.of(List.of(RESULT));
        assertEquals(1, t.rowCount());
        assertEquals(0.8765, t.doubleColumn("AUROC").get(0), 0, "four decimals");
        assertEquals("0.800–0.950", t.stringColumn("AUROC 95% CI").get(0));
        assertEquals("0.250–0.750", t.stringColumn("AP 95% CI").get(0));
        assertEquals(1.23, t.doubleColumn("fit s").get(0), 0, "two decimals");
        assertEquals(0.0, t.doubleColumn("score s").get(0), 0);
        assertEquals(List.of(10, 4, 2), List.of(t.intColumn("n_train").get(0), t.intColumn("n_test").get(0),
                t.intColumn("anomalies").get(0)));
        assertEquals("whole test set", t.stringColumn("setting").get(0));
        assertEquals("GDE (no MSDE)", t.stringColumn("method").get(0));
        String csv = ResultsTable.csv(t);
        assertEquals("dataset,setting,method,AUROC,AUROC 95% CI,AP,AP 95% CI,n_train,n_test,anomalies,fit s,score s,"
                + "AUROC gain vs GDE [95% CI],pixel AUROC,AUPRO,masks\n\"toy,set\",whole test set,GDE (no MSDE),0.8765,"
                + "0.800–0.950,0.5,0.250–0.750,10,4,2,1.23,0.0,,,,\n", csv);
        String md = ResultsTable.markdown(t);
        assertTrue(md.startsWith("| dataset | setting | method | AUROC | AUROC 95% CI | AP |"), md);
        assertTrue(md.contains("\n|---|---|---|---:|---|---:|---|---:|---:|---:|---:|---:|---|---:|---:|---|\n| toy,set | whole test set | GDE (no MSDE) |"),
                md);
        assertEquals(2, md.strip().split("\n").length - 1, "header, alignment and one row: " + md);
    }

    @Test
    void studyRowsNameTheirSettingAndGain() {
        Interval i = new Interval(0.7, 0.6, 0.8, 0.95);
        Table t = ResultsTable.withStudy(ResultsTable.of(List.of(RESULT)), List.of(
                new DeploymentStudy.Row("toy", DeploymentStudy.BATCH_SIZE, 10, BuiltInMethod.MSDE_INDUCTIVE, i, i,
                        new Interval(0.0123, -0.02, 0.05, 0.95), 3, 40, 8),
                new DeploymentStudy.Row("toy", DeploymentStudy.PREVALENCE, 0.05, BuiltInMethod.GDE, i, i, null, 3, 40, 2)));
        assertEquals(3, t.rowCount());
        assertEquals("batch size 10", t.stringColumn("setting").get(1));
        assertEquals("prevalence 0.05", t.stringColumn("setting").get(2));
        assertEquals("+0.012 [-0.020, +0.050]", t.stringColumn(ResultsTable.GAIN).get(1));
        assertEquals("", t.stringColumn(ResultsTable.GAIN).get(2));
        assertEquals("", t.stringColumn(ResultsTable.GAIN).get(0));
        assertEquals(40, t.intColumn("n_test").get(1));
        assertEquals(8, t.intColumn("anomalies").get(1));
        assertTrue(t.intColumn("n_train").isMissing(1) && t.doubleColumn("fit s").isMissing(2));
        assertEquals(1, ResultsTable.of(List.of(RESULT)).rowCount(), "the table given is not changed");
    }

    @Test
    void theSummaryCarriesEveryFigure() throws Exception {
        JsonNode r = new ObjectMapper().readTree(ResultsTable.json(RunSummary.of(List.of(RESULT), List.of()))).get("results").get(0);
        assertEquals("toy,set", r.get("dataset").asText());
        assertEquals("GDE", r.get("method").asText());
        assertEquals("GDE (no MSDE)", r.get("method_label").asText());
        assertEquals(0.87654, r.get("auroc").asDouble(), 0);
        assertEquals(0.8, r.get("auroc_ci_low").asDouble(), 0);
        assertEquals(0.95, r.get("auroc_ci_high").asDouble(), 0);
        assertEquals(0.5, r.get("ap").asDouble(), 0);
        assertEquals(0.25, r.get("ap_ci_low").asDouble(), 0);
        assertEquals(0.75, r.get("ap_ci_high").asDouble(), 0);
        assertEquals(10, r.get("n_train").asInt());
        assertEquals(4, r.get("n_test").asInt());
        assertEquals(2, r.get("anomalies").asInt());
        assertEquals(1.234, r.get("fit_seconds").asDouble(), 0);
        assertEquals(0.004, r.get("score_seconds").asDouble(), 0);
        assertEquals("0.8765 [0.8000, 0.9500]", RESULT.auroc().toString());
    }
}
