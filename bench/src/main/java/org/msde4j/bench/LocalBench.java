package org.msde4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.msde4j.data.Dataset;
import org.msde4j.data.MedIAnomalyLayout;
import org.msde4j.data.synthetic.SyntheticBrainMri;
import org.msde4j.embed.BadImagePolicy;
import org.msde4j.embed.LocalEmbeddings;
import org.msde4j.embed.LocalFeatures;
import org.msde4j.eval.LocalEvaluation;
import org.msde4j.eval.BuiltInMethod;
import org.msde4j.eval.Metrics;
import org.msde4j.eval.PixelResult;
import org.msde4j.eval.PixelTruth;
import org.msde4j.local.AnomalyMaps;
import org.msde4j.local.LocalModel;
import org.msde4j.local.PatchMsdeModel;
import org.msde4j.pipeline.BackboneSpec;
import org.msde4j.pipeline.EmbeddedPatches;

/**
 * The speed benchmark of the local methods (issue 14): the synthetic brain-MRI set with 1000 normal
 * training images and 300 + 300 test images at 128 px, the backbone trained once beforehand (not
 * timed), then per method: patch embeddings of all 1600 images (computed afresh, not read from a
 * cache), fit, and scoring of the test images, with the resident-memory peak. A bare float32 matrix
 * product through libtorch — test patches × PatchCore's bank — is timed in the same run as the
 * baseline that the ratios refer to, because the machine is shared and absolute times are noisy;
 * the load average is printed at the start and the end.
 *
 * <pre>
 * ./jbang msde-bench local
 * ./jbang msde-bench local --train 1000 --test 600 --image-size 128
 * </pre>
 */
public final class LocalBench {

    /** The budget for fit + score (with patch embeddings), seconds. */
    static final double BUDGET_SECONDS = 120;
    /** The budget for the resident-memory peak, bytes. */
    static final long BUDGET_RSS = 4L << 30;

    private LocalBench() {
    }

    /**
     * Options.
     *
     * @param train     normal training images
     * @param test      test images (half normal, half with tumours)
     * @param backbone  the backbone, as msde-eval takes it ({@code ssl}: trained on the training images once)
     * @param imageSize the backbone's input size (0: its default)
     * @param methods   the local methods to time
     * @param work      a folder for the generated images and caches (kept between runs)
     */
    record Args(int train, int test, String backbone, int imageSize, Set<BuiltInMethod> methods, Path work) {
    }

    /** One timed method. */
    private record Row(String method, double fit, double score, double embed, double auroc, double pixelAuroc, long rss) {
    }

