package org.msde4j.detect;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.msde4j.density.Pca;
import org.msde4j.math.Quantiles;

/**
 * A model's decision thresholds and what cross-fitting tells about the model, computed once, when
 * first needed: scores alone never pay for it. The inductive threshold and the warnings come from
 * K-fold out-of-fold scores ({@link CrossFitting#thresholds}); each transductive batch size gets its
 * own threshold ({@link CrossFitting#transductive}). Shared by the copies of one model
 * ({@link MsdeModel#withMetadata}), which hold the same rows.
 */
final class Calibration {

    /** Most fits one transductive threshold may take. */
    static final int MAX_CROSS_FITS = 20;

    /**
     * The thresholds and their warnings.
     *
     * @param thresholds the inductive threshold and the out-of-fold scores behind it
     * @param warnings   what the cross-fitting found (see {@link FitWarnings#ofThresholds})
     */
    record Result(Thresholds thresholds, List<String> warnings) {
        Result {
            warnings = List.copyOf(warnings);
        }
    }

    private Result result;
    private final Map<Integer, Double> transductive = new ConcurrentHashMap<>();

    private Calibration(Result result) {
        this.result = result;
    }

    /** Thresholds to cross-fit when first asked for. */
    static Calibration pending() {
        return new Calibration(null);
    }

    /** Thresholds known already (read from a model file). */
    static Calibration known(Thresholds thresholds, List<String> warnings) {
        return new Calibration(new Result(thresholds, warnings));
    }

    /** The thresholds of {@code model}, cross-fitted on the first call. */
    synchronized Result get(MsdeModel model) {
        if (result == null) {
            DetectorOptions options = model.options();
            int n = model.trainStandardizedShared().length;
            int minRows = MsdeDetector.minRows(options);
            int folds = CrossFitting.folds(n, options.thresholdFolds(), minRows, model.summary(false).pcaComponents());
            Thresholds t = folds == 0 ? Thresholds.inSample(options.thresholdQuantile(), model.trainScoresShared())
                    : CrossFitting.thresholds(model, folds);
            double[] inSample = t.outOfFold()
                    ? model.scoreStandardized(model.trainStandardizedShared()) : null;
            result = new Result(t, FitWarnings.ofThresholds(t, inSample, n, options.thresholdFolds(), minRows));
        }
        return result;
    }

    /**
     * The threshold of transductive scores of batches of {@code b} rows against the n training rows:
     * the q-quantile of out-of-fold transductive scores of held-out batches of h = n·b/(n + b) rows
     * shifted with the other n − h (h rows against n − h match b against n); ⌊n/h⌋ fits.
     */
    double transductive(MsdeModel model, int b) {
        if (b < 1) {
            throw new IllegalArgumentException("batch size must be ≥ 1, got " + b + ".");
        }
        return transductive.computeIfAbsent(b, size -> {
            int n = model.trainStandardizedShared().length;
            int heldOut = (int) Math.round((double) n * size / (n + size));
            int minRows = MsdeDetector.minRows(model.options());
            if (n - heldOut < minRows) {
                throw new IllegalArgumentException("no threshold for transductive scores of a batch of " + size
                        + " images: shifting so many with the " + n + " training images is matched only by fold models of "
                        + (n - heldOut) + " training images, fewer than the " + minRows + " MSDE needs. Score smaller "
                        + "batches, or inductively.");
            }
            int components = model.summary(false).pcaComponents();
            int kept = Math.min(components, Pca.maxComponents(n - heldOut, model.dimension()));
            if (kept < CrossFitting.MIN_COMPONENT_SHARE * components) {
                throw new IllegalArgumentException("no threshold for transductive scores of a batch of " + size
                        + " images: the model uses " + components + " PCA components, as many as its " + n + " training "
                        + "images allow; fold models of the " + (n - heldOut) + " images that match such a batch keep only "
                        + kept + ", so their scores are not comparable. Score inductively, in smaller batches, or use more "
                        + "training images than features (or fewer components, --pca).");
            }
            if (heldOut < 1 || n / heldOut > MAX_CROSS_FITS) {
                throw new IllegalArgumentException("no threshold for transductive scores of a batch of " + size
                        + " images against " + n + " training images: cross-fitting batches that small would take "
                        + n / Math.max(1, heldOut) + " fits. Score batches of at least " + (n / MAX_CROSS_FITS + 1)
                        + " images, or inductively (its threshold holds for any number of images).");
            }
            return Quantiles.of(CrossFitting.transductive(model, heldOut), get(model).thresholds().quantile());
        });
    }
}
