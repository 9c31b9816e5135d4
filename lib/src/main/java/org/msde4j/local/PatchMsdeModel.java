package org.msde4j.local;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.msde4j.density.GaussianDensity;
import org.msde4j.density.Pca;
import org.msde4j.density.Standardizer;
import org.msde4j.detect.MsdeDetector;
import org.msde4j.detect.ScoringMode;
import org.msde4j.embed.LocalEmbeddings;
import org.msde4j.knn.NeighbourSets;
import org.msde4j.math.Matrices;
import org.msde4j.msde.MeanShift;
import org.msde4j.msde.Msde;
import org.msde4j.msde.MsdeOptions;
import org.msde4j.msde.RowOrder;
import org.msde4j.msde.ShiftTrace;
import org.msde4j.msde.WeightRule;

/**
 * A fitted {@link PatchMsde}: the z-scoring of the bank, the bank before and after its shift, its
 * density weights, and (for {@link PatchMsde.Score#MAHALANOBIS}) PCA + Gaussian of the shifted bank.
 */
public final class PatchMsdeModel extends LocalModel {

    private final PatchMsde options;
    private final Standardizer standardizer;
    private final double[][] bank;
    private final double[] weights;
    private final double[][] shifted;
    private final Pca pca;
    private final GaussianDensity gaussian;

    private PatchMsdeModel(PatchMsde options, Standardizer standardizer, double[][] bank, double[] weights,
                           double[][] shifted, Pca pca, GaussianDensity gaussian, Basics basics) {
        super("patch-msde", options, basics);
        this.options = options;
        this.standardizer = standardizer;
        this.bank = bank;
        this.weights = weights;
        this.shifted = shifted;
        this.pca = pca;
        this.gaussian = gaussian;
    }

    /** A model of the shifted bank; fits PCA + Gaussian on it when the patch score needs them. */
    static PatchMsdeModel of(PatchMsde options, Standardizer standardizer, double[][] bank, double[] weights,
                             double[][] shifted, Basics basics) {
        Pca pca = null;
        GaussianDensity gaussian = null;
        if (options.score() == PatchMsde.Score.MAHALANOBIS) {
            pca = Pca.fit(shifted, Math.min(256, Pca.maxComponents(shifted.length, shifted[0].length)));
            gaussian = GaussianDensity.fit(pca.transform(shifted), GaussianDensity.DEFAULT_RIDGE);
        }
        return new PatchMsdeModel(options, standardizer, bank, weights, shifted, pca, gaussian, basics);
    }

    PatchMsdeModel withBasics(Basics basics) {
        return new PatchMsdeModel(options, standardizer, bank, weights, shifted, pca, gaussian, basics);
    }

    /** Density weight of each bank patch. */
    public double[] weights() {
        return weights.clone();
    }

    /** Inductive scores (a patch's score never depends on another image). */
    @Override
    AnomalyMaps scoreChecked(LocalEmbeddings test) {
        return scoreUnchecked(test, ScoringMode.INDUCTIVE);
    }

    /** Scores in the given mode. */
    public AnomalyMaps score(LocalEmbeddings test, ScoringMode mode) {
        checkGrid(test);
        return scoreUnchecked(test, mode).withLevels(basics().normalLevel(), threshold());
    }

    AnomalyMaps scoreUnchecked(LocalEmbeddings test, ScoringMode mode) {
        MsdeOptions msde = options.msde();
        double[] scores = new double[test.size() * test.positions()];
        if (mode == ScoringMode.INDUCTIVE) {
            double[][] z = standardizer.transform(test.patchRows());
            ShiftTrace trace = MeanShift.toward(z, shifted, weights, msde, MsdeDetector.knn());
            patchScores(trace, 0, shifted, scores, 0);
        } else {
            for (int i = 0; i < test.size(); i++) {
                double[][] z = standardizer.transform(test.patchRows(new int[] {i}));
                ShiftTrace trace = Msde.run(Matrices.stack(bank, z), msde, MsdeDetector.knn(), null).shift();
                double[][] movedBank = new double[bank.length][];
                for (int r = 0; r < bank.length; r++) {
                    movedBank[r] = trace.position(r);
                }
                patchScores(trace, bank.length, movedBank, scores, i * test.positions());
            }
        }
        return AnomalyMaps.of(test.height(), test.width(), scores, options.imageScore());
    }

    /** Writes the scores of the trace's rows from {@code first} on into {@code out} from {@code at}. */
    private void patchScores(ShiftTrace trace, int first, double[][] reference, double[] out, int at) {
        int count = out.length - at < 0 ? 0 : Math.min(out.length - at, trace.positions().length - first);
        switch (options.score()) {
            case DISPLACEMENT -> {
                double[] total = trace.totalDisplacement();
                System.arraycopy(total, first, out, at, count);
            }
            case NEAREST -> {
                double[][] moved = new double[count][];
                for (int r = 0; r < count; r++) {
                    moved[r] = trace.position(first + r);
                }
                NeighbourSets nearest = MsdeDetector.knn().among(moved, reference, 1);
                for (int r = 0; r < count; r++) {
                    out[at + r] = Math.sqrt(Matrices.squaredDistance(moved[r], reference[nearest.get(r, 0)]));
                }
            }
            case MAHALANOBIS -> {
                double[][] moved = new double[count][];
                for (int r = 0; r < count; r++) {
                    moved[r] = trace.position(first + r);
                }
                System.arraycopy(gaussian.mahalanobis(pca.transform(moved)), 0, out, at, count);
            }
        }
    }

    @Override
    LocalModel with(Basics basics) {
        return withBasics(basics);
    }

    @Override
    Map<String, double[][]> arrays() {
        Map<String, double[][]> m = new LinkedHashMap<>();
        m.put("standardizer.mean", new double[][] {standardizer.mean()});
        m.put("standardizer.scale", new double[][] {standardizer.scale()});
        m.put("bank", bank);
        m.put("weights", new double[][] {weights});
        m.put("shifted", shifted);
        return m;
    }

    /** Restores a model from its file's settings and arrays (PCA + Gaussian are refitted on the shifted bank: deterministic). */
    static PatchMsdeModel restore(Map<String, Object> s, ImageScore rule, Map<String, double[][]> arrays, Basics basics) {
        MsdeOptions msde = new MsdeOptions(((Number) s.get("k")).intValue(), ((Number) s.get("tau")).intValue(),
                ((Number) s.get("eta")).doubleValue(), ((Number) s.get("iterations")).intValue(),
                ((Number) s.get("tolerance")).doubleValue(), WeightRule.valueOf((String) s.get("weightRule")),
                RowOrder.valueOf((String) s.get("rowOrder")), ((Number) s.get("msdeSeed")).longValue());
        PatchMsde options = new PatchMsde(((Number) s.get("bankSize")).intValue(), msde,
                PatchMsde.Score.valueOf(((String) s.get("score")).toUpperCase(Locale.ROOT)), rule,
                ((Number) s.get("thresholdQuantile")).doubleValue(), ((Number) s.get("seed")).longValue());
        Standardizer standardizer = Standardizer.of(arrays.get("standardizer.mean")[0], arrays.get("standardizer.scale")[0]);
        return of(options, standardizer, arrays.get("bank"), arrays.get("weights")[0], arrays.get("shifted"), basics);
    }
}
