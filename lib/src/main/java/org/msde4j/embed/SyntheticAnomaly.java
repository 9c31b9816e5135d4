package org.msde4j.embed;

import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.msde4j.image.Pixels;

/**
 * Anomalies made from a normal image, for checks that have no real anomalies. An image is first
 * brought to a square grey plane in [0, 1] ({@link #square}, at most {@value #MAX_SIDE} px, as the
 * backbones' preprocessing would resize it anyway), changed there, and handed back as 16-bit grey
 * pixels ({@link #pixels}); the normal image to compare with goes through the same two steps
 * unchanged, so that the comparison sees only the anomaly.
 *
 * <ul>
 *   <li>{@link #PASTE}: an AnatPaste patch ({@link PasteTask#anatPaste()}): a local, sharp-edged change;</li>
 *   <li>{@link #BLOB}: a smooth Gaussian change of intensity, brighter or darker by 0.1–0.3 at its centre,
 *       its standard deviation 5–15 % of the image side, centred on the anatomy (Otsu's threshold): a
 *       diffuse change without an edge, as an opacity or an oedema looks.</li>
 * </ul>
 */
public enum SyntheticAnomaly {
    PASTE, BLOB;

    /**
     * The kinds that {@code pretext} does not make while it trains: a backbone is not judged on
     * anomalies of its own pretext's kind, which it was trained to find ({@link #PASTE} for the paste
     * tasks; every kind for denoising).
     */
    public static Set<SyntheticAnomaly> notMadeBy(Pretext pretext) {
        Set<SyntheticAnomaly> kinds = EnumSet.allOf(SyntheticAnomaly.class);
        if (pretext instanceof PasteTask) {
            kinds.remove(PASTE);
        }
        return kinds;
    }

    /** Largest side of the square planes the anomalies are drawn on. */
    public static final int MAX_SIDE = 256;

    /** The grey plane of {@code image} resized to a square of its larger side (at most {@value #MAX_SIDE}). */
    public static float[] square(Pixels image) {
        return Preprocessing.unnormalised(side(image), 1).apply(image);
    }

    /** Side of {@link #square}'s plane. */
    public static int side(Pixels image) {
        return Math.min(MAX_SIDE, Math.max(image.width(), image.height()));
    }

    /** A plane in [0, 1] as 16-bit grey pixels. */
    public static Pixels pixels(float[] plane, int side) {
        int[] values = new int[plane.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (int) Math.round(Math.max(0, Math.min(1, plane[i])) * 65535);
        }
        return new Pixels(side, side, 1, 65535, values);
    }

    /** An anomalous copy of a square {@code plane} of side {@code side}, drawn with {@code random}. */
    public float[] apply(float[] plane, int side, Random random) {
        PasteTask anatomy = PasteTask.anatPaste();
        boolean[] mask = anatomy.anatomyMask(plane);
        return this == PASTE ? anatomy.paste(plane, side, mask, random) : blob(plane, side, mask, random);
    }

    private static float[] blob(float[] plane, int side, boolean[] mask, Random random) {
        int cx = 0;
        int cy = 0;
        for (int attempt = 0; attempt < PasteTask.ATTEMPTS; attempt++) {
            cx = random.nextInt(side);
            cy = random.nextInt(side);
            if (mask[cy * side + cx]) {
                break;
            }
        }
        double sigma = (0.05 + 0.10 * random.nextDouble()) * side;
        double amplitude = (0.1 + 0.2 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
        float[] out = plane.clone();
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double d2 = (double) (x - cx) * (x - cx) + (double) (y - cy) * (y - cy);
                out[y * side + x] += (float) (amplitude * Math.exp(-d2 / (2 * sigma * sigma)));
            }
        }
        return out;
    }
}
