package org.msde4j.eval;

import java.util.Arrays;

/**
 * Ranking metrics of anomaly scores against 0/1 labels (1 = anomaly, higher score = more anomalous),
 * with scikit-learn's semantics.
 *
 * <ul>
 *   <li>AUROC = P(s⁺ &gt; s⁻) + ½ P(s⁺ = s⁻) (Mann–Whitney U / (P·N)), as {@code roc_auc_score}.</li>
 *   <li>AP = Σₜ (Rₜ − Rₜ₋₁) Pₜ over distinct thresholds t, descending, with R₀ = 0, as
 *       {@code average_precision_score}: tied scores enter together.</li>
 * </ul>
 */
public final class Metrics {

    private Metrics() {
    }

    /** Area under the ROC curve. */
    public static double auroc(double[] scores, int[] labels) {
        Ranked r = Ranked.of(scores, labels);
        double[] ranks = new double[r.n];
        int i = 0;
        while (i < r.n) {
            int j = i;
            while (j + 1 < r.n && r.score[j + 1] == r.score[i]) {
                j++;
            }
            double mid = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                ranks[t] = mid;
            }
            i = j + 1;
        }
        double positiveRanks = 0;
        for (int t = 0; t < r.n; t++) {
            if (r.label[t] == 1) {
                positiveRanks += ranks[t];
            }
        }
        double p = r.positives;
        double n = r.n - r.positives;
        return (positiveRanks - p * (p + 1) / 2) / (p * n);
    }

    /** Average precision. */
    public static double averagePrecision(double[] scores, int[] labels) {
        Curve pr = precisionRecall(scores, labels);
        double ap = 0;
        for (int t = 1; t < pr.size(); t++) {
            ap += (pr.x()[t] - pr.x()[t - 1]) * pr.y()[t];
        }
        return ap;
    }

    /** ROC curve from (0, 0) to (1, 1). */
    public static Curve roc(double[] scores, int[] labels) {
        Ranked r = Ranked.of(scores, labels).descending();
        int[][] counts = r.cumulativeAtThresholds();
        int m = counts[0].length;
        double[] fpr = new double[m + 1];
        double[] tpr = new double[m + 1];
        double[] thr = new double[m + 1];
        thr[0] = Double.POSITIVE_INFINITY;
        double negatives = r.n - r.positives;
        for (int t = 0; t < m; t++) {
            tpr[t + 1] = counts[0][t] / (double) r.positives;
            fpr[t + 1] = counts[1][t] / negatives;
            thr[t + 1] = r.score[counts[2][t]];
        }
        return new Curve(fpr, tpr, thr);
    }

    /** Precision–recall curve from recall 0 (precision 1) to recall 1. */
    public static Curve precisionRecall(double[] scores, int[] labels) {
        Ranked r = Ranked.of(scores, labels).descending();
        int[][] counts = r.cumulativeAtThresholds();
        int m = counts[0].length;
        double[] recall = new double[m + 1];
        double[] precision = new double[m + 1];
        double[] thr = new double[m + 1];
        precision[0] = 1;
        thr[0] = Double.POSITIVE_INFINITY;
        for (int t = 0; t < m; t++) {
            int tp = counts[0][t];
            int fp = counts[1][t];
            recall[t + 1] = tp / (double) r.positives;
            precision[t + 1] = tp + fp == 0 ? 0 : tp / (double) (tp + fp);
            thr[t + 1] = r.score[counts[2][t]];
        }
        return new Curve(recall, precision, thr);
    }

    /** Scores and labels sorted by score, with checks. */
    private static final class Ranked {
        final double[] score;
        final int[] label;
        final int n;
        final int positives;

        private Ranked(double[] score, int[] label, int positives) {
            this.score = score;
            this.label = label;
            this.n = score.length;
            this.positives = positives;
        }

        static Ranked of(double[] scores, int[] labels) {
            if (scores.length != labels.length) {
                throw new IllegalArgumentException("scores and labels differ in length: " + scores.length + " vs "
                        + labels.length + ".");
            }
            int positives = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] != 0 && labels[i] != 1) {
                    throw new IllegalArgumentException("label at row " + i + " is " + labels[i]
                            + "; labels must be 0 (normal) or 1 (anomaly).");
                }
                if (!Double.isFinite(scores[i])) {
                    throw new IllegalArgumentException("score at row " + i + " is " + scores[i] + "; scores must be finite.");
                }
                positives += labels[i];
            }
            if (positives == 0 || positives == labels.length) {
                throw new IllegalArgumentException("AUROC and AP need both normal (0) and anomalous (1) rows; got "
                        + positives + " anomalies among " + labels.length + " rows.");
            }
            Integer[] order = new Integer[scores.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
            double[] s = new double[scores.length];
            int[] l = new int[scores.length];
            for (int i = 0; i < order.length; i++) {
                s[i] = scores[order[i]];
                l[i] = labels[order[i]];
            }
            return new Ranked(s, l, positives);
        }

        Ranked descending() {
            double[] s = new double[n];
            int[] l = new int[n];
            for (int i = 0; i < n; i++) {
                s[i] = score[n - 1 - i];
                l[i] = label[n - 1 - i];
            }
            return new Ranked(s, l, positives);
        }

        /** For each distinct threshold (descending order): cumulative TP, FP, and the last index at it. */
        int[][] cumulativeAtThresholds() {
            int[] tp = new int[n];
            int[] fp = new int[n];
            int[] at = new int[n];
            int m = 0;
            int ctp = 0;
            int cfp = 0;
            for (int i = 0; i < n; i++) {
                ctp += label[i];
                cfp += 1 - label[i];
                if (i == n - 1 || score[i + 1] != score[i]) {
                    tp[m] = ctp;
                    fp[m] = cfp;
                    at[m] = i;
                    m++;
                }
            }
            return new int[][] {Arrays.copyOf(tp, m), Arrays.copyOf(fp, m), Arrays.copyOf(at, m)};
        }
    }
}
