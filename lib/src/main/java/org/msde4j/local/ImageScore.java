package org.msde4j.local;

import java.util.Arrays;

/**
 * How an anomaly map becomes one score per image: the mean of its {@code topK} largest values
 * ({@code topK} = 1: the maximum, PatchCore's and PaDiM's choice). A larger k trades sensitivity to
 * a single small lesion for robustness to one noisy patch.
 *
 * @param topK how many of the largest patch scores are averaged (≥ 1)
 */
public record ImageScore(int topK) {

    /** Validates k. */
    public ImageScore {
        if (topK < 1) {
            throw new IllegalArgumentException("option top-k (patches averaged into the image score) must be ≥ 1, got "
                    + topK + ".");
        }
    }

    /** The maximum of the map. */
    public static ImageScore max() {
        return new ImageScore(1);
    }

    /** The image score of one map. */
    public double of(float[] map) {
        if (topK == 1) {
            float m = Float.NEGATIVE_INFINITY;
            for (float v : map) {
                m = Math.max(m, v);
            }
            return m;
        }
        float[] sorted = map.clone();
        Arrays.sort(sorted);
        int k = Math.min(topK, sorted.length);
        double sum = 0;
        for (int i = sorted.length - k; i < sorted.length; i++) {
            sum += sorted[i];
        }
        return sum / k;
    }

    /** E.g. {@code max} or {@code mean of the top 10}. */
    @Override
    public String toString() {
        return topK == 1 ? "max" : "mean of the top " + topK;
    }
}
