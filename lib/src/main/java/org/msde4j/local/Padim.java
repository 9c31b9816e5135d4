package org.msde4j.local;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.msde4j.density.GaussianDensity;
import org.msde4j.embed.LocalEmbeddings;
import org.msde4j.math.Sampling;

/**
 * PaDiM (Defard, Setkov, Loesch and Audigier, "PaDiM: a Patch Distribution Modeling Framework for
 * Anomaly Detection and Localization", ICPR 2020): one Gaussian per position of the patch grid,
 * fitted on the training images' patches at that position, μₚ and Σₚ + ε·I (ε = 0.01); a test patch
 * scores its Mahalanobis distance to the Gaussian of its position. To keep the covariances small
 * (and well conditioned with few images), a seeded random subset of {@code features} dimensions is
 * used everywhere, as the paper does (it keeps 100 of ResNet-18's 448). Positions correspond only
 * when the images are aligned, which brain slices and chest X-rays roughly are.
 *
 * @param features          dimensions kept (all when the patches have no more)
 * @param ridge             ε added to each covariance's diagonal
 * @param imageScore        how a map becomes an image score
 * @param thresholdQuantile quantile of the training images' scores used as the default threshold
 * @param seed              seeds the choice of dimensions
 */
public record Padim(int features, double ridge, ImageScore imageScore, double thresholdQuantile, long seed)
        implements LocalDetector {

    /** Validates every setting, naming the offending one. */
    public Padim {
        if (features < 1) {
            throw new IllegalArgumentException("option features (dimensions kept by PaDiM) must be ≥ 1, got " + features + ".");
        }
        if (!(ridge > 0) || Double.isInfinite(ridge)) {
            throw new IllegalArgumentException("option ridge of PaDiM must be a finite number > 0, got " + ridge + ".");
        }
        LocalModel.checkScoring(imageScore, thresholdQuantile);
    }

    /** 100 dimensions, ε = 0.01, max over the map, 95th percentile, seed 42 (the paper's settings for ResNet-18). */
    public static Padim defaults() {
        return new Padim(100, 0.01, ImageScore.max(), 0.95, 42);
    }

    public Padim withImageScore(ImageScore value) {
        return new Padim(features, ridge, value, thresholdQuantile, seed);
    }

    @Override
    public String name() {
        return "PaDiM";
    }

    @Override
    public PadimModel fit(LocalEmbeddings train) {
        if (train.size() < 2) {
            throw new IllegalArgumentException("PaDiM needs at least 2 training images to estimate a covariance per "
                    + "position, got " + train.size() + ".");
        }
        int[] kept = kept(train.depth());
        GaussianDensity[] gaussians = new GaussianDensity[train.positions()];
        IntStream.range(0, gaussians.length).parallel()
                .forEach(p -> gaussians[p] = GaussianDensity.fit(PadimModel.atPosition(train, p, kept), ridge));
        PadimModel unfitted = new PadimModel(this, kept, gaussians, null);
        AnomalyMaps self = unfitted.scoreChecked(LocalModel.Basics.sample(train));
        return new PadimModel(this, kept, gaussians, LocalModel.Basics.of(train, imageScore, self, thresholdQuantile));
    }

    /** The dimensions kept: a seeded random subset, ascending; all of them when there are no more than {@link #features}. */
    int[] kept(int depth) {
        int[] all = IntStream.range(0, depth).toArray();
        if (depth <= features) {
            return all;
        }
        int[] chosen = Sampling.withoutReplacement(all, features, new Random(seed));
        Arrays.sort(chosen);
        return chosen;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("features", features);
        m.put("ridge", ridge);
        m.put("seed", seed);
        m.put("thresholdQuantile", thresholdQuantile);
        return m;
    }
}
