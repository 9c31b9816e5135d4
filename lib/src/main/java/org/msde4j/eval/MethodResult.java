package org.msde4j.eval;

import java.util.List;

/**
 * One method on one dataset.
 *
 * @param dataset      dataset name
 * @param method       the method
 * @param scores       anomaly score of each test row
 * @param labels       0/1 label of each test row
 * @param auroc        AUROC with its bootstrap interval
 * @param ap           average precision with its bootstrap interval
 * @param trainRows    training rows
 * @param fitSeconds   time to fit (shared fits are attributed to each method that uses them)
 * @param scoreSeconds time to score the test rows
 * @param shift        for MSDE, the test rows before and after the shift; null for the baselines
 * @param warnings     what the fit found that a reader should know (see {@code FitSummary#warnings}), empty if none
 */
public record MethodResult(String dataset, Method method, double[] scores, int[] labels, Interval auroc, Interval ap,
                           int trainRows, double fitSeconds, double scoreSeconds, ShiftView shift, List<String> warnings) {

    public MethodResult {
        warnings = List.copyOf(warnings);
    }

    /** A result without warnings. */
    public MethodResult(String dataset, Method method, double[] scores, int[] labels, Interval auroc, Interval ap,
                        int trainRows, double fitSeconds, double scoreSeconds, ShiftView shift) {
        this(dataset, method, scores, labels, auroc, ap, trainRows, fitSeconds, scoreSeconds, shift, List.of());
    }

    /** Test rows. */
    public int testRows() {
        return scores.length;
    }

    /** Anomalies among the test rows. */
    public int anomalies() {
        int a = 0;
        for (int l : labels) {
            a += l;
        }
        return a;
    }

    /** ROC curve of the scores. */
    public Curve roc() {
        return Metrics.roc(scores, labels);
    }

    /** Precision–recall curve of the scores. */
    public Curve precisionRecall() {
        return Metrics.precisionRecall(scores, labels);
    }
}
