package org.msde4j.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.msde4j.msde.MsdeOptions;
import org.msde4j.msde.RowOrder;
import org.msde4j.msde.WeightRule;

/** Every option's valid range, at its edges, and the paper's settings. */
class OptionsTest {

    private static void refused(Executable e, String option) {
        String m = assertThrows(IllegalArgumentException.class, e).getMessage();
        assertTrue(m.contains(option), "should name " + option + ": " + m);
    }

    @Test
    void theShiftOptionsAcceptTheirEdgesAndRefuseWhatLiesBeyond() {
        MsdeOptions o = MsdeOptions.defaults();
        assertEquals(1, o.withK(1).k());
        refused(() -> o.withK(0), "option k");
        assertEquals(1, o.withTau(1).tau());
        refused(() -> o.withTau(0), "option tau");
        assertEquals(1, o.withEta(1).eta());
        refused(() -> o.withEta(1.0001), "option eta");
        refused(() -> o.withEta(0), "option eta");
        refused(() -> o.withEta(Double.NaN), "option eta");
        assertEquals(0, o.withMaxIterations(0).maxIterations());
        refused(() -> o.withMaxIterations(-1), "option iterations");
        assertEquals(0, o.withTolerance(0).tolerance());
        refused(() -> o.withTolerance(-1e-9), "option tolerance");
        refused(() -> o.withTolerance(Double.NaN), "option tolerance");
        refused(() -> o.withTolerance(Double.POSITIVE_INFINITY), "option tolerance");
        refused(() -> o.withWeightRule(null), "weightRule");
        refused(() -> o.withRowOrder(null), "rowOrder");
        assertEquals(7, o.withSeed(7).seed());
    }

    @Test
    void theDefaultsAreThePapersSettingsWithTheCorrectedRuleAndShuffledBatches() {
        assertEquals(new MsdeOptions(50, 70, 0.33, 8, 0.01, WeightRule.COUNT, RowOrder.SHUFFLED, 42),
                MsdeOptions.defaults());
        assertEquals(new MsdeOptions(50, 70, 0.33, 8, 0.01, WeightRule.REFERENCE, RowOrder.AS_GIVEN, 42),
                MsdeOptions.reference());
        DetectorOptions d = DetectorOptions.defaults();
        assertEquals(new DetectorOptions(MsdeOptions.defaults(), DetectorOptions.PCA_AUTO, 1e-4, 0.95), d);
        assertEquals(MsdeOptions.reference(), DetectorOptions.reference().msde());
        assertEquals(0.95, DetectorOptions.reference().thresholdQuantile());
    }

    @Test
    void theDetectorOptionsAcceptTheirEdgesAndRefuseWhatLiesBeyond() {
        DetectorOptions d = DetectorOptions.defaults();
        refused(() -> d.withMsde(null), "option msde");
        assertEquals(0, d.withPcaComponents(0).pcaComponents());
        refused(() -> d.withPcaComponents(-1), "option pca");
        assertEquals(0, d.withRidge(0).ridge());
        refused(() -> d.withRidge(-1e-12), "option ridge");
        refused(() -> d.withRidge(Double.NaN), "option ridge");
        refused(() -> d.withRidge(Double.POSITIVE_INFINITY), "option ridge");
        refused(() -> d.withThresholdQuantile(0), "threshold quantile");
        refused(() -> d.withThresholdQuantile(1), "threshold quantile");
        assertEquals(0.5, d.withThresholdQuantile(0.5).thresholdQuantile());
    }

    /** p = min(256, d, n − 1) by default; an explicit p up to that bound; beyond it a message naming option pca. */
    @Test
    void componentsFollowThePapersRule() {
        DetectorOptions d = DetectorOptions.defaults();
        assertEquals(256, d.componentsFor(1000, 512));
        assertEquals(40, d.componentsFor(1000, 40));
        assertEquals(99, d.componentsFor(100, 512));
        assertEquals(10, d.withPcaComponents(10).componentsFor(100, 40));
        assertEquals(40, d.withPcaComponents(40).componentsFor(100, 40));
        refused(() -> d.withPcaComponents(41).componentsFor(100, 40), "option pca = 41");
        refused(() -> d.withPcaComponents(100).componentsFor(100, 512), "at most min(d, n−1) = 99");
    }
}
