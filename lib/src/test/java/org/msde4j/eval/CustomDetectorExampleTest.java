package org.msde4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msde4j.detect.Detector;
import org.msde4j.detect.OneClassSvmBaseline;
import org.msde4j.detect.Scorer;
import org.msde4j.math.Matrices;
import org.msde4j.testing.Synthetic;

/** docs/ARCHITECTURE.md's "Plug in a custom detector", as written there. */
class CustomDetectorExampleTest {

    record MeanDistance(double[] mean) implements Scorer {          // distance to the normals' mean
        public String name() { return "distance to the mean"; }
        public double[] score(double[][] rows) {
            return Arrays.stream(rows).mapToDouble(r -> Math.sqrt(Matrices.squaredDistance(r, mean))).toArray();
        }
    }

    @Test
    void theDocumentedCustomDetectorRunsBesideTheBuiltInOnes() {
        double[][] train = Synthetic.normals(100, 5, 0, 1);
        double[][] test = Matrices.stack(Synthetic.normals(20, 5, 0, 2), Synthetic.normals(10, 5, 1.5, 3));
        int[] labels = new int[30];
        Arrays.fill(labels, 20, 30, 1);

        Detector mine = Detector.of("MEAN", "distance to the mean", normals -> new MeanDistance(Matrices.columnMeans(normals)));
        Evaluation.Settings settings = Evaluation.Settings.defaults().withExtra(List.of(mine, OneClassSvmBaseline.detector()));
        List<MethodResult> results = Evaluation.run("toy", train, test, labels, settings);  // MSDE ×2, GDE, kNN, mine, OCSVM
        String table = ResultsTable.markdown(ResultsTable.of(results));

        assertEquals(List.of("MSDE_TRANSDUCTIVE", "MSDE_INDUCTIVE", "GDE", "KNN", "MEAN", "OCSVM"),
                results.stream().map(r -> r.method().name()).toList());
        double[] mean = new double[5];
        for (double[] r : train) {
            for (int c = 0; c < 5; c++) {
                mean[c] += r[c] / train.length;
            }
        }
        double[] byHand = new double[test.length];
        for (int i = 0; i < test.length; i++) {
            double s = 0;
            for (int c = 0; c < 5; c++) {
                s += (test[i][c] - mean[c]) * (test[i][c] - mean[c]);
            }
            byHand[i] = Math.sqrt(s);
        }
        assertEquals(Metrics.auroc(byHand, labels), results.get(4).auroc().estimate(), 1e-12);
        assertTrue(table.contains("| toy | whole test set | distance to the mean |"), table);
    }
}
