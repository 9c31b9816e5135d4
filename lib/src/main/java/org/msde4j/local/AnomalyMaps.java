package org.msde4j.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a local detector says about a list of images: for each image a map of patch scores on the
 * patch grid (height × width, row-major; higher = more anomalous) and an image score made from it,
 * with the two levels a fitted model gives the scale of its maps.
 *
 * @param height      rows of each map
 * @param width       columns of each map
 * @param maps        one map per image
 * @param scores      one image score per image
 * @param normalLevel the median in-sample patch score of the model's training images (NaN when unknown)
 * @param threshold   the model's decision threshold on image scores (NaN when unknown)
 */
public record AnomalyMaps(int height, int width, List<float[]> maps, double[] scores, double normalLevel,
                          double threshold) {

    /** Checks the shapes. */
    public AnomalyMaps {
        maps = List.copyOf(maps);
        scores = scores.clone();
        if (maps.size() != scores.length) {
            throw new IllegalArgumentException(maps.size() + " maps but " + scores.length + " image scores.");
        }
        for (float[] m : maps) {
            if (m.length != height * width) {
                throw new IllegalArgumentException("a map of " + height + "×" + width + " needs " + height * width
                        + " values, got " + m.length + ".");
            }
        }
    }

    /** Maps from per-patch scores (image by image, position by position) and the image-score rule. */
    static AnomalyMaps of(int height, int width, double[] patchScores, ImageScore rule) {
        int positions = height * width;
        int images = patchScores.length / positions;
        List<float[]> maps = new ArrayList<>(images);
        double[] scores = new double[images];
        for (int i = 0; i < images; i++) {
            float[] map = new float[positions];
            for (int p = 0; p < positions; p++) {
                map[p] = (float) patchScores[i * positions + p];
            }
            maps.add(map);
            scores[i] = rule.of(map);
        }
        return new AnomalyMaps(height, width, maps, scores, Double.NaN, Double.NaN);
    }

    /** The same maps with a fitted model's levels. */
    AnomalyMaps withLevels(double newNormalLevel, double newThreshold) {
        return new AnomalyMaps(height, width, maps, scores, newNormalLevel, newThreshold);
    }

    /** The median of all patch scores of all maps. */
    double medianPatchScore() {
        int positions = height * width;
        float[] all = new float[maps.size() * positions];
        for (int i = 0; i < maps.size(); i++) {
            System.arraycopy(maps.get(i), 0, all, i * positions, positions);
        }
        Arrays.sort(all);
        return all.length % 2 == 1 ? all[all.length / 2] : (all[all.length / 2 - 1] + all[all.length / 2]) / 2.0;
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    /** Images. */
    public int size() {
        return scores.length;
    }
}
