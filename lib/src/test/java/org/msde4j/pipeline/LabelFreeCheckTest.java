package org.msde4j.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.msde4j.embed.Preprocessing;
import org.msde4j.embed.RawPixelBackbone;
import org.msde4j.embed.SyntheticAnomaly;
import org.msde4j.image.ImageRef;
import org.msde4j.testing.BrainSlices;

class LabelFreeCheckTest {

    /** Rows on a line at 0, 1, 2, …; anomalous copies moved far off it: every anomaly scores above every normal. */
    @Test
    void anomaliesFarFromAllNormalsGiveAurocOne() {
        double[][] normal = new double[30][];
        double[][] anomalous = new double[30][];
        for (int i = 0; i < 30; i++) {
            normal[i] = new double[] {i, 0};
            anomalous[i] = new double[] {i, 1000};
        }
        assertEquals(1.0, LabelFreeCheck.heldOutAuroc(normal, anomalous), 1e-12);
    }

    /**
     * Copies that do not change: each held-out row and its copy get the same kNN distance, so the
     * normal and the anomalous scores are the same multiset and AUROC is ½ exactly.
     */
    @Test
    void unchangedCopiesGiveAurocOneHalf() {
        Random r = new Random(1);
        double[][] normal = new double[40][3];
        for (double[] row : normal) {
            for (int j = 0; j < 3; j++) {
                row[j] = r.nextGaussian();
            }
        }
        assertEquals(0.5, LabelFreeCheck.heldOutAuroc(normal, normal), 1e-12);
    }

    /** Raw pixels notice a blob or a paste on synthetic brain slices; the check says so per kind. */
    @Test
    void rawPixelsSeeSyntheticAnomaliesOnBrainSlices() throws IOException {
        List<ImageRef> slices = BrainSlices.set("train", 60, 64, 1, null);
        LabelFreeCheck check = LabelFreeCheck.of(new RawPixelBackbone(Preprocessing.unnormalised(16, 1)), slices, 42);
        assertEquals(60, check.images());
        for (SyntheticAnomaly kind : SyntheticAnomaly.values()) {
            assertTrue(check.auroc().get(kind) > 0.6, check.toString());
        }
        assertTrue(check.toString().startsWith("raw pixels 16×16×1: "), check.toString());
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> LabelFreeCheck.of(new RawPixelBackbone(Preprocessing.unnormalised(16, 1)), slices.subList(0, 20), 1));
        assertTrue(few.getMessage().contains("at least 30 normal images"), few.getMessage());
    }

    /**
     * Paste 0.9 and blob 0.6: all kinds counted, the mean is 0.75; counting the blob alone, 0.6, and the
     * paste is shown apart. A check that counts nothing, or a kind it did not measure, is refused.
     */
    @Test
    void theMeanAveragesOnlyTheCountedKinds() {
        LabelFreeCheck both = new LabelFreeCheck("net", Map.of(SyntheticAnomaly.PASTE, 0.9, SyntheticAnomaly.BLOB, 0.6), 100);
        assertEquals(0.75, both.mean(), 1e-12);
        assertEquals("net: 0.750 (paste 0.900, blob 0.600)", both.toString());
        LabelFreeCheck blob = both.counting(Set.of(SyntheticAnomaly.BLOB));
        assertEquals(0.6, blob.mean(), 1e-12);
        assertEquals("net: 0.600 (blob 0.600; not counted: paste 0.900)", blob.toString());
        assertThrows(IllegalArgumentException.class, () -> both.counting(Set.of()));
        LabelFreeCheck pasteOnly = new LabelFreeCheck("net", Map.of(SyntheticAnomaly.PASTE, 0.9), 100);
        assertThrows(IllegalArgumentException.class, () -> pasteOnly.counting(Set.of(SyntheticAnomaly.BLOB)));
    }
}
