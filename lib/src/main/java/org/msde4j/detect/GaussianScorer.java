package org.msde4j.detect;

import org.msde4j.density.GaussianDensity;
import org.msde4j.density.Pca;

/**
 * PCA followed by a Gaussian: the density model of the paper's scoring stage, fitted on one set of
 * rows and applied to others. Shared by {@link MsdeModel} (on shifted rows) and {@link GdeBaseline}
 * (on unshifted rows).
 */
record GaussianScorer(Pca pca, GaussianDensity gaussian) {

    static GaussianScorer fit(double[][] rows, int components, double ridge) {
        Pca pca = Pca.fit(rows, components);
        return new GaussianScorer(pca, GaussianDensity.fit(pca.transform(rows), ridge));
    }

    double[] score(double[][] rows) {
        return gaussian.mahalanobis(pca.transform(rows));
    }
}
