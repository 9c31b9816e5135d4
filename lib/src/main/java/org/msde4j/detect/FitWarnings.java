package org.msde4j.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.msde4j.math.Quantiles;

/**
 * What a user should know about a fit before trusting its scores: the training data's shape and
 * redundancy, and whether held-out normal rows score like the training rows. Each warning says what
 * was found and what to do; training data with nothing to learn from is refused outright.
 */
final class FitWarnings {

    /**
     * Share of out-of-fold inductive scores above the q-quantile of the training rows' own inductive
     * scores beyond which the model is said not to generalise. For a model that generalises about
     * 1 − q of them lie above it; at one half, the median new normal image scores above 95 % of the
     * training images.
     */
    static final double NOT_GENERALISING = 0.5;

    private FitWarnings() {
    }

    /** Refuses training rows that are all identical: no spread of normal data to learn. */
    static void refuseIdentical(double[][] train) {
        for (double[] row : train) {
            if (!Arrays.equals(row, train[0])) {
                return;
            }
        }
        throw new IllegalArgumentException("all " + train.length + " training rows are identical (the same image "
                + train.length + " times?): there is no spread of normal data to learn, and every image would score "
                + "the same. Train on different normal images.");
    }

    /** Warnings about the training rows themselves: n ≤ d, constant columns, duplicate rows. */
    static List<String> ofData(double[][] train, List<Integer> constantColumns) {
        List<String> out = new ArrayList<>();
        int n = train.length;
        int d = train[0].length;
        if (n <= d) {
            out.add(String.format(Locale.ROOT, "only %d training rows for %d features (n ≤ d): the Gaussian is fitted in "
                    + "at most n − 1 = %d directions and new normal images tend to score higher than the training images. "
                    + "Use more normal training images (several times the number of features) or a smaller embedding.",
                    n, d, n - 1));
        }
        if (!constantColumns.isEmpty()) {
            String list = constantColumns.size() <= 10 ? constantColumns.toString()
                    : constantColumns.subList(0, 10) + " and " + (constantColumns.size() - 10) + " more";
            out.add(constantColumns.size() + " feature column(s) are constant in the training data " + list
                    + "; they carry no information and were left unscaled (z = 0).");
        }
        int duplicates = duplicates(train);
        if (duplicates > 0) {
            out.add(String.format(Locale.ROOT, "%d of %d training rows repeat an earlier row (the same image more than "
                    + "once?): repeated rows weigh more in the density and make held-out images look less normal. "
                    + "Remove the duplicates.", duplicates, n));
        }
        return out;
    }

    /**
     * Warnings about the thresholds: in-sample, or out-of-fold scores far above the in-sample ones.
     *
     * @param inSample the training rows scored inductively by the model fitted on them (null when the
     *                 thresholds are in-sample): like the out-of-fold inductive scores, except that each
     *                 row took part in the fit
     */
    static List<String> ofThresholds(Thresholds t, double[] inSample, int n, int requestedFolds, int minRows) {
        List<String> out = new ArrayList<>();
        if (!t.outOfFold()) {
            out.add(requestedFolds == 0 ? "the decision threshold is in-sample (threshold folds 0): new normal images "
                    + "are flagged more or less often than the quantile says."
                    : String.format(Locale.ROOT, "too few training rows (%d) for an out-of-fold threshold: each fold model "
                    + "needs %d rows (option k + 1, and at least 15), so the threshold is in-sample and flags new normal images "
                    + "more or less often than the quantile says. Use more normal training images or a smaller k.", n, minRows));
            return out;
        }
        double limit = Quantiles.of(inSample, t.quantile());
        double[] held = t.inductive();
        int above = 0;
        for (double s : held) {
            above += s > limit ? 1 : 0;
        }
        double share = (double) above / held.length;
        if (share >= NOT_GENERALISING) {
            out.add(String.format(Locale.ROOT, "the model does not generalise to held-out normal images: %.0f %% of the "
                    + "training images, scored by models fitted without them, score above the %.4f that %.0f %% of the "
                    + "training images score below when they are part of the fit (expected about %.0f %%). The thresholds "
                    + "come from those held-out scores, but expect weak separation of normal and abnormal images: use "
                    + "more normal training images, a smaller embedding (fewer features) or fewer PCA components (--pca).",
                    100 * share, limit, 100 * t.quantile(), 100 * (1 - t.quantile())));
        }
        return out;
    }

    private static int duplicates(double[][] rows) {
        Set<Row> seen = new HashSet<>();
        int repeated = 0;
        for (double[] r : rows) {
            if (!seen.add(new Row(r))) {
                repeated++;
            }
        }
        return repeated;
    }

    /** A row compared by value. */
    private record Row(double[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && Arrays.equals(values, r.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }
}
