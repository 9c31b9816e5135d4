package org.msde4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.msde4j.data.Dataset;
import org.msde4j.data.MedMnistLayout;
import org.msde4j.data.Sample;
import org.msde4j.data.synthetic.SyntheticBrainMri;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.embed.Backbone;
import org.msde4j.embed.DenoisingTask;
import org.msde4j.embed.Embedder;
import org.msde4j.embed.Preprocessing;
import org.msde4j.embed.RawPixelBackbone;
import org.msde4j.embed.Readout;
import org.msde4j.embed.SelfSupervisedBackbone;
import org.msde4j.embed.SelfSupervisedOptions;
import org.msde4j.embed.SelfSupervisedTraining;
import org.msde4j.eval.Evaluation;
import org.msde4j.eval.BuiltInMethod;
import org.msde4j.eval.MethodResult;
import org.msde4j.image.ImageRef;
import org.msde4j.math.Sampling;
import org.msde4j.pipeline.LabelFreeCheck;

/**
 * Measurement main (not a test) behind {@code docs/embeddings.md}: on one dataset, the default
 * self-supervised backbone (what {@code msde-eval} trains), the same sized to the data, the denoising
 * backbone read out on several scales at 64 and at 128 px (the choice for diffuse changes), the same network untrained (a
 * control: what the architecture and readout give without learning), and raw pixels at 64 px (the
 * issue's baseline, z-scored by the detectors) and 16 px (what {@code auto} weighs the learned
 * embedding against), each scored by MSDE (transductive, inductive), GDE and kNN-5 (AUROC/AP), with
 * training time, peak resident memory during training (Linux {@code VmHWM}, reset before each
 * training) and the label-free check of each.
 */
final class BackbonesBench {

    /** The embeddings compared. */
    enum Candidate {
        DEFAULT("self-supervised, default (AnatPaste, s4g1)"),
        SIZED("self-supervised, --ssl-preset sized"),
        DENOISING("self-supervised, denoising, s2g4+s3g2+s4g1"),
        DENOISING_128("self-supervised, denoising at 128 px, s2g4+s3g2+s4g1"), // as --ssl-pretext denoising trains it
        UNTRAINED("untrained network, s2g4+s3g2+s4g1"),
        PIXELS_64("raw pixels 64 px"),
        PIXELS_16("raw pixels 16 px");

        final String label;

        Candidate(String label) {
            this.label = label;
        }
    }

    private BackbonesBench() {
    }

