package org.msde4j.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.msde4j.data.GroundTruth;
import org.msde4j.data.Sample;

/**
 * The ground truth of a test split for pixel-level metrics: every normal test image (no anomalous
 * pixel) and every abnormal one that has a mask; abnormal images without a mask are left out and
 * counted. Masks are read at their images' size (a mask of another size is an error naming both
 * files) and resampled to the square grid the maps are compared on.
 *
 * @param images         positions in the test split of the images that count
 * @param truths         their ground truth on the {@code size × size} grid
 * @param maskedAbnormal abnormal test images with a mask
 * @param abnormal       abnormal test images in all
 * @param size           side of the grid
 */
public record PixelTruth(int[] images, List<GroundTruth> truths, int maskedAbnormal, int abnormal, int size) {

    /**
     * The ground truth of {@code test} on a {@code size × size} grid, or null when no abnormal test
     * image has a mask (then there are no pixel-level metrics).
     */
    public static PixelTruth of(List<Sample> test, int size) throws IOException {
        if (test.stream().noneMatch(s -> s.label() == 1 && s.mask() != null)) {
            return null;
        }
        List<Integer> images = new ArrayList<>();
        List<GroundTruth> truths = new ArrayList<>();
        int abnormal = 0;
        int masked = 0;
        for (int i = 0; i < test.size(); i++) {
            Sample s = test.get(i);
            abnormal += s.label();
            if (s.label() == 1 && s.mask() == null) {
                continue;
            }
            masked += s.label();
            images.add(i);
            truths.add(GroundTruth.read(s).resized(size, size));
        }
        return new PixelTruth(images.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(truths), masked, abnormal,
                size);
    }
}
