package org.msde4j.detect;

import java.util.Objects;
import org.msde4j.density.Standardizer;
import org.msde4j.knn.ExactKnn;
import org.msde4j.knn.NeighbourSets;
import org.msde4j.math.Matrices;

/**
 * The k-nearest-neighbour distance baseline: the mean Euclidean distance from a standardised test
 * row to its k nearest standardised training rows (Eskin et al. 2002; the "DN2" baseline of Bergman,
 * Cohen and Hoshen, arXiv:2002.10445, with mean instead of sum).
 */
public final class KnnDistanceBaseline implements Scorer {

    /** Default neighbours. */
    public static final int DEFAULT_K = 5;

    private final Standardizer standardizer;
    private final double[][] reference;
    private final int k;
    private final ExactKnn knn;

    private KnnDistanceBaseline(Standardizer standardizer, double[][] reference, int k, ExactKnn knn) {
        this.standardizer = standardizer;
        this.reference = reference;
        this.k = k;
        this.knn = knn;
    }

    /** Fits on raw training rows, searching with the fastest kNN backend here. */
    public static KnnDistanceBaseline fit(double[][] train, int k) {
        return fit(train, k, ExactKnn.withFastestBackend());
    }

    /** Fits on raw training rows; scoring searches neighbours with {@code knn}. */
    public static KnnDistanceBaseline fit(double[][] train, int k, ExactKnn knn) {
        if (k < 1) {
            throw new IllegalArgumentException("option knn-k must be ≥ 1, got " + k + ".");
        }
        Inputs.checkTraining(train, k, "the kNN baseline with k = " + k);
        Standardizer standardizer = Standardizer.fit(train);
        return new KnnDistanceBaseline(standardizer, standardizer.transform(train), k, Objects.requireNonNull(knn, "knn"));
    }

    /** This baseline as a {@link Detector} (key {@code "KNN"}) with {@code k} neighbours searched by {@code knn}. */
    public static Detector detector(int k, ExactKnn knn) {
        return Detector.of("KNN", "kNN distance", rows -> fit(rows, k, knn));
    }

    @Override
    public String name() {
        return "kNN distance (k=" + k + ")";
    }

    @Override
    public double[] score(double[][] test) {
        Inputs.checkTest(test, standardizer.dimension());
        double[][] z = standardizer.transform(test);
        NeighbourSets sets = knn.among(z, reference, k);
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            double sum = 0;
            for (int r = 0; r < k; r++) {
                sum += Math.sqrt(Matrices.squaredDistance(z[i], reference[sets.get(i, r)]));
            }
            out[i] = sum / k;
        }
        return out;
    }
}
