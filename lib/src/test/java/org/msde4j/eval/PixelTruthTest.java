package org.msde4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.msde4j.data.Sample;
import org.msde4j.data.Split;
import org.msde4j.image.ImageRef;
import org.msde4j.image.Pixels;

/** Which test images count for pixel metrics, worked out by hand on four 4 × 4 images. */
class PixelTruthTest {

    private static ImageRef image(String name, int[] values) {
        Pixels pixels = new Pixels(4, 4, 1, 255, values);
        return new ImageRef.Array(name, 0, () -> pixels, name);
    }

    private static Sample sample(String id, int label, boolean masked) {
        int[] mask = new int[16];
        mask[0] = mask[1] = mask[4] = mask[5] = 255;                // the top-left 2 × 2 block
        return new Sample(id, image(id, new int[16]), Split.TEST, label, masked ? image(id + "-mask", mask) : null);
    }

    @Test
    void normalImagesAndMaskedAbnormalOnesCountTheOthersAreCounted() throws Exception {
        List<Sample> test = List.of(sample("n0", 0, false), sample("a1", 1, true), sample("a2", 1, false),
                sample("n3", 0, false));

        PixelTruth truth = PixelTruth.of(test, 2);

        assertArrayEquals(new int[] {0, 1, 3}, truth.images());
        assertEquals(1, truth.maskedAbnormal());
        assertEquals(2, truth.abnormal());
        assertEquals(2, truth.size());
        assertArrayEquals(new boolean[] {false, false, false, false}, truth.truths().get(0).anomalous());
        assertArrayEquals(new boolean[] {true, false, false, false}, truth.truths().get(1).anomalous(),
                "the 2 × 2 block of a 4 × 4 mask is the top-left pixel of a 2 × 2 grid");
        assertEquals(2, truth.truths().get(1).width());
    }

    @Test
    void withoutAnyMaskedAbnormalImageThereIsNoTruth() throws Exception {
        assertNull(PixelTruth.of(List.of(sample("n0", 0, false), sample("a1", 1, false)), 2));
    }

    @Test
    void theCoverageSaysWhichAbnormalImagesCounted() {
        assertEquals("pixel metrics over the 150 of 200 abnormal test images that have masks, and every normal one",
                new PixelResult(0.9, 0.7, 150, 200, 64).coverage());
        assertEquals("pixel metrics over all test images (every abnormal one has a mask)",
                new PixelResult(0.9, 0.7, 200, 200, 64).coverage());
    }
}
