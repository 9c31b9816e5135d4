package org.msde4j.detect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import org.msde4j.density.Standardizer;
import org.msde4j.knn.ExactKnn;
import org.msde4j.math.Matrices;
import org.msde4j.msde.FuzzyGraph;
import org.msde4j.msde.Msde;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fits the MSDE anomaly detector of Kar, Lakshmi S and Bej (arXiv:2604.19191) on normal rows:
 * standardise → MSDE shift → PCA → Gaussian (Mahalanobis score).
 *
 * <pre>{@code
 * MsdeModel model = MsdeDetector.fit(trainEmbeddings, DetectorOptions.defaults());
 * double one = model.score(testEmbeddings[0]);                        // inductive, one row
 * double[] scores = model.score(testEmbeddings);                      // inductive, row by row
 * ScoreResult batch = model.scoreTransductive(testEmbeddings);        // the paper's protocol
 * }</pre>
 */
public final class MsdeDetector {

    private MsdeDetector() {
    }

    /**
     * Fits on raw training rows (normal samples only), n × d. The decision thresholds come from
     * out-of-fold scores of these rows ({@link Thresholds}; {@code options.thresholdFolds()} folds),
     * cross-fitted when the model first needs them.
     *
     * @throws IllegalArgumentException for too few rows for k, non-finite values, or rows that are all identical
     */
    public static MsdeModel fit(double[][] train, DetectorOptions options) {
        return fit(train, options, ExactKnn.withFastestBackend());
    }

    /**
     * As {@link #fit(double[][], DetectorOptions)}, searching neighbours with {@code knn}, which the
     * model keeps for scoring ({@link MsdeModel#knn()}). An {@link ExactKnn} holds no native memory
     * between searches (each search opens and closes its backend session), so nothing needs closing.
     */
    public static MsdeModel fit(double[][] train, DetectorOptions options, ExactKnn knn) {
        Matrices.requireFiniteMatrix(train, "training data");
        checkRowCount(train.length, options);
        FitWarnings.refuseIdentical(train);
        return fit(train, options, Objects.requireNonNull(knn, "knn"), true);
    }

    /**
     * Fails, naming option k, when {@code n} training rows are too few for {@code options}: MSDE needs
     * k + 1 rows and its density weights UMAP's 15. Cheap: call it before embedding images.
     */
    public static void checkRowCount(int n, DetectorOptions options) {
        if (n < minRows(options)) {
            throw new IllegalArgumentException("training data has " + n + " rows but MSDE with k = " + options.msde().k()
                    + " (option k) and density weights over UMAP's " + FuzzyGraph.NEIGHBOURS + " neighbours needs at least "
                    + minRows(options) + ": use more normal training images" + (options.msde().k() + 1 > FuzzyGraph.NEIGHBOURS
                    ? " or a smaller k." : "."));
        }
    }

    /** Rows a fit with {@code options} needs at least: k + 1, and UMAP's 15 for the density weights. */
    static int minRows(DetectorOptions options) {
        return Math.max(options.msde().k() + 1, FuzzyGraph.NEIGHBOURS);
    }

    /** Standardise → shift → PCA → Gaussian; the data's warnings when asked for (not for fold models). */
    static MsdeModel fit(double[][] train, DetectorOptions options, ExactKnn search, boolean warn) {
        long start = System.nanoTime();
        int d = Inputs.checkTraining(train, options.msde().k() + 1, "MSDE with k = " + options.msde().k() + " (option k)");
        int components = options.componentsFor(train.length, d);
        Standardizer standardizer = Standardizer.fit(train);
        double[][] standardized = standardizer.transform(train);
        Msde.Result run = Msde.run(standardized, options.msde(), search, null);
        double[][] shifted = run.shift().positions();
        GaussianScorer density = GaussianScorer.fit(shifted, components, options.ridge());
        double[] trainScores = density.score(shifted);
        double[] mean = new double[run.shift().iterations()];
        for (int t = 1; t <= mean.length; t++) {
            mean[t - 1] = run.shift().meanDisplacement(t);
        }
        List<String> warnings = warn ? FitWarnings.ofData(train, standardizer.constantColumns()) : List.of();
        FitSummary summary = new FitSummary(train.length, d, components, run.shift().iterations(), mean,
                search.backendName(), (System.nanoTime() - start) / 1e9, List.copyOf(warnings));
        return new MsdeModel(options, standardizer, standardized, run.weights().weights(), shifted, density,
                trainScores, summary, new LinkedHashMap<>(), Calibration.pending(), search);
    }

    /** Fits on an ND4J matrix of raw training rows. */
    public static MsdeModel fit(INDArray train, DetectorOptions options) {
        return fit(Matrices.toRows(train, "training data"), options);
    }
}
