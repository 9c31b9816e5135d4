package org.msde4j.detect;

import org.msde4j.msde.ShiftTrace;

/**
 * Anomaly scores of test rows and the decisions at a threshold.
 *
 * @param scores      Mahalanobis distance of each shifted test row to the training Gaussian
 * @param threshold   rows scoring above it are flagged
 * @param mode        how the rows were shifted
 * @param shift       the shift run that moved them: the union run (test rows start at
 *                    {@code testOffset}) or the inductive run (test rows from 0)
 * @param testOffset  index of the first test row in {@code shift}
 */
public record ScoreResult(double[] scores, double threshold, ScoringMode mode, ShiftTrace shift, int testOffset) {

    /** True for each row whose score exceeds the threshold. */
    public boolean[] anomalous() {
        boolean[] out = new boolean[scores.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = scores[i] > threshold;
        }
        return out;
    }

    /** Final (shifted, standardised) position of test row i. */
    public double[] shiftedPosition(int i) {
        return shift.position(testOffset + i);
    }
}
