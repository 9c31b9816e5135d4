package org.msde4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.msde4j.embed.LocalEmbeddings;
import org.msde4j.local.AnomalyMap;
import org.msde4j.local.AnomalyMaps;
import org.msde4j.local.LocalModel;
import org.msde4j.local.Padim;
import org.msde4j.local.PatchCore;
import org.msde4j.local.PatchMsde;
import org.msde4j.local.PatchMsdeModel;

/**
 * Fits each local method on the patch embeddings of a dataset's normal training images and scores
 * its test images: image AUROC and AP with bootstrap intervals, as {@link Evaluation} does for the
 * image-level methods, plus anomaly maps and — where the dataset has masks — pixel AUROC and AUPRO
 * ({@link PixelMetrics}) of the maps upsampled to the model's input size and smoothed
 * ({@link AnomalyMap}). The two modes of MSDE on patches share one fit.
 */
public final class LocalEvaluation {

    private LocalEvaluation() {
    }

    /**
     * Settings of a local evaluation.
     *
     * @param methods    the local methods to run
     * @param patchCore  PatchCore's settings
     * @param padim      PaDiM's settings
     * @param patchMsde  MSDE on patches' settings
     * @param replicates bootstrap replicates
     * @param seed       bootstrap seed
     * @param optional   true: a backbone without feature maps skips the local methods with a note
     *                   (msde-eval's default); false: it is an error (the user asked for them)
     */
    public record Settings(Set<BuiltInMethod> methods, PatchCore patchCore, Padim padim, PatchMsde patchMsde, int replicates,
                           long seed, boolean optional) {

        /** Checks that every method is a local one. */
        public Settings {
            for (BuiltInMethod m : methods) {
                if (!m.local()) {
                    throw new IllegalArgumentException(m.label() + " is not a local method.");
                }
            }
            methods = Set.copyOf(methods);
        }

        /** Every local method with its defaults, 1000 bootstrap replicates, seed 42. */
        public static Settings defaults() {
            return new Settings(BuiltInMethod.locals(), PatchCore.defaults(), Padim.defaults(), PatchMsde.defaults(),
                    Bootstrap.DEFAULT_REPLICATES, 42, false);
        }

        public Settings withMethods(Set<BuiltInMethod> value) {
            return new Settings(value, patchCore, padim, patchMsde, replicates, seed, optional);
        }

        public Settings withReplicates(int value) {
            return new Settings(methods, patchCore, padim, patchMsde, value, seed, optional);
        }

        public Settings withOptional(boolean value) {
            return new Settings(methods, patchCore, padim, patchMsde, replicates, seed, value);
        }
    }

    /**
     * Runs every method of {@code settings}.
     *
     * @param labels the test images' labels
     * @param truth  the test split's ground truth on the model's input grid, or null for no pixel metrics
     */
    public static List<MethodResult> run(String dataset, LocalEmbeddings train, LocalEmbeddings test, int[] labels,
                                         PixelTruth truth, Settings settings) {
        List<MethodResult> out = new ArrayList<>();
        for (BuiltInMethod method : new BuiltInMethod[] {BuiltInMethod.PATCHCORE, BuiltInMethod.PADIM}) {
            if (settings.methods().contains(method)) {
                Evaluation.Timed<LocalModel> fit = Evaluation.Timed.of(() -> method == BuiltInMethod.PATCHCORE
                        ? settings.patchCore().fit(train) : settings.padim().fit(train));
                Evaluation.Timed<AnomalyMaps> s = Evaluation.Timed.of(() -> fit.value().score(test));
                out.add(result(dataset, method, s.value(), labels, truth, train.size(), fit.seconds(), s.seconds(), settings));
            }
        }
        boolean inductive = settings.methods().contains(BuiltInMethod.PATCH_MSDE_INDUCTIVE);
        boolean transductive = settings.methods().contains(BuiltInMethod.PATCH_MSDE_TRANSDUCTIVE);
        if (inductive || transductive) {
            Evaluation.Timed<PatchMsdeModel> fit = Evaluation.Timed.of(() -> settings.patchMsde().fit(train));
            for (BuiltInMethod method : new BuiltInMethod[] {BuiltInMethod.PATCH_MSDE_INDUCTIVE, BuiltInMethod.PATCH_MSDE_TRANSDUCTIVE}) {
                if (settings.methods().contains(method)) {
                    Evaluation.Timed<AnomalyMaps> s = Evaluation.Timed.of(() -> method == BuiltInMethod.PATCH_MSDE_INDUCTIVE
                            ? fit.value().score(test) : fit.value().scoreTransductive(test));
                    out.add(result(dataset, method, s.value(), labels, truth, train.size(), fit.seconds(), s.seconds(),
                            settings));
                }
            }
        }
        return out;
    }

    /** Pixel AUROC and AUPRO of {@code maps} against {@code truth}. */
    public static PixelResult pixelMetrics(AnomalyMaps maps, PixelTruth truth) {
        List<float[]> images = new ArrayList<>(truth.images().length);
        for (int i : truth.images()) {
            images.add(AnomalyMap.toImage(maps.maps().get(i), maps.height(), maps.width(), truth.size(), truth.size(),
                    AnomalyMap.DEFAULT_SIGMA));
        }
        return new PixelResult(PixelMetrics.auroc(images, truth.truths()), PixelMetrics.aupro(images, truth.truths()),
                truth.maskedAbnormal(), truth.abnormal(), truth.size());
    }

    private static MethodResult result(String dataset, BuiltInMethod method, AnomalyMaps maps, int[] labels, PixelTruth truth,
                                       int trainImages, double fitSeconds, double scoreSeconds, Settings settings) {
        double[] scores = maps.scores();
        Interval auroc = Bootstrap.percentile(scores, labels, Metrics::auroc, settings.replicates(), 0.95, settings.seed());
        Interval ap = Bootstrap.percentile(scores, labels, Metrics::averagePrecision, settings.replicates(), 0.95,
                settings.seed());
        PixelResult pixel = truth == null ? null : pixelMetrics(maps, truth);
        return new MethodResult(dataset, method, scores, labels, auroc, ap, trainImages, fitSeconds, scoreSeconds, null,
                List.of(), maps, pixel);
    }
}
