package org.msde4j.detect;

import java.util.Locale;
import org.msde4j.math.Quantiles;

/**
 * The decision threshold of a fitted model's inductive scores: the q-quantile of scores that
 * training normals get when they are <em>not</em> part of the fit — out-of-fold scores by k-fold
 * cross-fitting (Hastie, Tibshirani and Friedman, <i>The Elements of Statistical Learning</i>, 2nd
 * ed., §7.10). The training rows are dealt into K folds by a seeded shuffle; a model fitted on the
 * other K−1 folds scores each fold's rows inductively. A new normal image then scores above the
 * threshold with probability about 1 − q.
 *
 * <p>A transductive score depends on the batch it is shifted with, so transductive scores get a
 * threshold for their batch size: {@link MsdeModel#transductiveThreshold(int)} cross-fits one.
 *
 * <p>The in-sample alternative — the quantile of the training rows' own scores — is off, in either
 * direction: the Gaussian was fitted on those very rows, and they were shifted together with each
 * other. It is used only where no cross-fitting is possible (too few rows, {@code thresholdFolds} 0,
 * or model files of format 1), and then {@link #outOfFold()} is false.
 *
 * @param quantile  q
 * @param folds     K, or 0 when the threshold is in-sample
 * @param foldOf    fold of each training row (empty when in-sample)
 * @param inductive out-of-fold inductive score of each training row (in-sample scores when folds = 0)
 */
public record Thresholds(double quantile, int folds, int[] foldOf, double[] inductive) {

    public Thresholds {
        foldOf = foldOf.clone();
        inductive = inductive.clone();
    }

    /** An in-sample threshold: the q-quantile of the training rows' own scores. */
    static Thresholds inSample(double quantile, double[] trainScores) {
        return new Thresholds(quantile, 0, new int[0], trainScores);
    }

    /** Whether the threshold comes from out-of-fold scores. */
    public boolean outOfFold() {
        return folds > 0;
    }

    /** The threshold of inductive scores: the q-quantile of {@link #inductive()}. */
    public double inductiveThreshold() {
        return Quantiles.of(inductive, quantile);
    }

    @Override
    public int[] foldOf() {
        return foldOf.clone();
    }

    @Override
    public double[] inductive() {
        return inductive.clone();
    }

    /** One line for people: the threshold and where it comes from. */
    public String describe() {
        double p = 100 * quantile;
        String percent = p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
        return String.format(Locale.ROOT, "decision threshold %.4f (inductive scores): %s", inductiveThreshold(),
                outOfFold() ? "the " + percent + " % quantile of out-of-fold scores of the training images (" + folds
                        + "-fold cross-fitting); transductive scores get one cross-fitted for their batch size"
                        : "the " + percent + " % quantile of the training images' own scores (in-sample)");
    }
}
