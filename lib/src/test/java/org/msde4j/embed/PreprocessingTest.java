package org.msde4j.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.msde4j.image.Pixels;

class PreprocessingTest {

    @Test
    void paperPresetCopiesGreyToThreeChannelsWithImageNetNormalisation() {
        Pixels grey = new Pixels(2, 2, 1, 255, new int[] {0, 255, 255, 0});
        float[] x = Preprocessing.paper().withSize(2).apply(grey);
        // (v − mean_c) / std_c with ImageNet mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225).
        float r0 = (float) (-0.485 / 0.229);
        float r1 = (float) (0.515 / 0.229);
        float g0 = (float) (-0.456 / 0.224);
        float g1 = (float) (0.544 / 0.224);
        float b0 = (float) (-0.406 / 0.225);
        float b1 = (float) (0.594 / 0.225);
        float[] expected = {r0, r1, r1, r0, g0, g1, g1, g0, b0, b1, b1, b0};
        assertArrayEquals(expected, x, 1e-6f);
    }

    @Test
    void colourToGreyIsBt601Luma() {
        Pixels rgb = new Pixels(1, 1, 3, 255, new int[] {255, 0, 0});
        assertArrayEquals(new float[] {0.299f}, Preprocessing.unnormalised(1, 1).apply(rgb), 1e-6f);
        Pixels mixed = new Pixels(1, 1, 3, 255, new int[] {51, 102, 204});
        float luma = (float) ((0.299 * 51 + 0.587 * 102 + 0.114 * 204) / 255);
        assertArrayEquals(new float[] {luma}, Preprocessing.unnormalised(1, 1).apply(mixed), 1e-6f);
    }

    @Test
    void sixteenBitSamplesScaleByTheirMaximum() {
        Pixels deep = new Pixels(2, 2, 1, 65535, new int[] {65535, 16384, 0, 1});
        assertArrayEquals(new float[] {1f, 16384f / 65535f, 0f, 1f / 65535f},
                Preprocessing.unnormalised(2, 1).apply(deep), 1e-7f);
    }

    @Test
    void resizingComesFromTheResamplerAndKeepsChannelsApart() {
        // A 2×2 RGB image shrunk to 1×1: every channel becomes its own mean.
        Pixels rgb = new Pixels(2, 2, 3, 255, new int[] {0, 255, 10, 255, 255, 20, 0, 255, 30, 255, 255, 40});
        float[] x = Preprocessing.unnormalised(1, 3).apply(rgb);
        assertArrayEquals(new float[] {0.5f, 1f, 25f / 255f}, x, 1e-6f);
    }

    @Test
    void keyChangesWithEverySetting() {
        Preprocessing p = Preprocessing.paper();
        assertEquals(p, Preprocessing.paper());
        assertNotEquals(p.key(), p.withSize(128).key());
        assertNotEquals(p.key(), Preprocessing.unnormalised(224, 3).key());
        assertNotEquals(p.key(), p.withNormalisation(new double[] {0.5, 0.5, 0.5}, new double[] {0.229, 0.224, 0.225}).key());
    }

    @Test
    void rejectsSettingsThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.unnormalised(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.unnormalised(8, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Preprocessing.unnormalised(8, 1).withNormalisation(new double[] {0}, new double[] {0}));
    }
}
