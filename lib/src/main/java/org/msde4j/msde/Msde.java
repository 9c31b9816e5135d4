package org.msde4j.msde;

import org.msde4j.knn.ExactKnn;

/**
 * Mean Shift Density Enhancement: density weights, then the weighted blurring mean shift.
 *
 * <p>Reference: Kar, Lakshmi S and Bej, "Improved Anomaly Detection in Medical Images via Mean
 * Shift Density Enhancement", arXiv:2604.19191 (2026), reproducing the authors' {@code msde.py}.
 */
public final class Msde {

    private Msde() {
    }

    /** Weights and shift of one run. */
    public record Result(DensityWeights weights, ShiftTrace shift) {
    }

    /** Runs MSDE on standardised rows {@code x}, all rows moving together. */
    public static Result run(double[][] x, MsdeOptions options, ExactKnn knn, MeanShift.Listener listener) {
        if (x.length < options.k() + 1) {
            throw new IllegalArgumentException("MSDE with k = " + options.k() + " needs at least k + 1 = "
                    + (options.k() + 1) + " rows, got " + x.length + ": lower option k or supply more rows.");
        }
        DensityWeights weights = DensityWeights.compute(x, options.tau(), options.weightRule(), options.rowOrder(),
                options.seed());
        return new Result(weights, MeanShift.blurring(x, weights.weights(), options, knn, listener));
    }
}
