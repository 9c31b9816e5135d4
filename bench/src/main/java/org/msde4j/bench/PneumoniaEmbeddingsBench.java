package org.msde4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.msde4j.data.Dataset;
import org.msde4j.data.MedMnistLayout;
import org.msde4j.data.Sample;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.detect.GdeBaseline;
import org.msde4j.detect.MsdeDetector;
import org.msde4j.detect.MsdeModel;
import org.msde4j.embed.Backbone;
import org.msde4j.embed.Embedder;
import org.msde4j.embed.Preprocessing;
import org.msde4j.embed.RawPixelBackbone;
import org.msde4j.embed.SelfSupervisedBackbone;
import org.msde4j.embed.SelfSupervisedOptions;
import org.msde4j.embed.SelfSupervisedTraining;
import org.msde4j.eval.Metrics;
import org.msde4j.image.ImageRef;

/**
 * Measurement main (not a test): one-class anomaly detection on PneumoniaMNIST (balanced subset in
 * {@code ../shared/data}): a self-supervised backbone with default settings is trained on the
 * normal training images, then normal training images → whole test split, scored by MSDE
 * (transductive and inductive), by the Gaussian without MSDE (GDE), and raw pixels by GDE. Also
 * the same architecture untrained, for reference. Prints a Markdown table.
 *
 * <p>Run: {@code ./jbang msde-bench pneumonia [--npz FILE] [--epochs N]}.
 */
public final class PneumoniaEmbeddingsBench {

    private PneumoniaEmbeddingsBench() {
    }

    /**
     * @param npz    the PneumoniaMNIST file
     * @param epochs training epochs of the self-supervised backbone, or null for the default's
     */
    static void run(Path npz, Integer epochs) throws Exception {
        Dataset dataset = MedMnistLayout.read(npz);
        List<ImageRef> normals = images(dataset.trainNormals());
        List<ImageRef> test = images(dataset.test());
        int[] labels = Dataset.labels(dataset.test());
        SelfSupervisedOptions options = SelfSupervisedOptions.defaults();
        if (epochs != null) {
            options = options.withEpochs(epochs);
        }
        System.out.printf(Locale.ROOT, "%d normal training images, %d test images (%d anomalous); %s%n",
                normals.size(), test.size(), Arrays.stream(labels).sum(), options);
        Path work = Files.createTempDirectory("msde4j-pneumonia");
        SelfSupervisedTraining.Report report = SelfSupervisedTraining.train(normals, options, work.resolve("ssl"),
                System.out::println);
        SelfSupervisedTraining.train(normals, options.withEpochs(0), work.resolve("untrained"), SelfSupervisedTraining.Listener.NONE);
        System.out.printf(Locale.ROOT, "training: %.1f s%n%n", report.seconds());

        System.out.println("| embedding | detector | AUROC | AP |");
        System.out.println("|---|---|---|---|");
        try (Backbone ssl = SelfSupervisedBackbone.load(work.resolve("ssl"))) {
            double[][] x = embed(ssl, normals);
            double[][] y = embed(ssl, test);
            MsdeModel msde = MsdeDetector.fit(x, DetectorOptions.defaults());
            row("self-supervised (default)", "MSDE transductive", msde.scoreTransductive(y).scores(), labels);
            row("self-supervised (default)", "MSDE inductive", msde.score(y), labels);
            row("self-supervised (default)", "GDE (no MSDE)", GdeBaseline.fit(x, DetectorOptions.defaults()).score(y), labels);
        }
        try (Backbone untrained = SelfSupervisedBackbone.load(work.resolve("untrained"))) {
            double[][] x = embed(untrained, normals);
            double[][] y = embed(untrained, test);
            row("same architecture, untrained", "GDE (no MSDE)", GdeBaseline.fit(x, DetectorOptions.defaults()).score(y), labels);
        }
        try (Backbone raw = new RawPixelBackbone(Preprocessing.unnormalised(28, 1))) {
            double[][] x = embed(raw, normals);
            double[][] y = embed(raw, test);
            row("raw pixels 28×28", "GDE (no MSDE)", GdeBaseline.fit(x, DetectorOptions.defaults()).score(y), labels);
        }
    }

    private static List<ImageRef> images(List<Sample> samples) {
        return samples.stream().map(Sample::image).toList();
    }

    private static double[][] embed(Backbone backbone, List<ImageRef> images) throws IOException {
        return Embedder.embed(backbone, images, Embedder.Options.defaults()).toDoubles();
    }

    private static void row(String embedding, String detector, double[] scores, int[] labels) {
        System.out.printf(Locale.ROOT, "| %s | %s | %.4f | %.4f |%n", embedding, detector,
                Metrics.auroc(scores, labels), Metrics.averagePrecision(scores, labels));
    }
}
