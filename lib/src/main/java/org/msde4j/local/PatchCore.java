package org.msde4j.local;

import java.util.LinkedHashMap;
import java.util.Map;
import org.msde4j.embed.LocalEmbeddings;

/**
 * PatchCore (Roth, Pemula, Zepeda, Schölkopf, Brox and Gehler, "Towards Total Recall in Industrial
 * Anomaly Detection", CVPR 2022): a memory bank of the training images' patch embeddings, thinned by
 * {@link GreedyCoreset greedy coreset selection}; a test patch scores its Euclidean distance to the
 * nearest patch of the bank, found by the library's exact kNN search
 * ({@link org.msde4j.knn.ExactKnn}); the image score is the largest patch score (or a top-k mean).
 * The paper's re-weighting of the image score by the neighbourhood of the nearest patch is left out.
 *
 * @param coresetShare      share of the training patches kept in the bank (PatchCore: 0.01–0.25)
 * @param projection        dimensions of the random projection used to choose the coreset (PatchCore: 128)
 * @param imageScore        how a map becomes an image score
 * @param thresholdQuantile quantile of the training images' scores used as the default threshold
 * @param seed              seeds the coreset's first patch and the projection
 */
public record PatchCore(double coresetShare, int projection, ImageScore imageScore, double thresholdQuantile, long seed)
        implements LocalDetector {

    /** Validates every setting, naming the offending one. */
    public PatchCore {
        if (!(coresetShare > 0 && coresetShare <= 1)) {
            throw new IllegalArgumentException("option coreset (share of training patches kept) must be in (0, 1], got "
                    + coresetShare + ".");
        }
        if (projection < 1) {
            throw new IllegalArgumentException("option projection must be ≥ 1 dimension, got " + projection + ".");
        }
        LocalModel.checkScoring(imageScore, thresholdQuantile);
    }

    /** 1 % of the patches, projection to 128 dimensions, max over the map, 95th percentile, seed 42. */
    public static PatchCore defaults() {
        return new PatchCore(0.01, 128, ImageScore.max(), 0.95, 42);
    }

    public PatchCore withCoresetShare(double value) {
        return new PatchCore(value, projection, imageScore, thresholdQuantile, seed);
    }

    public PatchCore withImageScore(ImageScore value) {
        return new PatchCore(coresetShare, projection, value, thresholdQuantile, seed);
    }

    @Override
    public String name() {
        return "PatchCore";
    }

    @Override
    public PatchCoreModel fit(LocalEmbeddings train) {
        int rows = train.size() * train.positions();
        int size = Math.max(1, (int) Math.round(coresetShare * rows));
        int[] chosen = GreedyCoreset.select(train.view(), rows, train.depth(), size, projection, seed);
        double[][] bank = new double[size][];
        for (int i = 0; i < size; i++) {
            bank[i] = train.patch(chosen[i] / train.positions(), chosen[i] % train.positions());
        }
        PatchCoreModel unfitted = new PatchCoreModel(this, bank, null);
        AnomalyMaps self = unfitted.scoreChecked(LocalModel.Basics.sample(train));
        return new PatchCoreModel(this, bank, LocalModel.Basics.of(train, imageScore, self, thresholdQuantile));
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("coresetShare", coresetShare);
        m.put("projection", projection);
        m.put("seed", seed);
        m.put("thresholdQuantile", thresholdQuantile);
        return m;
    }
}
