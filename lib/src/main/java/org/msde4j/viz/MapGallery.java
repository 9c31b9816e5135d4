package org.msde4j.viz;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.msde4j.data.GroundTruth;
import org.msde4j.data.Sample;
import org.msde4j.image.ImageDecoder;
import org.msde4j.image.PixelImages;
import org.msde4j.image.Pixels;
import org.msde4j.local.AnomalyMap;
import org.msde4j.local.AnomalyMaps;

/**
 * Thumbnails of the most anomalous images with their anomaly maps: each image, then its
 * {@link Overlay} (ground truth outlined in green where there is a mask), side by side.
 */
public final class MapGallery {

    private MapGallery() {
    }

    /**
     * The image at image resolution: the map upsampled to the image's size and smoothed with
     * {@link AnomalyMap#DEFAULT_SIGMA} pixels of the model's {@code inputSize}, drawn over it on the
     * scale of {@link #scale}.
     */
    public static Pixels overlay(Sample sample, float[] grid, AnomalyMaps maps, int inputSize, double[] scale)
            throws IOException {
        Pixels image = ImageDecoder.read(sample.image());
        double sigma = AnomalyMap.DEFAULT_SIGMA * image.width() / inputSize;
        float[] map = AnomalyMap.toImage(grid, maps.height(), maps.width(), image.width(), image.height(), sigma);
        GroundTruth truth = sample.mask() == null ? null : GroundTruth.read(sample);
        return Overlay.of(image, map, scale[0], scale[1], truth);
    }

    /**
     * The colour scale of a set of maps: transparent at the model's threshold — only a patch that
     * alone would make its image score exceed the threshold gets colour — and full colour as far
     * above the threshold as the threshold lies above the median training patch (the normal level);
     * without those levels, from the median to the largest patch score of the maps.
     */
    public static double[] scale(AnomalyMaps maps) {
        if (maps.threshold() > maps.normalLevel()) {
            return new double[] {maps.threshold(), 2 * maps.threshold() - maps.normalLevel()};
        }
        float[] all = new float[maps.size() * maps.height() * maps.width()];
        for (int i = 0; i < maps.size(); i++) {
            System.arraycopy(maps.maps().get(i), 0, all, i * maps.height() * maps.width(), maps.height() * maps.width());
        }
        Arrays.sort(all);
        double low = all[all.length / 2];
        double high = all[all.length - 1];
        return new double[] {low, high > low ? high : low + 1};
    }

    /**
     * The {@code count} highest-scoring samples as pairs of thumbnails of at most {@code size}
     * pixels: the image ("score · true label"), then its overlay ("anomaly map").
     */
    public static List<HtmlReport.Thumbnail> mostAnomalous(List<Sample> samples, AnomalyMaps maps, int inputSize,
                                                          int count, int size) throws IOException {
        double[] scores = maps.scores();
        Integer[] order = HtmlReport.Thumbnail.byScore(scores, true);
        double[] scale = scale(maps);
        List<HtmlReport.Thumbnail> out = new ArrayList<>();
        for (int r = 0; r < Math.min(count, order.length); r++) {
            int i = order[r];
            Sample s = samples.get(i);
            out.add(HtmlReport.Thumbnail.of(s, HtmlReport.Thumbnail.scoreCaption(scores[i], s), size));
            Pixels overlay = overlay(s, maps.maps().get(i), maps, inputSize, scale);
            out.add(new HtmlReport.Thumbnail(s.mask() == null ? "anomaly map" : "map · truth in green",
                    PixelImages.png(PixelImages.thumbnail(overlay, size))));
        }
        return out;
    }
}
