package org.msde4j.detect;

import java.util.ArrayList;
import java.util.List;
import org.msde4j.density.Pca;
import org.msde4j.math.Sampling;

/**
 * Cross-fitting of a detector on its own training rows: the out-of-fold scores behind its decision
 * thresholds ({@link Calibration}). Rows are dealt into folds by a shuffle seeded with the detector's seed (row
 * at position j of the shuffle goes to fold j mod K); a fold's model is fitted on the other rows
 * with the detector's options (its PCA capped where it has too few rows) and scores the fold.
 * Fold models are fitted on the standardised training rows the model keeps, so that a fitted model
 * can cross-fit later, when a threshold is first needed; standardising them again
 * is the same affine map, up to rounding.
 */
final class CrossFitting {

    /**
     * Share of the full model's PCA components a fold model must keep for its scores to stand for the
     * full model's: fewer components give smaller Mahalanobis distances, so a threshold from them would
     * be too low.
     */
    static final double MIN_COMPONENT_SHARE = 0.8;

    /** Most folds used to keep as many PCA components in fold models as in the full model. */
    static final int MAX_FOLDS_FOR_COMPONENTS = 10;

    private CrossFitting() {
    }

    /**
     * The fold count for {@code n} rows: the smallest K ≥ {@code requested} whose fold models keep at
     * least {@code minRows} rows and, up to {@value #MAX_FOLDS_FOR_COMPONENTS} folds, room for the
     * full model's {@code components}; 0 when even leave-one-out leaves fewer than {@code minRows}.
     */
    static int folds(int n, int requested, int minRows, int components) {
        if (requested == 0) {
            return 0;
        }
        for (int k = requested; k <= n; k++) {
            int rows = n - (n + k - 1) / k;
            if (rows >= minRows && (rows - 1 >= components || k >= Math.max(requested, MAX_FOLDS_FOR_COMPONENTS))) {
                return k;
            }
        }
        for (int k = requested; k <= n; k++) {
            if (n - (n + k - 1) / k >= minRows) {
                return k;
            }
        }
        return 0;
    }

    /** Fold of each of {@code n} rows: a seeded shuffle dealt round-robin into {@code k} folds. */
    static int[] assign(int n, int k, long seed) {
        int[] order = Sampling.permutation(n, seed);
        int[] fold = new int[n];
        for (int j = 0; j < n; j++) {
            fold[order[j]] = j % k;
        }
        return fold;
    }

    /** K-fold out-of-fold inductive scores of {@code model}'s training rows, and their threshold. */
    static Thresholds thresholds(MsdeModel model, int k) {
        double[][] train = model.trainStandardizedShared();
        int n = train.length;
        int[] fold = assign(n, k, model.options().msde().seed());
        double[] inductive = new double[n];
        for (int f = 0; f < k; f++) {
            List<Integer> held = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    held.add(i);
                }
            }
            Fold part = Fold.of(model, held);
            double[] a = part.model().score(part.heldOut());
            for (int j = 0; j < held.size(); j++) {
                inductive[held.get(j)] = a[j];
            }
        }
        return new Thresholds(model.options().thresholdQuantile(), k, fold, inductive);
    }

    /**
     * Transductive scores of held-out training rows in batches of exactly {@code heldOut} rows, each
     * batch shifted together with a model fitted on all the other rows: ⌊n / heldOut⌋ batches from
     * the seeded shuffle (the rows left over are not scored).
     */
    static double[] transductive(MsdeModel model, int heldOut) {
        int n = model.trainStandardizedShared().length;
        int[] order = Sampling.permutation(n, model.options().msde().seed());
        List<Double> scores = new ArrayList<>();
        for (int start = 0; start + heldOut <= n; start += heldOut) {
            List<Integer> held = new ArrayList<>();
            for (int j = start; j < start + heldOut; j++) {
                held.add(order[j]);
            }
            Fold part = Fold.of(model, held);
            for (double s : part.model().scoreTransductive(part.heldOut()).scores()) {
                scores.add(s);
            }
        }
        return scores.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A fold: the model fitted without some rows, and those rows. */
    private record Fold(MsdeModel model, double[][] heldOut) {
        static Fold of(MsdeModel full, List<Integer> held) {
            double[][] train = full.trainStandardizedShared();
            boolean[] out = new boolean[train.length];
            held.forEach(i -> out[i] = true);
            List<double[]> in = new ArrayList<>();
            for (int i = 0; i < train.length; i++) {
                if (!out[i]) {
                    in.add(train[i]);
                }
            }
            double[][] fitRows = in.toArray(double[][]::new);
            int p = Math.min(full.summary(false).pcaComponents(), Pca.maxComponents(fitRows.length, train[0].length));
            DetectorOptions options = full.options().withPcaComponents(p).withThresholdFolds(0);
            return new Fold(MsdeDetector.fit(fitRows, options, full.knn(), false),
                    held.stream().map(i -> train[i]).toArray(double[][]::new));
        }
    }
}
