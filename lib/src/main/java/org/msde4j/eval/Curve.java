package org.msde4j.eval;

/**
 * A curve through (x, y) points, one per distinct score threshold (thresholds descending, as
 * scikit-learn's {@code roc_curve} / {@code precision_recall_curve} without point dropping).
 *
 * @param x          false-positive rate (ROC) or recall (PR)
 * @param y          true-positive rate (ROC) or precision (PR)
 * @param thresholds the score threshold of each point ("score ≥ threshold" is flagged); +∞ for the
 *                   ROC origin and the PR end point
 */
public record Curve(double[] x, double[] y, double[] thresholds) {

    /** Number of points. */
    public int size() {
        return x.length;
    }
}
