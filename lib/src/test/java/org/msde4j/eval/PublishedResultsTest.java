package org.msde4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class PublishedResultsTest {

    private static MethodResult result(String dataset, BuiltInMethod method, double auroc) {
        Interval i = new Interval(auroc, auroc - 0.01, auroc + 0.01, 0.95);
        return new MethodResult(dataset, method, new double[] {0, 1}, new int[] {0, 1}, i,
                new Interval(auroc + 0.01, auroc, auroc + 0.02, 0.95), 10, 0, 0, null);
    }

    @Test
    void theAbstractsNumbersSitBesideTheTransductiveRowOfBrainTumourOnly() {
        Table t = PublishedResults.beside(ResultsTable.of(List.of(result("brain-tumor", BuiltInMethod.MSDE_TRANSDUCTIVE, 0.9),
                result("brain-tumor", BuiltInMethod.GDE, 0.8), result("rsna", BuiltInMethod.MSDE_TRANSDUCTIVE, 0.7))));
        assertEquals(0.981, t.doubleColumn("paper AUROC").get(0));
        assertEquals(0.981, t.doubleColumn("paper AP").get(0));
        assertTrue(t.doubleColumn("paper AUROC").isMissing(1), "the paper's number is for MSDE, not the baseline");
        assertTrue(t.doubleColumn("paper AUROC").isMissing(2), "no per-dataset number is known for rsna");
        assertEquals(0.9, t.doubleColumn("AUROC").get(0), "our columns are kept");
    }

    @Test
    void ourMeanOfSevenOnlyWhenAllSevenWereEvaluated() {
        List<MethodResult> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(result(PublishedResults.BENCHMARK.get(i), BuiltInMethod.MSDE_TRANSDUCTIVE, 0.7 + 0.01 * i));
        }
        six.add(result("synthetic-brain-mri", BuiltInMethod.MSDE_TRANSDUCTIVE, 0.99));
        Table partial = PublishedResults.meanOfSeven(ResultsTable.of(six));
        assertEquals(6, partial.intColumn("datasets evaluated").get(0));
        assertTrue(partial.doubleColumn("our AUROC").isMissing(0), "a mean over six is not the paper's mean");
        assertEquals(0.826, partial.doubleColumn("paper AUROC").get(0));
        assertEquals(0.834, partial.doubleColumn("paper AP").get(0));

        six.add(result(PublishedResults.BENCHMARK.get(6), BuiltInMethod.MSDE_TRANSDUCTIVE, 0.8));
        six.add(result(PublishedResults.BENCHMARK.get(6), BuiltInMethod.GDE, 0.1));
        Table all = PublishedResults.meanOfSeven(ResultsTable.of(six));
        assertEquals(7, all.intColumn("datasets evaluated").get(0));
        double expected = (0.70 + 0.71 + 0.72 + 0.73 + 0.74 + 0.75 + 0.80) / 7;
        assertEquals(expected, all.doubleColumn("our AUROC").get(0), 1e-9);
        assertEquals(expected + 0.01, all.doubleColumn("our AP").get(0), 1e-9);
    }
}
