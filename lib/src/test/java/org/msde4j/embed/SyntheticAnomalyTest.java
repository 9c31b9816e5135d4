package org.msde4j.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.msde4j.data.synthetic.SyntheticBrainMri;
import org.msde4j.image.Pixels;

class SyntheticAnomalyTest {

    @Test
    void aBlobChangesIntensitySmoothlyAroundOneCentreOnTheAnatomy() {
        Pixels slice = SyntheticBrainMri.normalSlice(64, 7);
        float[] plane = SyntheticAnomaly.square(slice);
        float[] blob = SyntheticAnomaly.BLOB.apply(plane, 64, new Random(3));
        int peak = 0;
        double changed = 0;
        for (int i = 0; i < plane.length; i++) {
            double d = Math.abs(blob[i] - plane[i]);
            changed += d;
            peak = d > Math.abs(blob[peak] - plane[peak]) ? i : peak;
        }
        double top = Math.abs(blob[peak] - plane[peak]);
        assertTrue(top >= 0.1 - 1e-6 && top <= 0.3 + 1e-6, "amplitude 0.1–0.3 at the centre, got " + top);
        assertTrue(PasteTask.anatPaste().anatomyMask(plane)[peak], "the centre lies on the anatomy");
        assertTrue(changed / plane.length < top / 2, "the change is local: mean " + changed / plane.length);
        assertArrayEquals(blob, SyntheticAnomaly.BLOB.apply(plane, 64, new Random(3)), 0f, "same seed, same blob");
    }

    @Test
    void planesBecome16BitSquaresOfTheLargerSide() {
        Pixels wide = new Pixels(40, 20, 1, 255, new int[800]);
        assertEquals(40, SyntheticAnomaly.side(wide));
        float[] plane = new float[] {0f, 0.5f, 1f, 2f};
        Pixels p = SyntheticAnomaly.pixels(plane, 2);
        assertEquals(65535, p.maxValue());
        assertArrayEquals(new int[] {0, 32768, 65535, 65535}, p.values(), "rounded, clipped to [0, 1]");
    }

    /** The paste tasks make pastes, so a backbone they trained is judged on the blob alone; denoising makes neither kind. */
    @Test
    void aBackboneIsNotJudgedOnTheKindItsPretextMakes() {
        assertEquals(Set.of(SyntheticAnomaly.BLOB), SyntheticAnomaly.notMadeBy(PasteTask.anatPaste()));
        assertEquals(Set.of(SyntheticAnomaly.BLOB), SyntheticAnomaly.notMadeBy(PasteTask.cutPaste()));
        assertEquals(Set.of(SyntheticAnomaly.PASTE, SyntheticAnomaly.BLOB), SyntheticAnomaly.notMadeBy(DenoisingTask.coarseNoise()));
    }
}