    static void run(Args a, PrintStream out) throws IOException {
        out.println("load average at the start: " + loadAverage());
        Path data = a.work().resolve(String.format(Locale.ROOT, "synthetic-%d-%d", a.train(), a.test()));
        if (!Files.isDirectory(data)) {
            SyntheticBrainMri.write(SyntheticBrainMri.Options.defaults().withCounts(a.train(), a.test() / 2,
                    a.test() - a.test() / 2), data);
        }
        Dataset dataset = MedIAnomalyLayout.read(data);
        out.println(dataset);
        BackboneSpec spec = BackboneSpec.parse(a.backbone(), a.imageSize(), null, null);
        try (BackboneSpec.Ready ready = spec.open("bench-" + data.getFileName(), dataset.trainNormals(),
                a.work().resolve("cache"), true, out)) {
            LocalFeatures features = LocalFeatures.of(ready.backbone());
            out.println(features.name());
            Path fresh = Files.createTempDirectory(a.work(), "embeddings-");
            long t0 = System.nanoTime();
            List<EmbeddedPatches> splits = EmbeddedPatches.trainAndTest("bench", dataset, features, fresh,
                    BadImagePolicy.FAIL, out);
            double embed = seconds(t0);
            LocalEmbeddings train = splits.get(0).embeddings();
            LocalEmbeddings test = splits.get(1).embeddings();
            PixelTruth truth = PixelTruth.of(splits.get(1).samples(), features.preprocessing().size());
            int[] labels = splits.get(1).labels();
            LocalEvaluation.Settings s = LocalEvaluation.Settings.defaults();
            int bank = (int) Math.round(s.patchCore().coresetShare() * train.size() * train.positions());
            double baseline = product(test.size() * test.positions(), bank, train.depth());
            List<Row> rows = new ArrayList<>();
            for (BuiltInMethod m : a.methods()) {
                long f0 = System.nanoTime();
                LocalModel model = switch (m) {
                    case PATCHCORE -> s.patchCore().fit(train);
                    case PADIM -> s.padim().fit(train);
                    default -> s.patchMsde().fit(train);
                };
                double fit = seconds(f0);
                long s0 = System.nanoTime();
                AnomalyMaps maps = model instanceof PatchMsdeModel msde && m == BuiltInMethod.PATCH_MSDE_TRANSDUCTIVE
                        ? msde.scoreTransductive(test) : model.score(test);
                double score = seconds(s0);
                PixelResult pixel = truth == null ? null : LocalEvaluation.pixelMetrics(maps, truth);
                rows.add(new Row(m.label(), fit, score, embed, Metrics.auroc(maps.scores(), labels),
                        pixel == null ? Double.NaN : pixel.auroc(), CoreWorkload.residentPeak()));
            }
            print(out, a, train, test, embed, baseline, rows);
        }
        out.println("load average at the end: " + loadAverage());
    }

    private static void print(PrintStream out, Args a, LocalEmbeddings train, LocalEmbeddings test, double embed,
                              double baseline, List<Row> rows) {
        out.printf(Locale.ROOT, "%n%d training images → %d patches of %d floats; %d test images → %d patches%n",
                train.size(), train.size() * train.positions(), train.depth(), test.size(), test.size() * test.positions());
        out.printf(Locale.ROOT, "patch embeddings of all %d images: %.1f s; baseline (bare float32 product, test patches × "
                + "PatchCore's bank, libtorch): %.2f s%n%n", train.size() + test.size(), embed, baseline);
        out.println("| method | fit s | score s | embed + fit + score s | ÷ baseline | ≤ 120 s | RSS peak MiB | ≤ 4 GiB | AUROC | pixel AUROC |");
        out.println("|---|---:|---:|---:|---:|---|---:|---|---:|---:|");
        for (Row r : rows) {
            double total = r.embed() + r.fit() + r.score();
            out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.0f | %s | %d | %s | %.3f | %.3f |%n", r.method(), r.fit(),
                    r.score(), total, total / baseline, total <= BUDGET_SECONDS ? "yes" : "no", r.rss() >> 20,
                    r.rss() <= BUDGET_RSS ? "yes" : "no", r.auroc(), r.pixelAuroc());
        }
        out.println("(RSS peak: the process's resident high-water mark after that method, so it includes the ones before.)");
    }

    /** Seconds of one float32 product (m × d) · (d × n) through libtorch, the kNN search's bulk work. */
    private static double product(int m, int n, int d) {
        Random rnd = new Random(1);
        float[] a = new float[m * d];
        float[] b = new float[n * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rnd.nextGaussian();
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray x = manager.create(a, new Shape(m, d));
            NDArray y = manager.create(b, new Shape(d, n));
            Supplier<Double> once = () -> {
                long t = System.nanoTime();
                try (NDArray p = x.matMul(y)) {
                    p.getFloat(0, 0);
                }
                return seconds(t);
            };
            once.get();
            return once.get();
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim() + " (" + Runtime.getRuntime().availableProcessors()
                    + " cores)";
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Every local method but the transductive MSDE on patches, which the benchmark times only when asked. */
    static Set<BuiltInMethod> defaultMethods() {
        Set<BuiltInMethod> out = EnumSet.copyOf(BuiltInMethod.locals());
        out.remove(BuiltInMethod.PATCH_MSDE_TRANSDUCTIVE);
        return out;
    }
}
