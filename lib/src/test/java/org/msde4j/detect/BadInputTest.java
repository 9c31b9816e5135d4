package org.msde4j.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.msde4j.msde.DensityWeights;
import org.msde4j.msde.MsdeOptions;
import org.msde4j.msde.RowOrder;
import org.msde4j.msde.WeightRule;
import org.msde4j.testing.Synthetic;

/** Every bad input fails with a message that names the row, column, option or file. */
class BadInputTest {

    private static final DetectorOptions SMALL = DetectorOptions.defaults()
            .withMsde(MsdeOptions.defaults().withK(10).withTau(20));

    private static String failure(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "message should mention '" + p + "': " + message);
        }
    }

    @Test
    void nonFiniteValuesNameRowAndColumn() {
        double[][] train = Synthetic.normals(100, 5, 0, 1);
        train[37][2] = Double.NaN;
        assertMentions(failure(() -> MsdeDetector.fit(train, SMALL)), "training data", "row 37", "column 2");
        MsdeModel model = MsdeDetector.fit(Synthetic.normals(100, 5, 0, 1), SMALL);
        double[][] test = Synthetic.normals(4, 5, 0, 2);
        test[3][0] = Double.POSITIVE_INFINITY;
        assertMentions(failure(() -> model.score(test)), "test data", "row 3", "column 0");
    }

    @Test
    void tooFewTrainingRowsForK() {
        assertMentions(failure(() -> MsdeDetector.fit(Synthetic.normals(10, 5, 0, 1), SMALL)),
                "10 rows", "k = 10", "at least 15", "UMAP's 15 neighbours");
        assertMentions(failure(() -> MsdeDetector.fit(Synthetic.normals(50, 5, 0, 1), DetectorOptions.defaults())),
                "50 rows", "k = 50", "at least 51");
    }

    /** k = 14 needs UMAP's 15 rows, no more: only from k = 15 on (16 rows) does a smaller k help. */
    @Test
    void aSmallerKIsSuggestedOnlyWhereKIsWhatAsksForTheRows() {
        assertTrue(failure(() -> MsdeDetector.checkRowCount(10, SMALL.withMsde(SMALL.msde().withK(14))))
                .endsWith("needs at least 15: use more normal training images."));
        assertTrue(failure(() -> MsdeDetector.checkRowCount(10, SMALL.withMsde(SMALL.msde().withK(15))))
                .endsWith("needs at least 16: use more normal training images or a smaller k."));
    }

    /** Wider rows than the model's would otherwise be cut silently to its width by the standardiser. */
    @Test
    void everyBaselineNamesAWidthMismatchAtScoring() {
        double[][] train = Synthetic.normals(40, 5, 0, 1);
        double[][] wider = Synthetic.normals(3, 6, 0, 2);
        for (Scorer baseline : new Scorer[] {GdeBaseline.fit(train, SMALL), KnnDistanceBaseline.fit(train, 3),
                OneClassSvmBaseline.fit(train)}) {
            assertMentions(failure(() -> baseline.score(wider)), "6 columns", "fitted on 5");
        }
    }

    @Test
    void dimensionMismatchAtScoring() {
        MsdeModel model = MsdeDetector.fit(Synthetic.normals(100, 5, 0, 1), SMALL);
        assertMentions(failure(() -> model.scoreTransductive(Synthetic.normals(3, 6, 0, 2))),
                "6 columns", "fitted on 5");
    }

    @Test
    void emptyAndRaggedInput() {
        assertMentions(failure(() -> MsdeDetector.fit(new double[0][], SMALL)), "training data is empty");
        MsdeModel model = MsdeDetector.fit(Synthetic.normals(100, 5, 0, 1), SMALL);
        assertMentions(failure(() -> model.score(new double[0][])), "test data is empty");
        double[][] ragged = Synthetic.normals(100, 5, 0, 1);
        ragged[9] = new double[4];
        assertMentions(failure(() -> MsdeDetector.fit(ragged, SMALL)), "row 9 has 4 values");
    }

    @Test
    void duplicateRowsGiveFiniteWeightsAndScores() {
        double[][] train = Synthetic.normals(120, 5, 0, 1);
        for (int i = 0; i < 60; i++) {
            train[i] = train[0].clone();
        }
        DensityWeights w = DensityWeights.compute(train, 20, WeightRule.COUNT, RowOrder.AS_GIVEN, 0);
        assertTrue(Arrays.stream(w.weights()).allMatch(Double::isFinite), Arrays.toString(w.weights()));
        MsdeModel model = MsdeDetector.fit(train, SMALL);
        double[] s = model.scoreTransductive(Synthetic.normals(10, 5, 0, 2)).scores();
        assertTrue(Arrays.stream(s).allMatch(Double::isFinite), Arrays.toString(s));
    }

    @Test
    void constantFeaturesAreReportedAndHarmless() {
        double[][] train = Synthetic.normals(100, 6, 0, 1);
        for (double[] row : train) {
            row[4] = 3.25;
        }
        MsdeModel model = MsdeDetector.fit(train, SMALL);
        assertEquals(1, model.summary().warnings().size());
        assertMentions(model.summary().warnings().get(0), "constant", "[4]");
        double[] s = model.score(Synthetic.normals(5, 6, 0, 2));
        assertTrue(Arrays.stream(s).allMatch(Double::isFinite), Arrays.toString(s));
    }

    @Test
    void tooManyPcaComponents() {
        assertMentions(failure(() -> MsdeDetector.fit(Synthetic.normals(100, 5, 0, 1), SMALL.withPcaComponents(6))),
                "option pca = 6", "min(d, n−1) = 5");
    }

    @Test
    void singularCovarianceWithoutRidge() {
        // Three distinct points repeated: the shifted rows span at most 2 dimensions out of 5.
        double[][] train = new double[90][];
        double[][] base = Synthetic.normals(3, 5, 0, 1);
        for (int i = 0; i < train.length; i++) {
            train[i] = base[i % 3].clone();
        }
        assertMentions(failure(() -> MsdeDetector.fit(train, SMALL.withRidge(0))),
                "singular", "ridge = 0.0", "use a ridge > 0");
    }

    @Test
    void invalidOptionsNameTheOption() {
        assertMentions(failure(() -> MsdeOptions.defaults().withEta(0)), "option eta");
        assertMentions(failure(() -> MsdeOptions.defaults().withK(0)), "option k");
        assertMentions(failure(() -> DetectorOptions.defaults().withRidge(-1)), "option ridge");
        assertMentions(failure(() -> DetectorOptions.defaults().withThresholdQuantile(1)), "threshold quantile");
        assertMentions(failure(() -> DetectorOptions.defaults().withPcaComponents(-2)), "option pca");
    }
}
