package org.msde4j.detect;

import org.msde4j.density.GaussianDensity;
import org.msde4j.msde.MsdeOptions;

/**
 * Settings of {@link MsdeDetector}, validated on construction.
 *
 * @param msde              the shift settings
 * @param pcaComponents     PCA components p; {@link #PCA_AUTO} for the paper's rule min(256, d, n−1)
 * @param ridge             added to the covariance diagonal (paper: 10⁻⁴)
 * @param thresholdQuantile quantile q of the out-of-fold training scores used as the decision threshold
 * @param thresholdFolds    folds K of the cross-fitting that gives those scores ({@link Thresholds}; raised
 *                          for small training sets so that every fold model keeps k + 1 rows); 0 = in-sample
 *                          threshold, no cross-fitting (faster, but it flags most new normal images when
 *                          the model overfits)
 */
public record DetectorOptions(MsdeOptions msde, int pcaComponents, double ridge, double thresholdQuantile,
                              int thresholdFolds) {

    /** p = min(256, d, n−1), the paper's choice. */
    public static final int PCA_AUTO = 0;
    /** The paper's cap on PCA components. */
    public static final int PAPER_PCA_COMPONENTS = 256;

    /** Default folds of the threshold's cross-fitting. */
    public static final int DEFAULT_THRESHOLD_FOLDS = 5;

    /** Validates every setting, naming the offending one. */
    public DetectorOptions {
        if (msde == null) {
            throw new IllegalArgumentException("option msde must not be null.");
        }
        if (pcaComponents < 0) {
            throw new IllegalArgumentException("option pca must be ≥ 1 (or 0 for min(256, d, n−1)), got " + pcaComponents + ".");
        }
        if (!(ridge >= 0) || Double.isInfinite(ridge)) {
            throw new IllegalArgumentException("option ridge must be a finite number ≥ 0, got " + ridge + ".");
        }
        if (!(thresholdQuantile > 0 && thresholdQuantile < 1)) {
            throw new IllegalArgumentException("option threshold quantile must be in (0, 1), got " + thresholdQuantile + ".");
        }
        if (thresholdFolds < 0 || thresholdFolds == 1) {
            throw new IllegalArgumentException("option threshold folds must be ≥ 2 (or 0 for an in-sample threshold), got "
                    + thresholdFolds + ".");
        }
    }

    /** Settings with the default {@value #DEFAULT_THRESHOLD_FOLDS}-fold threshold. */
    public DetectorOptions(MsdeOptions msde, int pcaComponents, double ridge, double thresholdQuantile) {
        this(msde, pcaComponents, ridge, thresholdQuantile, DEFAULT_THRESHOLD_FOLDS);
    }

    /** Paper settings with the corrected weight rule and shuffled batches; threshold at the 95th percentile of 5-fold out-of-fold scores. */
    public static DetectorOptions defaults() {
        return new DetectorOptions(MsdeOptions.defaults(), PCA_AUTO, GaussianDensity.DEFAULT_RIDGE, 0.95);
    }

    /** Exactly the authors' pipeline ({@link MsdeOptions#reference()}). */
    public static DetectorOptions reference() {
        return defaults().withMsde(MsdeOptions.reference());
    }

    public DetectorOptions withMsde(MsdeOptions value) {
        return new DetectorOptions(value, pcaComponents, ridge, thresholdQuantile, thresholdFolds);
    }

    public DetectorOptions withPcaComponents(int value) {
        return new DetectorOptions(msde, value, ridge, thresholdQuantile, thresholdFolds);
    }

    public DetectorOptions withRidge(double value) {
        return new DetectorOptions(msde, pcaComponents, value, thresholdQuantile, thresholdFolds);
    }

    public DetectorOptions withThresholdQuantile(double value) {
        return new DetectorOptions(msde, pcaComponents, ridge, value, thresholdFolds);
    }

    public DetectorOptions withThresholdFolds(int value) {
        return new DetectorOptions(msde, pcaComponents, ridge, thresholdQuantile, value);
    }

    /** Components to fit for n rows of width d, or an error naming option pca if it asks for too many. */
    int componentsFor(int n, int d) {
        int max = org.msde4j.density.Pca.maxComponents(n, d);
        if (pcaComponents == PCA_AUTO) {
            return Math.min(PAPER_PCA_COMPONENTS, max);
        }
        if (pcaComponents > max) {
            throw new IllegalArgumentException("option pca = " + pcaComponents + " asks for more components than "
                    + n + " rows of width " + d + " support (at most min(d, n−1) = " + max
                    + "): lower pca, or use 0 for min(256, d, n−1).");
        }
        return pcaComponents;
    }
}
