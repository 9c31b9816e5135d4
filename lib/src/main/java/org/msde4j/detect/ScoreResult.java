package org.msde4j.detect;

import java.util.function.DoubleSupplier;
import org.msde4j.msde.ShiftTrace;

/**
 * Anomaly scores of test rows and the decisions at the threshold that holds for them: the model's
 * inductive threshold, or for transductive scores one cross-fitted for this batch size
 * ({@link MsdeModel#transductiveThreshold(int)}). The threshold is found when first asked for, so
 * scores alone cost nothing more.
 */
public final class ScoreResult {

    private final double[] scores;
    private final ScoringMode mode;
    private final ShiftTrace shift;
    private final int testOffset;
    private final DoubleSupplier thresholdSource;
    private Double threshold;

    /**
     * @param scores          Mahalanobis distance of each shifted test row to the training Gaussian
     * @param mode            how the rows were shifted
     * @param shift           the shift run that moved them: the union run (test rows start at
     *                        {@code testOffset}) or the inductive run (test rows from 0)
     * @param testOffset      index of the first test row in {@code shift}
     * @param thresholdSource the decision threshold for these scores, asked for once when first needed
     */
    ScoreResult(double[] scores, ScoringMode mode, ShiftTrace shift, int testOffset, DoubleSupplier thresholdSource) {
        this.scores = scores;
        this.mode = mode;
        this.shift = shift;
        this.testOffset = testOffset;
        this.thresholdSource = thresholdSource;
    }

    /** Mahalanobis distance of each shifted test row to the training Gaussian (higher = more anomalous). */
    public double[] scores() {
        return scores;
    }

    /**
     * Rows scoring above it are flagged: the model's threshold for scores of this mode (and, for
     * transductive scores, of this batch size).
     *
     * @throws IllegalArgumentException when no threshold can be cross-fitted for this transductive batch
     */
    public synchronized double threshold() {
        if (threshold == null) {
            threshold = thresholdSource.getAsDouble();
        }
        return threshold;
    }

    /** How the rows were shifted. */
    public ScoringMode mode() {
        return mode;
    }

    /** The shift run that moved the rows. */
    public ShiftTrace shift() {
        return shift;
    }

    /** Index of the first test row in {@link #shift()}. */
    public int testOffset() {
        return testOffset;
    }

    /** True for each row whose score exceeds {@link #threshold()}. */
    public boolean[] anomalous() {
        double t = threshold();
        boolean[] out = new boolean[scores.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = scores[i] > t;
        }
        return out;
    }

    /** Final (shifted, standardised) position of test row i. */
    public double[] shiftedPosition(int i) {
        return shift.position(testOffset + i);
    }
}
