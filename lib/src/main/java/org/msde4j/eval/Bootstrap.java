package org.msde4j.eval;

import java.util.Arrays;
import java.util.Random;
import java.util.function.ToDoubleBiFunction;
import org.msde4j.math.Quantiles;

/**
 * Percentile-bootstrap confidence intervals of a ranking metric (Efron and Tibshirani, <i>An
 * Introduction to the Bootstrap</i>, 1993, ch. 13).
 *
 * <p>Resampling is stratified: each replicate draws the normals and the anomalies with replacement,
 * separately, keeping both counts fixed, so every replicate has both classes. The interval is the
 * (α/2, 1−α/2) quantiles (linear interpolation) of the replicate metrics. The same seed gives the
 * same interval.
 */
public final class Bootstrap {

    /** Default number of replicates. */
    public static final int DEFAULT_REPLICATES = 1000;

    private Bootstrap() {
    }

    /** The metric on the full sample with a percentile interval of the given level. */
    public static Interval percentile(double[] scores, int[] labels, ToDoubleBiFunction<double[], int[]> metric,
                                      int replicates, double level, long seed) {
        if (replicates < 1) {
            throw new IllegalArgumentException("bootstrap replicates must be ≥ 1, got " + replicates + ".");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level + ".");
        }
        double estimate = metric.applyAsDouble(scores, labels);
        double[] values = replicates(scores, labels, metric, replicates, new Random(seed));
        Arrays.sort(values);
        double alpha = 1 - level;
        return new Interval(estimate, Quantiles.ofSorted(values, alpha / 2), Quantiles.ofSorted(values, 1 - alpha / 2), level);
    }

    /**
     * The metric on {@code count} stratified bootstrap resamples (normals and anomalies drawn with
     * replacement separately, their counts kept).
     */
    public static double[] replicates(double[] scores, int[] labels, ToDoubleBiFunction<double[], int[]> metric,
                                      int count, Random rnd) {
        int[] pos = indicesOf(labels, 1);
        int[] neg = indicesOf(labels, 0);
        double[] values = new double[count];
        double[] s = new double[scores.length];
        int[] l = new int[scores.length];
        for (int b = 0; b < count; b++) {
            int c = 0;
            for (int[] group : new int[][] {neg, pos}) {
                for (int r = 0; r < group.length; r++) {
                    int i = group[rnd.nextInt(group.length)];
                    s[c] = scores[i];
                    l[c++] = labels[i];
                }
            }
            values[b] = metric.applyAsDouble(s, l);
        }
        return values;
    }

    /**
     * metric(a) − metric(b) of two methods' scores of the same images, with a percentile interval
     * from paired resamples: each replicate draws the images once (stratified, as above) and
     * measures both methods on them, so what the images have in common cancels.
     */
    public static Interval pairedDifference(double[] a, double[] b, int[] labels,
                                            ToDoubleBiFunction<double[], int[]> metric, int replicates, double level,
                                            long seed) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired scores differ in length: " + a.length + " vs " + b.length + ".");
        }
        double[] images = java.util.stream.IntStream.range(0, a.length).asDoubleStream().toArray();
        ToDoubleBiFunction<double[], int[]> difference = (drawn, l) -> metric.applyAsDouble(pick(a, drawn), l)
                - metric.applyAsDouble(pick(b, drawn), l);
        return percentile(images, labels, difference, replicates, level, seed);
    }

    private static double[] pick(double[] scores, double[] images) {
        double[] out = new double[images.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = scores[(int) images[i]];
        }
        return out;
    }

    /** 95 % interval with {@value #DEFAULT_REPLICATES} replicates. */
    public static Interval percentile95(double[] scores, int[] labels, ToDoubleBiFunction<double[], int[]> metric,
                                        long seed) {
        return percentile(scores, labels, metric, DEFAULT_REPLICATES, 0.95, seed);
    }

    private static int[] indicesOf(int[] labels, int value) {
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == value).toArray();
    }
}
