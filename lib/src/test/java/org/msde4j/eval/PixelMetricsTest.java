package org.msde4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.msde4j.data.GroundTruth;

/** Pixel AUROC and AUPRO on cases small enough to work out by hand (the workings are in the comments). */
class PixelMetricsTest {

    private static GroundTruth mask(int width, int height, int... anomalous) {
        boolean[] flags = new boolean[width * height];
        for (int p : anomalous) {
            flags[p] = true;
        }
        return new GroundTruth(width, height, flags);
    }

    @Test
    void pixelAurocCountsPairsAndHalvesTies() {
        // image 1 (2×2): anomalous 0.9 and 0.4, normal 0.1 and 0.4 → pairs 1 + 1 + 1 + ½ = 3.5 of 4
        List<float[]> maps = List.of(new float[] {0.9f, 0.1f, 0.4f, 0.4f});
        List<GroundTruth> truths = List.of(mask(2, 2, 0, 3));
        assertEquals(0.875, PixelMetrics.auroc(maps, truths), 1e-12);
        // a normal image (1×2) with 0.5 and 0.0 adds two normal pixels: 0.9 beats all four (4),
        // 0.4 beats 0.1 and 0.0, ties 0.4, loses to 0.5 (2.5) → 6.5 of 8
        List<float[]> both = List.of(maps.get(0), new float[] {0.5f, 0.0f});
        assertEquals(0.8125, PixelMetrics.auroc(both, List.of(truths.get(0), GroundTruth.empty(2, 1))), 1e-12);
    }

    /**
     * Image A (3×3), regions R1 = {(0,0), (1,0)} (2 pixels) and R2 = {(2,2)} (1 pixel), not touching
     * even diagonally; image B (2×2) normal. 10 normal pixels, so each adds 0.1 to the FPR; a pixel of
     * R1 adds ½ · ½ to the PRO, the pixel of R2 adds 1 · ½.
     */
    private static final float[] A = {
        0.9f, 0.5f, 0.3f,
        0.2f, 0.1f, 0.6f,
        0.0f, 0.4f, 0.8f};
    private static final float[] B = {0.7f, 0.05f, 0.15f, 0.25f};
    private static final List<GroundTruth> TRUTHS = List.of(mask(3, 3, 0, 1, 8), GroundTruth.empty(2, 2));

    @Test
    void auproAveragesRegionsAndIntegratesToTheFprLimit() {
        // descending: 0.9 R1 (0, .25); 0.8 R2 (0, .75); 0.7 n (.1, .75); 0.6 n (.2, .75); 0.5 R1 (.2, 1); 0.4 n (.3, 1)
        // area = .1·.75 + .1·.75 + .1·1 = .25, normalised by .3
        assertEquals(0.25 / 0.3, PixelMetrics.aupro(List.of(A, B), TRUTHS), 1e-12);
        // up to .25: .15 + .05 · 1 = .2, normalised by .25 (the last segment is cut at the limit)
        assertEquals(0.8, PixelMetrics.aupro(List.of(A, B), TRUTHS, 0.25), 1e-12);
    }

    @Test
    void auproTakesTiedPixelsTogether() {
        float[] tied = A.clone();
        tied[1] = 0.6f;
        // 0.6 now holds one normal pixel and one of R1: one diagonal step (.1, .75) → (.2, 1)
        // area = .1·.75 + .1·(.75 + 1)/2 + .1·1 = .2625
        assertEquals(0.2625 / 0.3, PixelMetrics.aupro(List.of(tied, B), TRUTHS), 1e-12);
        // cut at .15 inside the diagonal step: PRO there is .875, area = .075 + .05·(.75 + .875)/2 = .115625
        assertEquals(0.115625 / 0.15, PixelMetrics.aupro(List.of(tied, B), TRUTHS, 0.15), 1e-12);
    }

    @Test
    void aPerfectMapScoresOne() {
        float[] perfect = new float[9];
        perfect[0] = perfect[1] = perfect[8] = 1;
        assertEquals(1.0, PixelMetrics.aupro(List.of(perfect, new float[4]), TRUTHS), 1e-12);
        assertEquals(1.0, PixelMetrics.auroc(List.of(perfect, new float[4]), TRUTHS), 1e-12);
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> PixelMetrics.auroc(List.of(new float[4]), List.of(mask(3, 3, 0))));
        assertTrue(size.getMessage().contains("map 0 has 4 values but its mask is 3×3"), size.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> PixelMetrics.aupro(List.of(new float[4]), List.of(GroundTruth.empty(2, 2))));
        assertTrue(none.getMessage().contains("need both anomalous and normal pixels"), none.getMessage());
    }
}
