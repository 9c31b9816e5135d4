package org.msde4j.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.msde4j.data.DataCatalog;
import org.msde4j.data.Dataset;
import org.msde4j.data.Split;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.detect.GdeBaseline;
import org.msde4j.detect.KnnDistanceBaseline;
import org.msde4j.detect.MsdeDetector;
import org.msde4j.detect.MsdeModel;
import org.msde4j.detect.ShiftDiagnostics;
import org.msde4j.embed.BadImagePolicy;
import org.msde4j.eval.Bootstrap;
import org.msde4j.eval.Interval;
import org.msde4j.eval.Metrics;
import org.msde4j.knn.ExactKnn;
import org.msde4j.math.Quantiles;
import org.msde4j.msde.MeanShift;
import org.msde4j.msde.Msde;
import org.msde4j.msde.MsdeOptions;
import org.msde4j.pipeline.BackboneSpec;
import org.msde4j.pipeline.DatasetSpec;
import org.msde4j.pipeline.EmbeddedSplit;

/**
 * Measurement main (not a test): ways to score one test image at a time with a fitted MSDE model,
 * i.e. deployable (inductive) variants, against the baselines and the transductive protocol, on the
 * embeddings {@code msde-eval} cached. Prints a Markdown table: AUROC and AP on the whole test split
 * with 95 % stratified bootstrap intervals, and how far each variant moved normal and anomalous test
 * rows (median Euclidean distance in standardised units). Since these scores do not depend on the
 * other test images, their expected AUROC is the same at every prevalence.
 *
 * <p>Variants of the test row's shift, all scored by the model's PCA + Gaussian (fitted on the
 * shifted training rows), with zⱼ the standardised test row:
 * <ul>
 *   <li><b>library</b> ({@link MsdeModel#score(double[][])}): up to T_max steps towards the weighted mean of
 *       the k nearest <em>final</em> shifted training rows, stopping on its own tolerance;</li>
 *   <li><b>summed displacement</b> of that run, Σₜ Δₜ (the tabular MSDE paper's score) instead of the
 *       Mahalanobis distance;</li>
 *   <li><b>replay</b>: the path of a passive point in the fit run — step t moves towards the weighted
 *       mean of the k nearest training rows at their positions <em>before</em> fit iteration t, for as
 *       many iterations as the fit ran, so the test row sees the normals contract as they did;</li>
 *   <li><b>no shift</b>: zⱼ itself.</li>
 * </ul>
 */
public final class InductiveVariantsBench {

    private InductiveVariantsBench() {
    }

    /** One scoring of the test rows; {@code moved} is null when the score involves no shift. */
    private record Variant(String name, double[] scores, double[][] moved) {
    }

