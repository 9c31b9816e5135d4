package org.msde4j.bench;

import java.io.PrintStream;
import java.util.List;
import org.msde4j.density.GaussianDensity;
import org.msde4j.density.Pca;
import org.msde4j.knn.ExactKnn;
import org.msde4j.knn.SearchProfile;
import org.msde4j.knn.SearchProfile.Phase;
import org.msde4j.msde.DensityWeights;
import org.msde4j.msde.MeanShift;
import org.msde4j.msde.MsdeOptions;
import org.msde4j.msde.ShiftTrace;

/**
 * Where the time of one MSDE fit goes, phase by phase: density weights, then per shift iteration
 * the kNN search (operands, ceilings, products, scan, band, rescue; wall seconds with the process's
 * CPU seconds in brackets, which depend far less on other load) and the weighted means, then PCA
 * and the Gaussian; beside it the bare float32 products of the same searches (the floor), measured
 * right after on the same backend.
 */
final class PhaseProfile {

    private PhaseProfile() {
    }

    static void run(List<Integer> sizes, int dim, ExactKnn base, GramFloor floor, PrintStream out) {
        MsdeOptions o = MsdeOptions.reference();
        out.printf("phase profile of one MSDE fit on N(0,1) rows × %d, k %d, τ %d, %d iterations; kNN on %s; %d cores%n%n",
                dim, o.k(), o.tau(), o.maxIterations(), base.backendName(), Runtime.getRuntime().availableProcessors());
        // Warm-up: compile the hot loops before anything is timed.
        fit(MsdeBench.gaussian(2000, dim, 9), o, base.profiled(new SearchProfile()));
        out.println("| rows | weights s | operands s | ceilings s | products s | scan s | band s | rescue s | weighted means s "
                + "| PCA + Gaussian s | total s | floor s | total / floor | band rows per query | rescued rows |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int n : sizes) {
            double[][] x = MsdeBench.gaussian(n, dim, 3);
            SearchProfile p = new SearchProfile();
            double[] t = fit(x, o, base.profiled(p));
            double floorSeconds = floor.seconds(n, dim) * t[3];
            double knn = 0;
            for (Phase phase : Phase.values()) {
                knn += p.seconds(phase);
            }
            double total = t[0] + t[1] + t[2];
            out.printf("| %d | %.2f | %s | %s | %s | %s | %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %d |%n",
                    n, t[0], both(p, Phase.OPERANDS), both(p, Phase.CEILINGS), both(p, Phase.PRODUCTS),
                    both(p, Phase.SCAN), both(p, Phase.BAND), both(p, Phase.RESCUE), t[1] - knn, t[2], total, floorSeconds,
                    total / floorSeconds, (double) p.bandRows() / ((long) n * p.searches()), p.rescued());
        }
    }

    /** Wall seconds of a kNN phase with its process CPU seconds in brackets. */
    private static String both(SearchProfile p, Phase phase) {
        return String.format("%.2f (%.2f)", p.seconds(phase), p.cpuSeconds(phase));
    }

    /** Seconds of weights, shift, PCA + Gaussian, and the number of iterations run. */
    private static double[] fit(double[][] x, MsdeOptions o, ExactKnn knn) {
        long t0 = System.nanoTime();
        DensityWeights w = DensityWeights.compute(x, o.tau(), o.weightRule(), o.rowOrder(), o.seed());
        long t1 = System.nanoTime();
        ShiftTrace shift = MeanShift.blurring(x, w.weights(), o, knn, null);
        long t2 = System.nanoTime();
        double[][] y = shift.positions();
        Pca pca = Pca.fit(y, 256);
        GaussianDensity.fit(pca.transform(y), GaussianDensity.DEFAULT_RIDGE);
        long t3 = System.nanoTime();
        return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, shift.iterations()};
    }
}
