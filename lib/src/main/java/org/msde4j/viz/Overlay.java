package org.msde4j.viz;

import org.msde4j.data.GroundTruth;
import org.msde4j.image.Pixels;

/**
 * An anomaly map drawn over its image: the image in grey, and on top a heat colour (dark red →
 * red → yellow → white, as matplotlib's "hot") whose opacity grows with the map value, from fully
 * transparent at {@code low} to 70 % opaque at {@code high} and above. Where a ground-truth mask is
 * given, its outline is drawn in green, one pixel wide, so that map and truth can be compared.
 */
public final class Overlay {

    private static final double MAX_OPACITY = 0.7;
    private static final int[] OUTLINE = {0, 230, 64};

    private Overlay() {
    }

    /**
     * The overlay of {@code map} (row-major, the image's size) on {@code image}.
     *
     * @param low   the map value drawn transparent (and below)
     * @param high  the map value drawn at full opacity (and above); must exceed {@code low}
     * @param truth the image's ground truth, or null
     * @return an RGB image of the same size
     */
    public static Pixels of(Pixels image, float[] map, double low, double high, GroundTruth truth) {
        int w = image.width();
        int h = image.height();
        if (map.length != w * h) {
            throw new IllegalArgumentException("a map of " + map.length + " values cannot overlay an image of " + w + "×" + h
                    + ": resample it to the image's size first.");
        }
        if (!(high > low)) {
            throw new IllegalArgumentException("the colour scale needs high > low, got " + low + " and " + high + ".");
        }
        boolean[] edge = truth == null ? new boolean[w * h] : outline(truth);
        int[] out = new int[w * h * 3];
        double scale = 255.0 / image.maxValue();
        for (int p = 0; p < w * h; p++) {
            double grey = 0;
            for (int c = 0; c < image.channels(); c++) {
                grey += image.values()[p * image.channels() + c];
            }
            grey = grey / image.channels() * scale;
            double t = Math.max(0, Math.min(1, (map[p] - low) / (high - low)));
            double[] heat = {Math.min(1, 0.3 + 2.1 * t), Math.max(0, Math.min(1, 2.5 * t - 1)), Math.max(0, 4 * t - 3)};
            double alpha = MAX_OPACITY * t;
            for (int c = 0; c < 3; c++) {
                double v = edge[p] ? OUTLINE[c] : grey * (1 - alpha) + 255 * heat[c] * alpha;
                out[p * 3 + c] = (int) Math.round(Math.max(0, Math.min(255, v)));
            }
        }
        return new Pixels(w, h, 3, 255, out);
    }

    /** Anomalous pixels with a normal 4-neighbour (or on the image border): the mask's outline. */
    private static boolean[] outline(GroundTruth truth) {
        int w = truth.width();
        int h = truth.height();
        if (w * h == 0) {
            return new boolean[0];
        }
        boolean[] a = truth.anomalous();
        boolean[] edge = new boolean[a.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                edge[p] = a[p] && (x == 0 || y == 0 || x == w - 1 || y == h - 1
                        || !a[p - 1] || !a[p + 1] || !a[p - w] || !a[p + w]);
            }
        }
        return edge;
    }
}
