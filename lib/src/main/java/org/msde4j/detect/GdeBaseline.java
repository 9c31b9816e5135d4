package org.msde4j.detect;

import org.msde4j.density.Standardizer;

/**
 * The plain Gaussian baseline: standardise → PCA → Gaussian → Mahalanobis, with no shift. The
 * paper's "no MSDE" row; same inputs and density settings as {@link MsdeDetector}.
 */
public final class GdeBaseline implements Scorer {

    private final Standardizer standardizer;
    private final GaussianScorer density;

    private GdeBaseline(Standardizer standardizer, GaussianScorer density) {
        this.standardizer = standardizer;
        this.density = density;
    }

    /** Fits on raw training rows with the PCA and ridge settings of {@code options}. */
    public static GdeBaseline fit(double[][] train, DetectorOptions options) {
        int d = Inputs.checkTraining(train, 2, "a Gaussian");
        Standardizer standardizer = Standardizer.fit(train);
        double[][] z = standardizer.transform(train);
        return new GdeBaseline(standardizer,
                GaussianScorer.fit(z, options.componentsFor(train.length, d), options.ridge()));
    }

    /** This baseline as a {@link Detector} (key {@code "GDE"}) fitting with {@code options}. */
    public static Detector detector(DetectorOptions options) {
        return Detector.of("GDE", "GDE (no MSDE)", rows -> fit(rows, options));
    }

    @Override
    public String name() {
        return "GDE (no MSDE)";
    }

    @Override
    public double[] score(double[][] test) {
        Inputs.checkTest(test, standardizer.dimension());
        return density.score(standardizer.transform(test));
    }
}
