package org.msde4j.detect;

import java.util.function.DoubleSupplier;

/**
 * Anomaly scores of test rows and the decisions at the threshold that holds for them: the model's
 * inductive threshold ({@link MsdeModel#decide}), or for a transductive batch one cross-fitted for
 * its size ({@link MsdeModel#scoreTransductive}, {@link MsdeModel#transductiveThreshold(int)}). The
 * threshold is found when first asked for, so scores alone cost nothing more.
 */
public final class ScoreResult {

    private final double[] scores;
    private final ScoringMode mode;
    private final DoubleSupplier thresholdSource;
    private Double threshold;

    /**
     * @param scores          Mahalanobis distance of each shifted test row to the training Gaussian
     * @param mode            how the rows were shifted
     * @param thresholdSource the decision threshold for these scores, asked for once when first needed
     */
    ScoreResult(double[] scores, ScoringMode mode, DoubleSupplier thresholdSource) {
        this.scores = scores;
        this.mode = mode;
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

    /** True for each row whose score exceeds {@link #threshold()}. */
    public boolean[] anomalous() {
        double t = threshold();
        boolean[] out = new boolean[scores.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = scores[i] > t;
        }
        return out;
    }
}
