package org.msde4j.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.msde4j.density.GaussianDensity;
import org.msde4j.density.Pca;
import org.msde4j.density.Standardizer;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.detect.FitSummary;
import org.msde4j.detect.MsdeModel;
import org.msde4j.embed.LocalEmbeddings;
import org.msde4j.msde.MsdeOptions;
import org.msde4j.msde.RowOrder;
import org.msde4j.msde.WeightRule;

/** A fitted {@link PatchMsde}: one fitted MSDE model per position of the patch grid. */
public final class PatchMsdeModel extends LocalModel {

    private final PatchMsde options;
    private final MsdeModel[] models;

    PatchMsdeModel(PatchMsde options, MsdeModel[] models, Basics basics) {
        super("patch-msde", options, basics);
        this.options = options;
        this.models = models;
    }

    /** The MSDE model of grid position {@code position} (= y · width + x). */
    public MsdeModel at(int position) {
        return models[position];
    }

    /** Inductive scores (a patch's score never depends on another image). */
    @Override
    AnomalyMaps scoreChecked(LocalEmbeddings test) {
        return scoreByPosition(test, MsdeModel::score);
    }

    /**
     * Transductive scores (the paper's protocol, position by position): the patches of each position
     * of all the given images are shifted together with that position's training patches
     * ({@link MsdeModel#scoreTransductive}), so a patch's score depends on the other images.
     * {@link #score(LocalEmbeddings)} is the inductive counterpart: each patch alone.
     */
    public AnomalyMaps scoreTransductive(LocalEmbeddings test) {
        checkGrid(test);
        return scoreByPosition(test, (model, rows) -> model.scoreTransductive(rows).scores())
                .withLevels(basics().normalLevel(), threshold());
    }

    private AnomalyMaps scoreByPosition(LocalEmbeddings test, BiFunction<MsdeModel, double[][], double[]> scoring) {
        int positions = test.positions();
        double[] scores = new double[test.size() * positions];
        for (int p = 0; p < positions; p++) {
            double[] s = scoring.apply(models[p], PadimModel.atPosition(test, p, null));
            for (int i = 0; i < s.length; i++) {
                scores[i * positions + p] = s[i];
            }
        }
        return AnomalyMaps.of(test.height(), test.width(), scores, options.imageScore());
    }

    @Override
    LocalModel with(Basics basics) {
        return new PatchMsdeModel(options, models, basics);
    }

    /** Every position's arrays stacked: per-position vectors as rows, per-position matrices one after another. */
    @Override
    Map<String, double[][]> arrays() {
        Map<String, List<double[]>> stacks = new LinkedHashMap<>();
        for (String name : NAMES) {
            stacks.put(name, new ArrayList<>());
        }
        for (MsdeModel m : models) {
            stacks.get("standardizer.mean").add(m.standardizer().mean());
            stacks.get("standardizer.scale").add(m.standardizer().scale());
            stacks.get("train.standardized").addAll(List.of(m.trainStandardized()));
            stacks.get("train.weights").add(m.weights());
            stacks.get("train.shifted").addAll(List.of(m.trainShifted()));
            stacks.get("train.scores").add(m.trainScores());
            stacks.get("pca.mean").add(m.pca().mean());
            stacks.get("pca.components").addAll(List.of(m.pca().componentRows()));
            stacks.get("pca.explainedVariance").add(m.pca().explainedVariance());
            stacks.get("gaussian.mean").add(m.gaussian().mean());
            stacks.get("gaussian.precision").addAll(List.of(m.gaussian().precision()));
        }
        Map<String, double[][]> out = new LinkedHashMap<>();
        stacks.forEach((name, rows) -> out.put("position." + name, rows.toArray(double[][]::new)));
        return out;
    }

    private static final List<String> NAMES = List.of("standardizer.mean", "standardizer.scale", "train.standardized",
            "train.weights", "train.shifted", "train.scores", "pca.mean", "pca.components", "pca.explainedVariance",
            "gaussian.mean", "gaussian.precision");

    /** Restores a model from its file's settings and arrays. */
    static PatchMsdeModel restore(Map<String, Object> s, ImageScore rule, Map<String, double[][]> arrays, Basics basics) {
        MsdeOptions msde = new MsdeOptions(((Number) s.get("k")).intValue(), ((Number) s.get("tau")).intValue(),
                ((Number) s.get("eta")).doubleValue(), ((Number) s.get("iterations")).intValue(),
                ((Number) s.get("tolerance")).doubleValue(), WeightRule.valueOf((String) s.get("weightRule")),
                RowOrder.valueOf(((String) s.get("rowOrder")).toUpperCase(Locale.ROOT)), ((Number) s.get("seed")).longValue());
        DetectorOptions detector = DetectorOptions.defaults().withMsde(msde)
                .withPcaComponents(((Number) s.get("pcaComponents")).intValue())
                .withRidge(((Number) s.get("ridge")).doubleValue());
        PatchMsde options = new PatchMsde(detector, rule, ((Number) s.get("thresholdQuantile")).doubleValue());
        int positions = basics.height() * basics.width();
        double[][] weights = arrays.get("position.train.weights");
        int n = weights[0].length;
        int components = arrays.get("position.pca.explainedVariance")[0].length;
        MsdeModel[] models = new MsdeModel[positions];
        for (int p = 0; p < positions; p++) {
            Pca pca = Pca.of(arrays.get("position.pca.mean")[p], rows(arrays, "position.pca.components", p, components),
                    arrays.get("position.pca.explainedVariance")[p]);
            GaussianDensity gaussian = GaussianDensity.of(arrays.get("position.gaussian.mean")[p],
                    rows(arrays, "position.gaussian.precision", p, components));
            FitSummary summary = new FitSummary(n, basics.depth(), components, 0, new double[0], "restored", 0, List.of());
            models[p] = MsdeModel.restore(detector, Standardizer.of(arrays.get("position.standardizer.mean")[p],
                            arrays.get("position.standardizer.scale")[p]), rows(arrays, "position.train.standardized", p, n),
                    weights[p], rows(arrays, "position.train.shifted", p, n), pca, gaussian,
                    arrays.get("position.train.scores")[p], summary);
        }
        return new PatchMsdeModel(options, models, basics);
    }

    /** Rows [p·count, (p+1)·count) of a stacked array. */
    private static double[][] rows(Map<String, double[][]> arrays, String name, int p, int count) {
        return Arrays.copyOfRange(arrays.get(name), p * count, (p + 1) * count);
    }
}
