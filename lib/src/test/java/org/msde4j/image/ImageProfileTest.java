package org.msde4j.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageProfileTest {

    /** 50 training images of 128×128 with mean intensity 0.20–0.29 and spread 0.25–0.34. */
    private static ImageProfile brains() {
        List<ImageStatistics> train = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            train.add(new ImageStatistics(128, 128, 0.2 + 0.09 * i / 49, 0.25 + 0.09 * i / 49));
        }
        return ImageProfile.of(train);
    }

    @Test
    void statisticsAreTheMeanAndSpreadOfTheSamplesOnAZeroToOneScale() {
        // 2×1 grey 8-bit image with samples 0 and 255: mean 0.5, population sd 0.5.
        ImageStatistics s = ImageStatistics.of(new Pixels(2, 1, 1, 255, new int[] {0, 255}));
        assertEquals(0.5, s.mean(), 1e-12);
        assertEquals(0.5, s.std(), 1e-12);
        assertEquals(2.0, s.aspectRatio(), 0.0);
        ImageStatistics deep = ImageStatistics.of(new Pixels(1, 1, 3, 65535, new int[] {65535, 65535, 65535}));
        assertEquals(1.0, deep.mean(), 0.0, "16-bit samples on the same scale");
        assertEquals(0.0, deep.std(), 0.0);
    }

    @Test
    void imagesLikeTheTrainingImagesPass() {
        ImageProfile p = brains();
        assertEquals(Optional.empty(), p.outOfDistribution(new ImageStatistics(128, 128, 0.25, 0.3)));
        // sizes within a factor √2 of the training images', aspect ratio within 2^(1/4), intensities within
        // the training range widened by half the minimum width 0.1 on each side
        assertEquals(Optional.empty(), p.outOfDistribution(new ImageStatistics(110, 128, 0.17, 0.37)));
        assertEquals(Optional.empty(), p.outOfDistribution(new ImageStatistics(175, 160, 0.33, 0.21)));
        assertTrue(p.outOfDistribution(new ImageStatistics(100, 128, 0.25, 0.3)).isPresent(), "aspect 0.78 < 2^(-1/4)");
    }

    @Test
    void aTinyImageAHugeNoiseImageAndABlankImageAreFlaggedWithTheReason() {
        ImageProfile p = brains();
        String tiny = p.outOfDistribution(new ImageStatistics(1, 1, 0.25, 0.0)).orElseThrow();
        assertTrue(tiny.contains("width (px) 1 (training images 128–128)"), tiny);
        assertTrue(tiny.contains("height (px) 1"), tiny);
        assertTrue(tiny.contains("intensity spread 0.000 (training images 0.251–0.339)"), tiny);
        // uniform noise: mean 0.5, sd 1/√12 ≈ 0.289
        String noise = p.outOfDistribution(new ImageStatistics(8000, 8000, 0.5, 0.289)).orElseThrow();
        assertTrue(noise.contains("width (px) 8000") && noise.contains("mean intensity 0.500"), noise);
        assertTrue(!noise.contains("spread"), "its spread is like the training images': " + noise);
        String wide = p.outOfDistribution(new ImageStatistics(256, 64, 0.25, 0.3)).orElseThrow();
        assertTrue(wide.contains("aspect ratio 4 (training images 1–1)"), wide);
    }

    @Test
    void theProfileSurvivesItsJson() throws IOException {
        ImageProfile p = brains();
        assertEquals(p, ImageProfile.fromJson(p.toJson()));
    }
}
