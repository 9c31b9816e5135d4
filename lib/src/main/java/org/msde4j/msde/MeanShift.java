package org.msde4j.msde;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.msde4j.knn.ExactKnn;
import org.msde4j.knn.NeighbourSets;

/**
 * The weighted blurring mean shift at the heart of MSDE (Kar, Lakshmi S and Bej, arXiv:2604.19191,
 * §3; Cheng 1995 for blurring mean shift).
 *
 * <p>Each iteration, with Nₖ(i) the k nearest current points of yᵢ (itself included) and w the
 * density weights: mᵢ = Σ_{j∈Nₖ(i)} wⱼ yⱼ / max(Σ wⱼ, 10⁻⁶); Δᵢ = ‖mᵢ − yᵢ‖;
 * yᵢ ← yᵢ + η (mᵢ − yᵢ) when Δᵢ > 10⁻⁶. All points move together, from the previous positions.
 * The run stops after the first iteration whose mean Δ falls below the tolerance (that update is
 * kept), or after the maximum number of iterations.
 */
public final class MeanShift {

    private static final double MIN_WEIGHT_SUM = 1e-6;
    private static final double MIN_MOVE = 1e-6;

    /** Receives the positions after each iteration (for plots and tests); must not modify them. */
    @FunctionalInterface
    public interface Listener {
        void afterIteration(int iteration, double[][] positions, double[] displacement);
    }

    private MeanShift() {
    }

    /** Shifts all rows of {@code x} together (the fit run and the transductive run). */
    public static ShiftTrace blurring(double[][] x, double[] weights, MsdeOptions o, ExactKnn knn, Listener listener) {
        double[][] y = org.msde4j.math.Matrices.copy(x);
        int n = y.length;
        double[][] steps = new double[o.maxIterations()][];
        double[] means = new double[o.maxIterations()];
        double[] maxes = new double[o.maxIterations()];
        int t = 0;
        while (t < o.maxIterations()) {
            NeighbourSets sets = knn.selfInclusive(y, o.k());
            double[][] current = y;
            double[][] next = new double[n][];
            double[] delta = new double[n];
            IntStream.range(0, n).parallel().forEach(i -> {
                double[] mean = weightedMean(sets, i, current, weights);
                delta[i] = step(current[i], mean, o.eta(), next, i);
            });
            y = next;
            steps[t] = delta;
            means[t] = Arrays.stream(delta).sum() / n;
            maxes[t] = Arrays.stream(delta).max().orElse(0);
            t++;
            if (listener != null) {
                listener.afterIteration(t, y, delta);
            }
            if (means[t - 1] < o.tolerance()) {
                break;
            }
        }
        return new ShiftTrace(y, Arrays.copyOf(steps, t), Arrays.copyOf(means, t), Arrays.copyOf(maxes, t));
    }

    /**
     * Moves each query towards the fixed {@code reference} rows, weighted by {@code weights}, as if it
     * were a passive point of a finished fit run: its neighbours are its k nearest reference rows;
     * the reference never moves. Each query stops on its own when its Δ falls below the tolerance,
     * so a query's path does not depend on the other queries (inductive scoring).
     */
    public static ShiftTrace toward(double[][] queries, double[][] reference, double[] weights, MsdeOptions o,
                                    ExactKnn knn) {
        int m = queries.length;
        int k = Math.min(o.k(), reference.length);
        double[][] y = org.msde4j.math.Matrices.copy(queries);
        int[] active = IntStream.range(0, m).toArray();
        double[][] steps = new double[o.maxIterations()][];
        double[] means = new double[o.maxIterations()];
        double[] maxes = new double[o.maxIterations()];
        int t = 0;
        while (t < o.maxIterations() && active.length > 0) {
            int[] moving = active;
            double[][] sub = new double[moving.length][];
            for (int a = 0; a < moving.length; a++) {
                sub[a] = y[moving[a]];
            }
            NeighbourSets sets = knn.among(sub, reference, k);
            double[] delta = new double[m];
            double[][] current = y;
            IntStream.range(0, moving.length).parallel().forEach(a -> {
                double[] mean = weightedMean(sets, a, reference, weights);
                delta[moving[a]] = step(current[moving[a]], mean, o.eta(), current, moving[a]);
            });
            steps[t] = delta;
            double sum = 0;
            double max = 0;
            for (int i : moving) {
                sum += delta[i];
                max = Math.max(max, delta[i]);
            }
            means[t] = sum / moving.length;
            maxes[t] = max;
            active = Arrays.stream(moving).filter(i -> delta[i] >= o.tolerance()).toArray();
            t++;
        }
        return new ShiftTrace(y, Arrays.copyOf(steps, t), Arrays.copyOf(means, t), Arrays.copyOf(maxes, t));
    }

    private static double[] weightedMean(NeighbourSets sets, int row, double[][] points, double[] weights) {
        int d = points[0].length;
        double[] acc = new double[d];
        double denominator = 0;
        for (int r = 0; r < sets.k(); r++) {
            int j = sets.get(row, r);
            double w = weights[j];
            denominator += w;
            double[] p = points[j];
            for (int c = 0; c < d; c++) {
                acc[c] += w * p[c];
            }
        }
        double scale = Math.max(denominator, MIN_WEIGHT_SUM);
        for (int c = 0; c < d; c++) {
            acc[c] /= scale;
        }
        return acc;
    }

    /** Writes yᵢ + η(mᵢ − yᵢ) (or yᵢ unchanged when Δᵢ ≤ 10⁻⁶) into {@code out[slot]}; returns Δᵢ. */
    private static double step(double[] y, double[] mean, double eta, double[][] out, int slot) {
        double sq = 0;
        for (int c = 0; c < y.length; c++) {
            double diff = mean[c] - y[c];
            sq += diff * diff;
        }
        double delta = Math.sqrt(sq);
        double[] moved = new double[y.length];
        if (delta > MIN_MOVE) {
            for (int c = 0; c < y.length; c++) {
                moved[c] = y[c] + eta * (mean[c] - y[c]);
            }
        } else {
            System.arraycopy(y, 0, moved, 0, y.length);
        }
        out[slot] = moved;
        return delta;
    }
}
