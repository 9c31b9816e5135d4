package org.msde4j.local;

import java.util.LinkedHashMap;
import java.util.Map;
import org.msde4j.embed.LocalEmbeddings;
import org.msde4j.knn.ExactKnn;
import org.msde4j.knn.NeighbourSets;
import org.msde4j.math.Matrices;

/** A fitted {@link PatchCore}: the coreset memory bank. */
public final class PatchCoreModel extends LocalModel {

    private final PatchCore options;
    private final double[][] bank;

    PatchCoreModel(PatchCore options, double[][] bank, Basics basics) {
        super("patchcore", options, basics);
        this.options = options;
        this.bank = bank;
    }

    /** Patches in the memory bank. */
    public int bankSize() {
        return bank.length;
    }

    /** Each patch's distance to its nearest bank patch. */
    @Override
    AnomalyMaps scoreChecked(LocalEmbeddings test) {
        double[][] patches = test.patchRows();
        NeighbourSets nearest = ExactKnn.withFastestBackend().among(patches, bank, 1);
        double[] distance = new double[patches.length];
        for (int i = 0; i < patches.length; i++) {
            distance[i] = Math.sqrt(Matrices.squaredDistance(patches[i], bank[nearest.get(i, 0)]));
        }
        return AnomalyMaps.of(test.height(), test.width(), distance, options.imageScore());
    }

    @Override
    LocalModel with(Basics basics) {
        return new PatchCoreModel(options, bank, basics);
    }

    @Override
    Map<String, double[][]> arrays() {
        Map<String, double[][]> m = new LinkedHashMap<>();
        m.put("bank", bank);
        return m;
    }

    /** Restores a model from its file's settings and arrays. */
    static PatchCoreModel restore(Map<String, Object> settings, ImageScore rule, Map<String, double[][]> arrays,
                                  Basics basics) {
        PatchCore options = new PatchCore(((Number) settings.get("coresetShare")).doubleValue(),
                ((Number) settings.get("projection")).intValue(), rule,
                ((Number) settings.get("thresholdQuantile")).doubleValue(), ((Number) settings.get("seed")).longValue());
        return new PatchCoreModel(options, arrays.get("bank"), basics);
    }
}
