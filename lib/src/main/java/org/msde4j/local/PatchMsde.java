package org.msde4j.local;

import java.util.LinkedHashMap;
import java.util.Map;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.detect.MsdeDetector;
import org.msde4j.detect.MsdeModel;
import org.msde4j.embed.LocalEmbeddings;
import org.msde4j.msde.MsdeOptions;

/**
 * MSDE on patch embeddings: the paper's whole pipeline (Kar, Lakshmi S and Bej, arXiv:2604.19191;
 * {@link MsdeDetector}) fitted at each position of the patch grid on the training images' patches
 * there — z-scoring, density weights, weighted blurring mean shift, PCA, Gaussian — so that a test
 * patch scores its Mahalanobis distance to the shifted normal patches of its own position. It is
 * PaDiM's per-position model with MSDE's density enhancement in front; {@link Padim} is the same
 * without the shift (and without PCA), which makes the two the patch-level counterparts of MSDE and
 * GDE.
 *
 * <p>Scoring, as for whole images ({@link MsdeModel}), position by position:
 * {@link PatchMsdeModel#score} (inductive) moves each test patch alone towards the shifted training
 * patches of its position; {@link PatchMsdeModel#scoreTransductive} shifts the test patches of a
 * position (all test images together, the paper's protocol) with its training patches, so a score
 * then depends on the other test images.
 *
 * <p>(A first design ran MSDE on one bank of patches from all positions and scored a patch by its
 * path length or its distance to the shifted bank; on the synthetic set and the chest X-rays'
 * validation split it was no better than chance and far slower: see {@code docs/localisation.md}.)
 *
 * <p>The training images' in-sample scores (for the threshold) are those of their shifted patches,
 * which each position's fit computes anyway.
 *
 * @param detector          the settings of MSDE at each position (k, τ, η, iterations, PCA, ridge)
 * @param imageScore        how a map becomes an image score
 * @param thresholdQuantile quantile of the training images' scores used as the default threshold
 */
public record PatchMsde(DetectorOptions detector, ImageScore imageScore, double thresholdQuantile)
        implements LocalDetector {

    /** Validates every setting, naming the offending one. */
    public PatchMsde {
        if (detector == null) {
            throw new IllegalArgumentException("MSDE on patches needs the settings of MSDE.");
        }
        LocalModel.checkScoring(imageScore, thresholdQuantile);
    }

    /** The paper's settings (k 50, τ 70, η 0.33, 8 iterations, PCA min(256, d, n − 1)), max over the map, 95th percentile. */
    public static PatchMsde defaults() {
        return new PatchMsde(DetectorOptions.defaults(), ImageScore.max(), 0.95);
    }

    public PatchMsde withMsde(MsdeOptions value) {
        return new PatchMsde(detector.withMsde(value), imageScore, thresholdQuantile);
    }

    public PatchMsde withImageScore(ImageScore value) {
        return new PatchMsde(detector, value, thresholdQuantile);
    }

    @Override
    public String name() {
        return "MSDE on patches";
    }

    @Override
    public PatchMsdeModel fit(LocalEmbeddings train) {
        int k = detector.msde().k();
        if (train.size() < k + 1) {
            throw new IllegalArgumentException("MSDE on patches with k = " + k + " needs at least k + 1 = " + (k + 1)
                    + " training images (it fits at each patch position on one patch per image), got " + train.size()
                    + ": lower option k or add training images.");
        }
        int positions = train.positions();
        MsdeModel[] models = new MsdeModel[positions];
        double[] inSample = new double[train.size() * positions];
        for (int p = 0; p < positions; p++) {
            models[p] = MsdeDetector.fit(PadimModel.atPosition(train, p, null), detector);
            double[] scores = models[p].trainScores();
            for (int i = 0; i < scores.length; i++) {
                inSample[i * positions + p] = scores[i];
            }
        }
        AnomalyMaps self = AnomalyMaps.of(train.height(), train.width(), inSample, imageScore);
        return new PatchMsdeModel(this, models, LocalModel.Basics.of(train, imageScore, self, thresholdQuantile));
    }

    @Override
    public Map<String, Object> settings() {
        MsdeOptions m = detector.msde();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("k", m.k());
        s.put("tau", m.tau());
        s.put("eta", m.eta());
        s.put("iterations", m.maxIterations());
        s.put("tolerance", m.tolerance());
        s.put("weightRule", m.weightRule().name());
        s.put("rowOrder", m.rowOrder().name());
        s.put("seed", m.seed());
        s.put("pcaComponents", detector.pcaComponents());
        s.put("ridge", detector.ridge());
        s.put("thresholdQuantile", thresholdQuantile);
        return s;
    }
}