    /** Loads the dataset and its cached embeddings, fits MSDE with the defaults, prints the table. */
    public static void run(DatasetSpec spec, BackboneSpec backboneSpec, DataCatalog catalog, Path cache, long seed,
                           PrintStream out) throws IOException {
        Dataset dataset = spec.load(catalog, seed, out::println);
        try (BackboneSpec.Ready backbone = backboneSpec.open(spec.name(), dataset.trainNormals(), cache, true, out)) {
            Path embeddings = cache.resolve("embeddings");
            EmbeddedSplit train = EmbeddedSplit.of(spec.name(), Split.TRAIN, dataset.trainNormals(), backbone.backbone(),
                    embeddings, BadImagePolicy.FAIL, out);
            EmbeddedSplit test = EmbeddedSplit.of(spec.name(), Split.TEST, dataset.test(), backbone.backbone(), embeddings,
                    BadImagePolicy.FAIL, out);
            DetectorOptions options = DetectorOptions.defaults()
                    .withMsde(DetectorOptions.defaults().msde().withSeed(seed));
            MsdeModel model = MsdeDetector.fit(train.rows(), options);
            double[][] z = model.standardizer().transform(test.rows());
            int[] labels = test.labels();

            List<Variant> variants = new ArrayList<>();
            ShiftDiagnostics library = model.diagnose(test.rows());
            variants.add(new Variant("MSDE inductive, library (towards the final shifted normals)", library.scores(),
                    library.positions()));
            variants.add(new Variant("MSDE inductive, summed displacement Σₜ Δₜ of that shift",
                    library.trace().totalDisplacement(), library.positions()));
            double[][] replayed = replay(model, z);
            variants.add(new Variant("MSDE inductive, replay of the fit trajectory", gaussian(model, replayed), replayed));
            variants.add(new Variant("MSDE model, test image not shifted", gaussian(model, z), z));
            variants.add(new Variant("GDE (no MSDE)", GdeBaseline.fit(train.rows(), options).score(test.rows()), null));
            variants.add(new Variant("kNN distance (k = " + KnnDistanceBaseline.DEFAULT_K + ")",
                    KnnDistanceBaseline.fit(train.rows(), KnnDistanceBaseline.DEFAULT_K).score(test.rows()), null));
            ShiftDiagnostics transductive = model.diagnoseTransductive(test.rows());
            variants.add(new Variant("MSDE transductive, whole test set at once (not deployable)", transductive.scores(),
                    transductive.positions()));

            out.printf(Locale.ROOT, "%n%s, %s: %d training normals, %d test images (%d anomalies); fit ran %d of at most %d "
                            + "iterations; library inductive: %d of %d test rows ran all %d iterations%n%n", spec.name(),
                    backbone.backbone().name(), train.rows().length, z.length, Arrays.stream(labels).sum(),
                    model.summary().iterations(), options.msde().maxIterations(), ranAll(library, z.length),
                    z.length, library.trace().iterations());
            out.println("| scoring | AUROC [95 % CI] | AP [95 % CI] | median move, normals | median move, anomalies |");
            out.println("|---|---|---|---:|---:|");
            for (Variant v : variants) {
                Interval auroc = Bootstrap.percentile95(v.scores(), labels, Metrics::auroc, seed);
                Interval ap = Bootstrap.percentile95(v.scores(), labels, Metrics::averagePrecision, seed);
                out.printf(Locale.ROOT, "| %s | %.3f [%.3f, %.3f] | %.3f [%.3f, %.3f] | %s | %s |%n", v.name(),
                        auroc.estimate(), auroc.lower(), auroc.upper(), ap.estimate(), ap.lower(), ap.upper(),
                        medianMove(z, v.moved(), labels, 0), medianMove(z, v.moved(), labels, 1));
            }
        }
    }

    /**
     * The test rows moved as passive points of the fit run: one step per fit iteration t, towards the
     * weighted neighbour means of the training rows at their positions before that iteration.
     */
    static double[][] replay(MsdeModel model, double[][] z) {
        ExactKnn knn = ExactKnn.withFastestBackend();
        MsdeOptions o = model.options().msde();
        List<double[][]> before = new ArrayList<>();
        before.add(model.trainStandardized());
        Msde.Result fit = Msde.run(model.trainStandardized(), o, knn, (t, positions, displacement) -> before.add(positions));
        if (!Arrays.deepEquals(fit.shift().positions(), model.trainShifted())) {
            throw new IllegalStateException("re-running the fit did not reproduce the model's shifted training rows");
        }
        double[][] y = z;
        MsdeOptions oneStep = o.withMaxIterations(1);
        for (int t = 0; t < fit.shift().iterations(); t++) {
            y = MeanShift.toward(y, before.get(t), model.weights(), oneStep, knn).positions();
        }
        return y;
    }

    private static double[] gaussian(MsdeModel model, double[][] rows) {
        return model.gaussian().mahalanobis(model.pca().transform(rows));
    }

    private static int ranAll(ShiftDiagnostics r, int rows) {
        int last = r.trace().iterations();
        int count = 0;
        for (int i = 0; i < rows; i++) {
            count += r.trace().displacement(last, i) > 0 ? 1 : 0;
        }
        return count;
    }

    private static String medianMove(double[][] z, double[][] moved, int[] labels, int label) {
        if (moved == null) {
            return "—";
        }
        double[] d = new double[z.length];
        int n = 0;
        for (int i = 0; i < z.length; i++) {
            if (labels[i] == label) {
                double sq = 0;
                for (int c = 0; c < z[i].length; c++) {
                    double diff = moved[i][c] - z[i][c];
                    sq += diff * diff;
                }
                d[n++] = Math.sqrt(sq);
            }
        }
        return String.format(Locale.ROOT, "%.2f", Quantiles.of(Arrays.copyOf(d, n), 0.5));
    }
}