    /**
     * @param dataset  {@code synthetic} or a MedMNIST {@code .npz} file
     * @param splits   the splits scored, each by the same trained backbones ({@code val}, {@code test}; the
     *                 synthetic set has only test)
     * @param normals  a seeded subset of this many normal training images (0: all)
     * @param threads  libtorch threads of the trainings (0: one per core)
     * @param reuse    folder that keeps the trained backbones, reused by a later run with the same training
     *                 settings (so that another split is scored by the same weights), or null for a
     *                 temporary folder
     */
    static void run(String dataset, List<String> splits, int normals, int threads, List<Candidate> candidates, Path reuse)
            throws IOException {
        List<Dataset> scored = new ArrayList<>();
        List<String> splitNames = new ArrayList<>();
        if (dataset.equals("synthetic")) {
            splitNames.add("test");
            scored.add(SyntheticBrainMri.write(SyntheticBrainMri.Options.defaults(),
                    Files.createTempDirectory("msde4j-backbones").resolve("synthetic-brain-mri")));
        } else {
            for (String split : splits) {
                scored.add(MedMnistLayout.read(Path.of(dataset), split));
                splitNames.add(split);
            }
        }
        Dataset data = scored.get(0);
        List<ImageRef> train = images(data.trainNormals());
        if (normals > 0) {
            int[] all = new int[train.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            List<ImageRef> subset = new ArrayList<>();
            for (int i : Sampling.withoutReplacement(all, normals, new Random(42))) {
                subset.add(train.get(i));
            }
            train = subset;
        }
        System.out.printf(Locale.ROOT, "%s: %d normal training images%s%n", dataset, train.size(),
                normals > 0 ? " (seeded subset, seed 42)" : "");
        for (int i = 0; i < scored.size(); i++) {
            Dataset d = scored.get(i);
            int[] labels = Dataset.labels(d.test());
            System.out.printf(Locale.ROOT, "  %s %s: %d scored (%d anomalous)%n", d.name(), splitNames.get(i), labels.length,
                    java.util.Arrays.stream(labels).sum());
        }
        System.out.println("| embedding | scored | training s | peak RSS MiB | label-free check | MSDE transductive "
                + "| MSDE inductive | GDE | kNN-5 |");
        System.out.println("|---|---|---:|---:|---:|---|---|---|---|");
        Path work = reuse != null ? Files.createDirectories(reuse) : Files.createTempDirectory("msde4j-backbones");
        for (Candidate c : candidates) {
            double seconds = 0;
            double peak = Double.NaN;
            Backbone backbone;
            if (c == Candidate.PIXELS_64 || c == Candidate.PIXELS_16) {
                backbone = new RawPixelBackbone(Preprocessing.unnormalised(c == Candidate.PIXELS_64 ? 64 : 16, 1));
            } else {
                SelfSupervisedOptions options = trainingOf(c, train.size());
                options = threads > 0 ? options.withThreads(threads) : options;
                Path dir = work.resolve(c.name());
                Path record = work.resolve(c.name() + ".training");
                List<String> earlier = Files.isRegularFile(record) ? Files.readAllLines(record) : List.of();
                if (earlier.size() == 3 && earlier.get(0).equals(options.toString())) {
                    seconds = Double.parseDouble(earlier.get(1));
                    peak = Double.parseDouble(earlier.get(2));
                    System.out.println("  " + c.label + ": trained before in " + dir);
                } else {
                    System.gc();
                    Files.writeString(Path.of("/proc/self/clear_refs"), "5");
                    SelfSupervisedTraining.Report report = SelfSupervisedTraining.train(train, options, dir, e -> {
                        if (e.epoch() == e.epochs() || e.epoch() % 10 == 0) {
                            System.out.println("  " + c.label + ": " + e);
                        }
                    });
                    peak = status("VmHWM") / 1024.0;
                    seconds = report.seconds();
                    Files.write(record, List.of(options.toString(), Double.toString(seconds), Double.toString(peak)));
                }
                backbone = SelfSupervisedBackbone.load(dir);
            }
            try (Backbone b = backbone) {
                double[][] x = Embedder.embed(b, train, Embedder.Options.defaults()).toDoubles();
                String check = train.size() >= LabelFreeCheck.FOLDS * (LabelFreeCheck.K + 1)
                        ? String.format(Locale.ROOT, "%.3f", LabelFreeCheck.of(b, train, 42).mean()) : "–";
                Evaluation.Settings settings = new Evaluation.Settings(DetectorOptions.defaults(),
                        EnumSet.allOf(BuiltInMethod.class), 5, 200, 42);
                for (int i = 0; i < scored.size(); i++) {
                    Dataset d = scored.get(i);
                    double[][] y = Embedder.embed(b, images(d.test()), Embedder.Options.defaults()).toDoubles();
                    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %.0f | %s | %s", c.label,
                            splitNames.get(i), seconds, Double.isNaN(peak) ? "–" : String.format(Locale.ROOT, "%.0f", peak), check));
                    List<MethodResult> results = Evaluation.run(d.name(), x, y, Dataset.labels(d.test()), settings);
                    for (BuiltInMethod m : List.of(BuiltInMethod.MSDE_TRANSDUCTIVE, BuiltInMethod.MSDE_INDUCTIVE, BuiltInMethod.GDE, BuiltInMethod.KNN)) {
                        MethodResult r = results.stream().filter(v -> v.method() == m).findFirst().orElseThrow();
                        row.append(String.format(Locale.ROOT, " | %.3f / %.3f", r.auroc().estimate(), r.ap().estimate()));
                    }
                    System.out.println(row.append(" |"));
                }
            }
        }
        System.out.println("(AUROC / AP; label-free check: mean AUROC of held-out normals against synthetic anomalies.)");
    }

    /** The training settings of a self-supervised candidate for {@code normals} images. */
    private static SelfSupervisedOptions trainingOf(Candidate c, int normals) {
        SelfSupervisedOptions defaults = SelfSupervisedOptions.defaults();
        return switch (c) {
            case DEFAULT -> defaults;
            case SIZED -> SelfSupervisedOptions.sizedFor(normals);
            case DENOISING -> SelfSupervisedOptions.defaultsFor(DenoisingTask.coarseNoise())
                    .withInputSize(SelfSupervisedOptions.DEFAULT_INPUT_SIZE);
            case DENOISING_128 -> SelfSupervisedOptions.defaultsFor(DenoisingTask.coarseNoise());
            case UNTRAINED -> defaults.withEpochs(0).withReadout(Readout.parse(SelfSupervisedOptions.MULTI_SCALE));
            case PIXELS_64, PIXELS_16 -> throw new IllegalArgumentException(c + " is not trained.");
        };
    }

    private static List<ImageRef> images(List<Sample> samples) {
        return samples.stream().map(Sample::image).toList();
    }

    /** A field of {@code /proc/self/status} in kB. */
    private static long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
