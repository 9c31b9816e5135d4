package org.msde4j.local;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.msde4j.density.Standardizer;
import org.msde4j.detect.MsdeDetector;
import org.msde4j.embed.LocalEmbeddings;
import org.msde4j.math.Sampling;
import org.msde4j.msde.Msde;
import org.msde4j.msde.MsdeOptions;

/**
 * MSDE on patch embeddings: the paper's density weights and weighted blurring mean shift
 * ({@link Msde}, Kar, Lakshmi S and Bej, arXiv:2604.19191) applied to a bank of normal patches
 * instead of whole-image embeddings.
 *
 * <p>Fit: a seeded uniform sample of {@code bankSize} training patches is the bank — a random sample
 * and not a greedy coreset, because MSDE needs to see where normal patches are dense and a coreset
 * spreads evenly on purpose; the bank is z-scored, weighted and shifted (k, τ, η, iterations of
 * {@code msde}). Score, {@link org.msde4j.detect.ScoringMode}:
 * <ul>
 *   <li>INDUCTIVE: each test patch moves alone towards the shifted bank with the bank's weights
 *       ({@link org.msde4j.msde.MeanShift#toward}); a patch's score never depends on other images;</li>
 *   <li>TRANSDUCTIVE: the patches of one test image join the bank, weights are recomputed on the
 *       union and everything shifts together (the paper's protocol, one image at a time, so a score
 *       depends on its own image but not on the other test images).</li>
 * </ul>
 * A moved patch scores by {@link Score}.
 *
 * @param bankSize          training patches sampled into the bank (all when there are fewer)
 * @param msde              the shift settings
 * @param score             how a patch's shift becomes its score
 * @param imageScore        how a map becomes an image score
 * @param thresholdQuantile quantile of the training images' scores used as the default threshold
 * @param seed              seeds the bank sample (the shift's own seed is in {@code msde})
 */
public record PatchMsde(int bankSize, MsdeOptions msde, Score score, ImageScore imageScore, double thresholdQuantile,
                        long seed) implements LocalDetector {

    /** How a moved patch is scored. */
    public enum Score {
        /**
         * Σₜ Δₜ, the length of the patch's path: how far the density-weighted mean shift had to move it
         * (the tabular MSDE paper's score); normal patches start where normal patches are dense.
         */
        DISPLACEMENT,
        /** Euclidean distance from the moved patch to the nearest shifted bank patch. */
        NEAREST,
        /** Mahalanobis distance of the moved patch under PCA + Gaussian fitted on the shifted bank (the medical paper's scoring). */
        MAHALANOBIS;

        /** The name in model files and options. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Validates every setting, naming the offending one. */
    public PatchMsde {
        if (bankSize < 2) {
            throw new IllegalArgumentException("option bank (patches in the MSDE bank) must be ≥ 2, got " + bankSize + ".");
        }
        if (msde == null || score == null) {
            throw new IllegalArgumentException("MSDE on patches needs its shift settings and a patch score.");
        }
        LocalModel.checkScoring(imageScore, thresholdQuantile);
    }

    /** A bank of 4096 patches, the paper's shift settings, displacement scores, max over the map, seed 42. */
    public static PatchMsde defaults() {
        return new PatchMsde(4096, MsdeOptions.defaults(), Score.DISPLACEMENT, ImageScore.max(), 0.95, 42);
    }

    public PatchMsde withBankSize(int value) {
        return new PatchMsde(value, msde, score, imageScore, thresholdQuantile, seed);
    }

    public PatchMsde withMsde(MsdeOptions value) {
        return new PatchMsde(bankSize, value, score, imageScore, thresholdQuantile, seed);
    }

    public PatchMsde withScore(Score value) {
        return new PatchMsde(bankSize, msde, value, imageScore, thresholdQuantile, seed);
    }

    public PatchMsde withImageScore(ImageScore value) {
        return new PatchMsde(bankSize, msde, score, value, thresholdQuantile, seed);
    }

    @Override
    public String name() {
        return "MSDE on patches";
    }

    @Override
    public PatchMsdeModel fit(LocalEmbeddings train) {
        int rows = train.size() * train.positions();
        int size = Math.min(bankSize, rows);
        if (size < msde.k() + 1) {
            throw new IllegalArgumentException("MSDE on patches with k = " + msde.k() + " needs a bank of at least "
                    + (msde.k() + 1) + " patches, got " + size + ": lower option k or add training images.");
        }
        int[] chosen = Sampling.withoutReplacement(IntStream.range(0, rows).toArray(), size, new Random(seed));
        java.util.Arrays.sort(chosen);
        double[][] bank = new double[size][];
        for (int i = 0; i < size; i++) {
            bank[i] = train.patch(chosen[i] / train.positions(), chosen[i] % train.positions());
        }
        Standardizer standardizer = Standardizer.fit(bank);
        double[][] standardized = standardizer.transform(bank);
        Msde.Result run = Msde.run(standardized, msde, MsdeDetector.knn(), null);
        PatchMsdeModel unfitted = PatchMsdeModel.of(this, standardizer, standardized, run.weights().weights(),
                run.shift().positions(), null);
        AnomalyMaps self = unfitted.scoreUnchecked(LocalModel.Basics.sample(train), org.msde4j.detect.ScoringMode.INDUCTIVE);
        return unfitted.withBasics(LocalModel.Basics.of(train, imageScore, self, thresholdQuantile));
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bankSize", bankSize);
        m.put("k", msde.k());
        m.put("tau", msde.tau());
        m.put("eta", msde.eta());
        m.put("iterations", msde.maxIterations());
        m.put("tolerance", msde.tolerance());
        m.put("weightRule", msde.weightRule().name());
        m.put("rowOrder", msde.rowOrder().name());
        m.put("msdeSeed", msde.seed());
        m.put("score", score.key());
        m.put("seed", seed);
        m.put("thresholdQuantile", thresholdQuantile);
        return m;
    }
}
