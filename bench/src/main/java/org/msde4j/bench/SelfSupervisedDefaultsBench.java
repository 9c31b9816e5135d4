package org.msde4j.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.msde4j.data.Dataset;
import org.msde4j.data.Sample;
import org.msde4j.data.synthetic.SyntheticBrainMri;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.detect.GdeBaseline;
import org.msde4j.embed.Backbone;
import org.msde4j.embed.Embedder;
import org.msde4j.embed.ResNetArchitecture;
import org.msde4j.embed.SelfSupervisedBackbone;
import org.msde4j.embed.SelfSupervisedOptions;
import org.msde4j.embed.SelfSupervisedTraining;
import org.msde4j.eval.Metrics;
import org.msde4j.image.ImageRef;

/**
 * Measurement main (not a test) behind {@link SelfSupervisedOptions#defaults()}: generates the
 * project's synthetic brain-MRI set with its defaults ({@link SyntheticBrainMri.Options#defaults()}:
 * 600 normal training slices of 128 × 128, 200 + 200 test slices, MEDIUM tumours), trains with the
 * settings given as {@code inputSize:width:epochs} arguments (epochs 0: the untrained network), and
 * prints training wall time,
 * the training thread's CPU time (training runs on one thread, so on an otherwise idle machine the
 * wall time approaches the CPU time; on a shared machine the CPU time is the steadier figure),
 * final pretext loss and the GDE AUROC on the test split.
 *
 * <p>Run: {@code ./jbang msde-bench ssl-defaults 64:16:10 64:32:10}.
 */
public final class SelfSupervisedDefaultsBench {

    private SelfSupervisedDefaultsBench() {
    }

    private static List<ImageRef> images(List<Sample> samples) {
        return samples.stream().map(Sample::image).toList();
    }

    /** @param settings each {@code INPUT_PX:WIDTH:EPOCHS} */
    static void run(List<String> settings) throws Exception {
        Path data = Files.createTempDirectory("msde4j-synthetic").resolve("synthetic-brain-mri");
        Dataset dataset = SyntheticBrainMri.write(SyntheticBrainMri.Options.defaults(), data);
        List<ImageRef> train = images(dataset.trainNormals());
        List<ImageRef> test = images(dataset.test());
        int[] labels = Dataset.labels(dataset.test());
        System.out.println("| input px | width | epochs | training wall s | training CPU s | last pretext loss | GDE AUROC |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String arg : settings) {
            String[] f = arg.split(":");
            SelfSupervisedOptions options = SelfSupervisedOptions.defaults()
                    .withInputSize(Integer.parseInt(f[0]))
                    .withArchitecture(ResNetArchitecture.resnet18Width(Integer.parseInt(f[1])))
                    .withEpochs(Integer.parseInt(f[2]));
            Path dir = Files.createTempDirectory("msde4j-ssl-defaults");
            long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            SelfSupervisedTraining.Report report = SelfSupervisedTraining.train(train, options, dir,
                    SelfSupervisedTraining.Listener.NONE);
            double cpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1e9;
            try (Backbone backbone = SelfSupervisedBackbone.load(dir)) {
                double[][] x = Embedder.embed(backbone, train, Embedder.Options.defaults()).toDoubles();
                double[][] y = Embedder.embed(backbone, test, Embedder.Options.defaults()).toDoubles();
                double auroc = Metrics.auroc(GdeBaseline.fit(x, DetectorOptions.defaults()).score(y), labels);
                List<Double> loss = report.loss();
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %.1f | %.1f | %.4f | %.4f |%n", f[0], f[1], f[2],
                        report.seconds(), cpuSeconds, loss.isEmpty() ? Double.NaN : loss.get(loss.size() - 1), auroc);
            }
        }
    }
}
