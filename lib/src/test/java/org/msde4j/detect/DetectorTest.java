package org.msde4j.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.msde4j.knn.ExactKnn;
import org.msde4j.msde.MsdeOptions;
import org.msde4j.testing.Synthetic;

/** The built-in methods as {@link Detector}s: their keys and labels, and fits that are those of the classes behind them. */
class DetectorTest {

    private static final DetectorOptions SMALL = DetectorOptions.defaults()
            .withMsde(MsdeOptions.defaults().withK(10).withTau(15));
    private static final double[][] TRAIN = Synthetic.normals(40, 4, 0, 51);
    private static final double[][] TEST = Synthetic.normals(6, 4, 0.5, 52);

    @Test
    void msdesTwoProtocolsShareOneFitPerTrainingArray() {
        List<MsdeMethod> both = MsdeMethod.both(SMALL, ExactKnn.withFastestBackend());
        assertEquals(List.of("MSDE_TRANSDUCTIVE", "MSDE_INDUCTIVE"), both.stream().map(MsdeMethod::name).toList());
        assertEquals(List.of("MSDE (transductive)", "MSDE (inductive)"), both.stream().map(MsdeMethod::label).toList());
        MsdeScorer transductive = both.get(0).fit(TRAIN);
        MsdeScorer inductive = both.get(1).fit(TRAIN);
        assertSame(transductive.model(), inductive.model(), "one fit for both protocols");
        assertTrue(transductive.joint(), "a transductive batch is scored jointly");
        assertFalse(inductive.joint(), "inductive rows are scored one by one");
        assertArrayEquals(inductive.model().score(TEST), inductive.score(TEST), 0.0);
        assertNotSame(transductive.model(), both.get(0).fit(TRAIN.clone()).model(), "another array, another fit");
    }

    @Test
    void oneProtocolOfMsdeScoresAsTheModelDoes() {
        MsdeScorer scorer = MsdeMethod.of(ScoringMode.TRANSDUCTIVE, SMALL, ExactKnn.withFastestBackend()).fit(TRAIN);
        assertEquals(ScoringMode.TRANSDUCTIVE, scorer.mode());
        assertArrayEquals(scorer.model().scoreTransductive(TEST).scores(), scorer.score(TEST), 0.0);
    }

    @Test
    void theBaselinesAsDetectorsFitAsTheirClassesDo() {
        Detector gde = GdeBaseline.detector(SMALL);
        assertEquals(List.of("GDE", "GDE (no MSDE)"), List.of(gde.name(), gde.label()));
        Scorer gdeScorer = gde.fit(TRAIN);
        assertEquals("GDE (no MSDE)", gdeScorer.name());
        assertFalse(gdeScorer.joint(), "a baseline scores each row on its own");
        assertArrayEquals(GdeBaseline.fit(TRAIN, SMALL).score(TEST), gdeScorer.score(TEST), 0.0);

        Detector knn = KnnDistanceBaseline.detector(3, ExactKnn.withFastestBackend());
        assertEquals(List.of("KNN", "kNN distance"), List.of(knn.name(), knn.label()));
        assertArrayEquals(KnnDistanceBaseline.fit(TRAIN, 3).score(TEST), knn.fit(TRAIN).score(TEST), 0.0);
    }
}
