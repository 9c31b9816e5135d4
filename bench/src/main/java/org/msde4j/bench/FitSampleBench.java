package org.msde4j.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.msde4j.data.DataCatalog;
import org.msde4j.data.Dataset;
import org.msde4j.data.Sample;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.detect.GdeBaseline;
import org.msde4j.detect.MsdeDetector;
import org.msde4j.embed.BadImagePolicy;
import org.msde4j.eval.Metrics;
import org.msde4j.pipeline.BackboneSpec;
import org.msde4j.pipeline.DatasetSpec;
import org.msde4j.pipeline.EmbeddedDataset;

/**
 * What a fit on a sample of the normals costs in AUROC: for each sample size N and seeds 1…S, the
 * normal training images that {@code msde-fit --sample N --seed s} would draw
 * ({@link Dataset#withTrainNormalSample}); MSDE (paper defaults, inductive scoring) and the plain
 * Gaussian (GDE) are fitted on their embeddings and score the whole test split. The backbone and
 * the embeddings are computed once, on all normals, so that only the fit sees the sample.
 */
final class FitSampleBench {

    private FitSampleBench() {
    }

    static void run(DatasetSpec spec, BackboneSpec backbone, DataCatalog catalog, Path cache, List<Integer> sizes, int seeds,
                    PrintStream out) throws IOException {
        EmbeddedDataset e = EmbeddedDataset.of(spec, backbone, catalog, cache, 42, true, BadImagePolicy.FAIL, out);
        Dataset dataset = e.dataset();
        Map<Sample, double[]> rows = new IdentityHashMap<>();
        for (int i = 0; i < e.train().samples().size(); i++) {
            rows.put(e.train().samples().get(i), e.train().rows()[i]);
        }
        double[][] test = e.test().rows();
        int[] labels = e.test().labels();
        DetectorOptions options = DetectorOptions.defaults();
        out.printf(Locale.ROOT, "%s, backbone %s: %d normal training images, test split %d images (%d anomalies)%n",
                e.name(), e.backboneName(), rows.size(), labels.length, Arrays.stream(labels).sum());
        out.println();
        out.println("| N (normals fitted) | samples | MSDE inductive AUROC: mean ± sd | min – max | GDE AUROC: mean ± sd | MSDE fit + score s (mean) |");
        out.println("|---:|---:|---:|---:|---:|---:|");
        for (int n : sizes) {
            int draws = n == rows.size() ? 1 : seeds;
            double[] msde = new double[draws];
            double[] gde = new double[draws];
            double fitSeconds = 0;
            for (int s = 0; s < draws; s++) {
                double[][] train = dataset.withTrainNormalSample(n, s + 1).trainNormals().stream().map(rows::get)
                        .toArray(double[][]::new);
                long start = System.nanoTime();
                double[] scores = MsdeDetector.fit(train, options).score(test);
                fitSeconds += (System.nanoTime() - start) / 1e9;
                msde[s] = Metrics.auroc(scores, labels);
                gde[s] = Metrics.auroc(GdeBaseline.fit(train, options).score(test), labels);
            }
            out.printf(Locale.ROOT, "| %d | %d | %.3f ± %.3f | %.3f – %.3f | %.3f ± %.3f | %.1f |%n", n, draws, mean(msde),
                    sd(msde), Arrays.stream(msde).min().orElseThrow(), Arrays.stream(msde).max().orElseThrow(), mean(gde), sd(gde),
                    fitSeconds / draws);
        }
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElseThrow();
    }

    private static double sd(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double m = mean(x);
        return Math.sqrt(Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / (x.length - 1));
    }
}
