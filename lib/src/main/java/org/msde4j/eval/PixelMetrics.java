package org.msde4j.eval;

import java.util.Arrays;
import java.util.List;
import org.msde4j.data.GroundTruth;

/**
 * Pixel-level metrics of anomaly maps against ground-truth masks, over all pixels of all images
 * together (higher map value = more anomalous).
 *
 * <ul>
 *   <li><b>Pixel AUROC</b>: P(s⁺ &gt; s⁻) + ½ P(s⁺ = s⁻) over every (anomalous, normal) pixel pair,
 *       as {@link Metrics#auroc} for images.</li>
 *   <li><b>AUPRO</b> (Bergmann et al., "The MVTec Anomaly Detection Dataset", IJCV 129, 2021): at a
 *       threshold t, the per-region overlap PRO(t) = (1/K) Σₖ |{p ∈ Cₖ : s(p) &gt; t}| / |Cₖ| averages
 *       over the K connected anomalous regions Cₖ of all images (8-connectivity), so a small lesion
 *       counts as much as a large one; FPR(t) is the share of normal pixels above t. AUPRO is the
 *       area under PRO against FPR from 0 to {@value #DEFAULT_FPR_LIMIT}, by the trapezoid rule
 *       over every distinct threshold (the curve interpolated linearly at the limit), divided by the
 *       limit so that a perfect map scores 1.</li>
 * </ul>
 */
public final class PixelMetrics {

    /** The false-positive rate up to which AUPRO integrates, as in MVTec AD. */
    public static final double DEFAULT_FPR_LIMIT = 0.3;

    private PixelMetrics() {
    }

    /** Pixel AUROC of {@code maps} (one row-major map per image, the size of its mask) against {@code truths}. */
    public static double auroc(List<float[]> maps, List<GroundTruth> truths) {
        long[] keys = sortedKeys(maps, truths);
        long positives = 0;
        for (GroundTruth t : truths) {
            positives += t.area();
        }
        long negatives = keys.length - positives;
        requireBoth(positives, negatives);
        // keys hold (score, label) with the label in the lowest bit; walk groups of equal score upwards
        double sum = 0;
        long negativesBelow = 0;
        int i = 0;
        while (i < keys.length) {
            int j = i;
            long pos = 0;
            while (j < keys.length && (keys[j] >>> 32) == (keys[i] >>> 32)) {
                pos += (int) (keys[j] & 1);
                j++;
            }
            long neg = (j - i) - pos;
            sum += pos * (negativesBelow + neg / 2.0);
            negativesBelow += neg;
            i = j;
        }
        return sum / ((double) positives * negatives);
    }

    /** AUPRO up to an FPR of {@value #DEFAULT_FPR_LIMIT}. */
    public static double aupro(List<float[]> maps, List<GroundTruth> truths) {
        return aupro(maps, truths, DEFAULT_FPR_LIMIT);
    }

    /** AUPRO up to an FPR of {@code fprLimit}, normalised by it. */
    public static double aupro(List<float[]> maps, List<GroundTruth> truths, double fprLimit) {
        if (!(fprLimit > 0 && fprLimit <= 1)) {
            throw new IllegalArgumentException("the FPR limit of AUPRO must be in (0, 1], got " + fprLimit + ".");
        }
        check(maps, truths);
        int total = maps.stream().mapToInt(m -> m.length).sum();
        double[] proStep = new double[total];
        boolean[] normal = new boolean[total];
        float[] score = new float[total];
        int regions = 0;
        int offset = 0;
        long normals = 0;
        for (int m = 0; m < maps.size(); m++) {
            int[] region = truths.get(m).regions();
            int count = Arrays.stream(region).max().orElse(-1) + 1;
            int[] size = new int[count];
            for (int r : region) {
                if (r >= 0) {
                    size[r]++;
                }
            }
            for (int p = 0; p < region.length; p++) {
                score[offset + p] = maps.get(m)[p];
                if (region[p] < 0) {
                    normal[offset + p] = true;
                    normals++;
                } else {
                    proStep[offset + p] = 1.0 / size[region[p]];
                }
            }
            regions += count;
            offset += region.length;
        }
        requireBoth(regions, normals);
        long[] keys = new long[total];
        for (int p = 0; p < total; p++) {
            keys[p] = ((long) sortable(score[p]) << 32) | p;
        }
        Arrays.sort(keys);
        double area = 0;
        double fpr = 0;
        double pro = 0;
        int i = total - 1;
        while (i >= 0 && fpr < fprLimit) {
            int j = i;
            double nextFpr = fpr;
            double nextPro = pro;
            while (j >= 0 && (keys[j] >> 32) == (keys[i] >> 32)) {
                int p = (int) keys[j];
                if (normal[p]) {
                    nextFpr += 1.0 / normals;
                } else {
                    nextPro += proStep[p] / regions;
                }
                j--;
            }
            if (nextFpr > fprLimit) {
                nextPro = pro + (nextPro - pro) * (fprLimit - fpr) / (nextFpr - fpr);
                nextFpr = fprLimit;
            }
            area += (nextFpr - fpr) * (pro + nextPro) / 2;
            fpr = nextFpr;
            pro = nextPro;
            i = j;
        }
        return area / fprLimit;
    }

    /** Keys (score, label) sorted ascending by score: the score's order-preserving bits above, the label in bit 0. */
    private static long[] sortedKeys(List<float[]> maps, List<GroundTruth> truths) {
        check(maps, truths);
        int total = maps.stream().mapToInt(m -> m.length).sum();
        long[] keys = new long[total];
        int k = 0;
        for (int m = 0; m < maps.size(); m++) {
            float[] map = maps.get(m);
            boolean[] truth = truths.get(m).anomalous();
            for (int p = 0; p < map.length; p++) {
                keys[k++] = ((long) sortable(map[p]) << 32) | (truth[p] ? 1 : 0);
            }
        }
        Arrays.sort(keys);
        return keys;
    }

    /** An int whose signed order is the float's numeric order (−0 counted as +0). */
    private static int sortable(float v) {
        int bits = Float.floatToIntBits(v == 0 ? 0f : v);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    private static void check(List<float[]> maps, List<GroundTruth> truths) {
        if (maps.size() != truths.size()) {
            throw new IllegalArgumentException(maps.size() + " maps for " + truths.size() + " masks: give one map per mask.");
        }
        for (int m = 0; m < maps.size(); m++) {
            GroundTruth t = truths.get(m);
            if (maps.get(m).length != t.anomalous().length) {
                throw new IllegalArgumentException("map " + m + " has " + maps.get(m).length + " values but its mask is "
                        + t.width() + "×" + t.height() + ": resample the map to its mask's size first.");
            }
            for (float v : maps.get(m)) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("map " + m + " holds " + v + "; map values must be finite.");
                }
            }
        }
    }

    private static void requireBoth(long anomalous, long normal) {
        if (anomalous == 0 || normal == 0) {
            throw new IllegalArgumentException("pixel metrics need both anomalous and normal pixels; got " + anomalous
                    + " anomalous (regions for AUPRO) and " + normal + " normal ones.");
        }
    }
}
