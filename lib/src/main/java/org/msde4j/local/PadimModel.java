package org.msde4j.local;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.msde4j.density.GaussianDensity;
import org.msde4j.embed.LocalEmbeddings;

/** A fitted {@link Padim}: the kept dimensions and one Gaussian per grid position. */
public final class PadimModel extends LocalModel {

    private final Padim options;
    private final int[] kept;
    private final GaussianDensity[] gaussians;

    PadimModel(Padim options, int[] kept, GaussianDensity[] gaussians, Basics basics) {
        super("padim", options, basics);
        this.options = options;
        this.kept = kept;
        this.gaussians = gaussians;
    }

    /** Each patch's Mahalanobis distance to the Gaussian of its position. */
    @Override
    AnomalyMaps scoreChecked(LocalEmbeddings test) {
        int positions = test.positions();
        double[] scores = new double[test.size() * positions];
        IntStream.range(0, positions).parallel().forEach(p -> {
            double[] d = gaussians[p].mahalanobis(atPosition(test, p, kept));
            for (int i = 0; i < d.length; i++) {
                scores[i * positions + p] = d[i];
            }
        });
        return AnomalyMaps.of(test.height(), test.width(), scores, options.imageScore());
    }

    /** The kept dimensions (all when {@code kept} is null) of every image's patch at {@code position}, one row per image. */
    static double[][] atPosition(LocalEmbeddings e, int position, int[] kept) {
        double[][] rows = new double[e.size()][];
        for (int i = 0; i < rows.length; i++) {
            double[] patch = e.patch(i, position);
            if (kept == null) {
                rows[i] = patch;
                continue;
            }
            double[] row = new double[kept.length];
            for (int c = 0; c < kept.length; c++) {
                row[c] = patch[kept[c]];
            }
            rows[i] = row;
        }
        return rows;
    }

    @Override
    LocalModel with(Basics basics) {
        return new PadimModel(options, kept, gaussians, basics);
    }

    @Override
    Map<String, double[][]> arrays() {
        Map<String, double[][]> m = new LinkedHashMap<>();
        double[] k = new double[kept.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = kept[i];
        }
        m.put("kept", new double[][] {k});
        double[][] means = new double[gaussians.length][];
        double[][] precisions = new double[gaussians.length][];
        for (int p = 0; p < gaussians.length; p++) {
            means[p] = gaussians[p].mean();
            double[][] precision = gaussians[p].precision();
            double[] flat = new double[kept.length * kept.length];
            for (int r = 0; r < kept.length; r++) {
                System.arraycopy(precision[r], 0, flat, r * kept.length, kept.length);
            }
            precisions[p] = flat;
        }
        m.put("means", means);
        m.put("precisions", precisions);
        return m;
    }

    /** Restores a model from its file's settings and arrays. */
    static PadimModel restore(Map<String, Object> settings, ImageScore rule, Map<String, double[][]> arrays,
                              Basics basics) {
        Padim options = new Padim(((Number) settings.get("features")).intValue(),
                ((Number) settings.get("ridge")).doubleValue(), rule,
                ((Number) settings.get("thresholdQuantile")).doubleValue(), ((Number) settings.get("seed")).longValue());
        double[] k = arrays.get("kept")[0];
        int[] kept = new int[k.length];
        for (int i = 0; i < k.length; i++) {
            kept[i] = (int) k[i];
        }
        double[][] means = arrays.get("means");
        double[][] precisions = arrays.get("precisions");
        GaussianDensity[] gaussians = new GaussianDensity[means.length];
        for (int p = 0; p < means.length; p++) {
            double[][] precision = new double[kept.length][];
            for (int r = 0; r < kept.length; r++) {
                precision[r] = Arrays.copyOfRange(precisions[p], r * kept.length, (r + 1) * kept.length);
            }
            gaussians[p] = GaussianDensity.of(means[p], precision);
        }
        return new PadimModel(options, kept, gaussians, basics);
    }
}
