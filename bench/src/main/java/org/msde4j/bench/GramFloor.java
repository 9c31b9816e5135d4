package org.msde4j.bench;

import java.util.Random;
import org.msde4j.knn.GramBackend;

/**
 * The physical floor of an exact kNN search that computes every product once: the float32 products
 * of the upper triangle of the n×n Gram matrix of n rows of width d, on the same backend as the
 * search, timed as half the full product in 512 × 16 384 tiles (the GEMM's best shapes here), with
 * nothing done with the results.
 */
final class GramFloor {

    private static final int PANEL = 512;
    private static final int COLUMNS = 16_384;

    private final GramBackend backend;
    private double lastCpu;

    GramFloor(GramBackend backend) {
        this.backend = backend;
    }

    /** Seconds for the products of one search over {@code n} rows of width {@code d}. */
    double seconds(int n, int d) {
        float[] rows = new float[n * d];
        Random rnd = new Random(n);
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) rnd.nextGaussian();
        }
        float[] sink = new float[1];
        try (GramBackend.Session s = backend.load(rows, n, d)) {
            long c0 = CoreWorkload.cpuNanos();
            long t0 = System.nanoTime();
            for (int r0 = 0; r0 < n; r0 += PANEL) {
                for (int col = 0; col < n; col += COLUMNS) {
                    s.products(rows, r0, Math.min(n, r0 + PANEL) - r0, col, Math.min(n, col + COLUMNS),
                            view -> sink[0] += view.get(0));
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9 / 2;
            lastCpu = (CoreWorkload.cpuNanos() - c0) / 1e9 / 2;
            return seconds;
        }
    }

    /** The process CPU seconds (all threads) of the products timed by the last call of {@link #seconds}. */
    double lastCpuSeconds() {
        return lastCpu;
    }

    /** Flops of the products of one search: n²/2 pairs (upper triangle) of 2d flops each. */
    static double flops(int n, int d) {
        return (double) n * n * d;
    }
}
