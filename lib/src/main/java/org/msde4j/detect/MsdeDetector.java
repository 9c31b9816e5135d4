package org.msde4j.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.msde4j.density.Standardizer;
import org.msde4j.knn.ExactKnn;
import org.msde4j.math.Matrices;
import org.msde4j.math.Quantiles;
import org.msde4j.msde.Msde;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fits the MSDE anomaly detector of Kar, Lakshmi S and Bej (arXiv:2604.19191) on normal rows:
 * standardise → MSDE shift → PCA → Gaussian (Mahalanobis score).
 *
 * <pre>{@code
 * MsdeModel model = MsdeDetector.fit(trainEmbeddings, DetectorOptions.defaults());
 * double[] scores = model.score(testEmbeddings, ScoringMode.INDUCTIVE).scores();
 * }</pre>
 */
public final class MsdeDetector {

    private static volatile ExactKnn sharedKnn;

    private MsdeDetector() {
    }

    /** The kNN search used by detectors: libtorch when available, else ND4J (created once). */
    public static ExactKnn knn() {
        ExactKnn k = sharedKnn;
        if (k == null) {
            synchronized (MsdeDetector.class) {
                if (sharedKnn == null) {
                    sharedKnn = ExactKnn.withFastestBackend();
                }
                k = sharedKnn;
            }
        }
        return k;
    }

    /** Fits on raw training rows (normal samples only), n × d. */
    public static MsdeModel fit(double[][] train, DetectorOptions options) {
        long start = System.nanoTime();
        int k = options.msde().k();
        int d = Inputs.checkTraining(train, k + 1, "MSDE with k = " + k + " (option k)");
        int components = options.componentsFor(train.length, d);
        Standardizer standardizer = Standardizer.fit(train);
        double[][] standardized = standardizer.transform(train);
        ExactKnn search = knn();
        Msde.Result run = Msde.run(standardized, options.msde(), search, null);
        double[][] shifted = run.shift().positions();
        GaussianScorer density = GaussianScorer.fit(shifted, components, options.ridge());
        double[] trainScores = density.score(shifted);
        double threshold = Quantiles.of(trainScores, options.thresholdQuantile());
        List<String> warnings = new ArrayList<>();
        if (!standardizer.constantColumns().isEmpty()) {
            warnings.add(constantColumnsWarning(standardizer.constantColumns()));
        }
        double[] mean = new double[run.shift().iterations()];
        for (int t = 1; t <= mean.length; t++) {
            mean[t - 1] = run.shift().meanDisplacement(t);
        }
        FitSummary summary = new FitSummary(train.length, d, components, run.shift().iterations(), mean,
                search.backendName(), (System.nanoTime() - start) / 1e9, List.copyOf(warnings));
        return new MsdeModel(options, standardizer, standardized, run.weights().weights(), shifted, density,
                trainScores, threshold, summary, new LinkedHashMap<>());
    }

    /** Fits on an ND4J matrix of raw training rows. */
    public static MsdeModel fit(INDArray train, DetectorOptions options) {
        return fit(Matrices.toRows(train, "training data"), options);
    }

    static String constantColumnsWarning(List<Integer> columns) {
        String list = columns.size() <= 10 ? columns.toString()
                : columns.subList(0, 10) + " and " + (columns.size() - 10) + " more";
        return columns.size() + " feature column(s) are constant in the training data " + list
                + "; they carry no information and were left unscaled (z = 0).";
    }
}
