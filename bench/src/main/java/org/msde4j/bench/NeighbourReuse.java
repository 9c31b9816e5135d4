package org.msde4j.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.msde4j.density.Standardizer;
import org.msde4j.io.Npy;
import org.msde4j.knn.ExactKnn;
import org.msde4j.knn.NeighbourSets;
import org.msde4j.math.Matrices;
import org.msde4j.msde.DensityWeights;
import org.msde4j.msde.MeanShift;
import org.msde4j.msde.MsdeOptions;

/**
 * Could a shift iteration reuse the previous iteration's neighbourhoods? On real embeddings (an
 * {@code .npy} of rows, e.g. from {@code msde-embed --out}), standardised and shifted with the
 * medical settings, this counts per iteration the rows whose k-neighbour set did not change (what
 * any reuse could save at most) and the rows for which the triangle inequality certifies it
 * unchanged without a search: with Dᵢⱼ the distances before the step and mⱼ how far row j moved,
 * maxⱼ∈N(i) (Dᵢⱼ + mᵢ + mⱼ) &lt; D(k+1)ᵢ − mᵢ − maxⱼ mⱼ, where D(k+1)ᵢ is the distance to the nearest row
 * outside the set.
 */
final class NeighbourReuse {

    private NeighbourReuse() {
    }

    static void run(Path npy, int rows, PrintStream out) throws IOException {
        Npy.Array array = Npy.read(npy);
        long[] shape = array.shape();
        int d = (int) shape[shape.length - 1];
        double[] flat = array.toDoubles();
        int available = flat.length / d;
        int n = Math.min(rows, available);
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            int r = (int) ((long) i * available / n);
            x[i] = java.util.Arrays.copyOfRange(flat, r * d, r * d + d);
        }
        double[][] z = Standardizer.fit(x).transform(x);
        MsdeOptions o = MsdeOptions.defaults();
        ExactKnn knn = ExactKnn.withFastestBackend();
        List<double[][]> positions = new ArrayList<>();
        positions.add(z);
        double[] w = DensityWeights.compute(z, o.tau(), o.weightRule(), o.rowOrder(), o.seed()).weights();
        MeanShift.blurring(z, w, o, knn, (t, y, delta) -> positions.add(y));
        out.printf("neighbour reuse on %s: %d of %d rows × %d, k %d, %d iterations%n%n", npy.getFileName(), n, available, d,
                o.k(), positions.size() - 1);
        out.println("| iteration | rows whose k-set is unchanged | certified unchanged by the bound | largest move / median k-th distance |");
        out.println("|---:|---:|---:|---:|");
        for (int t = 0; t + 1 < positions.size(); t++) {
            double[][] before = positions.get(t);
            double[][] after = positions.get(t + 1);
            NeighbourSets old = knn.selfInclusive(before, o.k() + 1);
            NeighbourSets now = knn.selfInclusive(after, o.k());
            NeighbourSets oldK = knn.selfInclusive(before, o.k());
            double[] move = new double[n];
            double maxMove = 0;
            for (int i = 0; i < n; i++) {
                move[i] = Math.sqrt(Matrices.squaredDistance(before[i], after[i]));
                maxMove = Math.max(maxMove, move[i]);
            }
            int same = 0;
            int certified = 0;
            double[] kth = new double[n];
            for (int i = 0; i < n; i++) {
                Set<Integer> a = new HashSet<>();
                double inner = 0;
                for (int r = 0; r < o.k(); r++) {
                    int j = oldK.get(i, r);
                    a.add(j);
                    double dij = Math.sqrt(Matrices.squaredDistance(before[i], before[j]));
                    kth[i] = Math.max(kth[i], dij);
                    inner = Math.max(inner, dij + move[i] + move[j]);
                }
                double outside = Double.POSITIVE_INFINITY;
                for (int r = 0; r < o.k() + 1; r++) {
                    int j = old.get(i, r);
                    if (!a.contains(j)) {
                        outside = Math.sqrt(Matrices.squaredDistance(before[i], before[j]));
                    }
                }
                boolean unchanged = true;
                for (int r = 0; r < o.k(); r++) {
                    unchanged &= a.contains(now.get(i, r));
                }
                same += unchanged ? 1 : 0;
                certified += inner < outside - move[i] - maxMove ? 1 : 0;
            }
            double[] sortedKth = kth.clone();
            java.util.Arrays.sort(sortedKth);
            out.printf("| %d → %d | %.1f %% | %.1f %% | %.2f |%n", t, t + 1, 100.0 * same / n, 100.0 * certified / n,
                    maxMove / sortedKth[n / 2]);
        }
    }
}
