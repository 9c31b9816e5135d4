package org.msde4j.msde;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.msde4j.knn.ExactKnn;
import org.msde4j.knn.NeighbourSets;
import org.msde4j.math.Matrices;

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

    /** Receives the positions after each iteration (for plots and tests): a copy, which it may keep. */
    @FunctionalInterface
    public interface Listener {
        void afterIteration(int iteration, double[][] positions, double[] displacement);
    }

    private MeanShift() {
    }

    /**
     * Shifts all rows of {@code x} together (the fit run and the transductive run). Works in two
     * position buffers, so an iteration allocates O(n·k) (the neighbour sets), not O(n·d); the
     * positions are copied only for a listener.
     */
    public static ShiftTrace blurring(double[][] x, double[] weights, MsdeOptions o, ExactKnn knn, Listener listener) {
        double[][] y = Matrices.copy(x);
        int n = y.length;
        double[][] next = new double[n][x.length == 0 ? 0 : x[0].length];
        double[][] steps = new double[o.maxIterations()][];
        double[] means = new double[o.maxIterations()];
        double[] maxes = new double[o.maxIterations()];
        int t = 0;
        while (t < o.maxIterations()) {
            NeighbourSets sets = knn.selfInclusive(y, o.k());
            double[][] current = y;
            double[][] moved = next;
            double[] delta = new double[n];
            IntStream.range(0, n).parallel().forEach(i -> {
                weightedMean(sets, i, current, weights, moved[i]);
                delta[i] = step(current[i], o.eta(), moved[i]);
            });
            next = y;
            y = moved;
            steps[t] = delta;
            means[t] = Arrays.stream(delta).sum() / n;
            maxes[t] = Arrays.stream(delta).max().orElse(0);
            t++;
            if (listener != null) {
                listener.afterIteration(t, Matrices.copy(y), delta.clone());
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
        double[][] y = Matrices.copy(queries);
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
                int i = moving[a];
                double[] mean = new double[current[i].length];
                weightedMean(sets, a, reference, weights, mean);
                delta[i] = step(current[i], o.eta(), mean);
                current[i] = mean;
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

    /**
     * Writes mᵢ = Σ wⱼ yⱼ / max(Σ wⱼ, 10⁻⁶) over the neighbours of {@code row} into {@code out}. The
     * neighbours are taken four at a time (in ascending index order), so that each pass over
     * {@code out} adds four rows: a quarter of the memory traffic of one row at a time.
     */
    private static void weightedMean(NeighbourSets sets, int row, double[][] points, double[] weights, double[] out) {
        int d = out.length;
        int k = sets.k();
        Arrays.fill(out, 0);
        double denominator = 0;
        int r = 0;
        for (; r + 4 <= k; r += 4) {
            int j0 = sets.get(row, r);
            int j1 = sets.get(row, r + 1);
            int j2 = sets.get(row, r + 2);
            int j3 = sets.get(row, r + 3);
            double w0 = weights[j0];
            double w1 = weights[j1];
            double w2 = weights[j2];
            double w3 = weights[j3];
            denominator += w0;
            denominator += w1;
            denominator += w2;
            denominator += w3;
            double[] p0 = points[j0];
            double[] p1 = points[j1];
            double[] p2 = points[j2];
            double[] p3 = points[j3];
            for (int c = 0; c < d; c++) {
                out[c] += w0 * p0[c] + w1 * p1[c] + w2 * p2[c] + w3 * p3[c];
            }
        }
        for (; r < k; r++) {
            int j = sets.get(row, r);
            double w = weights[j];
            denominator += w;
            double[] p = points[j];
            for (int c = 0; c < d; c++) {
                out[c] += w * p[c];
            }
        }
        double scale = Math.max(denominator, MIN_WEIGHT_SUM);
        for (int c = 0; c < d; c++) {
            out[c] /= scale;
        }
    }

    /**
     * Turns {@code mean} (mᵢ) in place into yᵢ + η(mᵢ − yᵢ), or yᵢ unchanged when Δᵢ ≤ 10⁻⁶; returns
     * Δᵢ = ‖mᵢ − yᵢ‖.
     */
    private static double step(double[] y, double eta, double[] mean) {
        double sq = 0;
        for (int c = 0; c < y.length; c++) {
            double diff = mean[c] - y[c];
            sq += diff * diff;
        }
        double delta = Math.sqrt(sq);
        if (delta > MIN_MOVE) {
            for (int c = 0; c < y.length; c++) {
                mean[c] = y[c] + eta * (mean[c] - y[c]);
            }
        } else {
            System.arraycopy(y, 0, mean, 0, y.length);
        }
        return delta;
    }
}
