///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS org.msde4j:msde4j:0.1.0-SNAPSHOT
//DEPS info.picocli:picocli:4.7.7
//SOURCES common/Cli.java
//JAVA_OPTIONS -Xmx4g -Dai.djl.offline=true

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.msde4j.data.Dataset;
import org.msde4j.data.Sample;
import org.msde4j.embed.ResNetArchitecture;
import org.msde4j.embed.SelfSupervisedOptions;
import org.msde4j.embed.SelfSupervisedTraining;
import org.msde4j.io.Progress;
import org.msde4j.io.RunFolder;
import org.msde4j.pipeline.RunInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** msde-backbone: trains the self-supervised backbone on a dataset's normal training images. */
@Command(name = "msde-backbone", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Trains the self-supervised backbone (a ResNet-18-like network, by the AnatPaste/CutPaste pretext task: "
                + "tell an image from the same image with a patch of its anatomy pasted elsewhere) on the normal training "
                + "images of a dataset, and saves it into --out. Use it with --backbone ssl:DIR.")
public class MsdeBackbone implements Callable<Integer> {

    @Parameters(paramLabel = "DATASET", arity = "0..1", description = "A dataset id (default: synthetic-brain-mri, unless --folder/--npz/--list).")
    String id;
    @Mixin
    DataMixin data;
    @Option(names = "--epochs", defaultValue = "30", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--image-size", defaultValue = "64", description = "Input size in pixels (default: ${DEFAULT-VALUE}).")
    int imageSize;
    @Option(names = "--width", defaultValue = "16", description = "Channels of the first stage; 64 is ResNet-18's full width (default: ${DEFAULT-VALUE}).")
    int width;
    @Option(names = "--batch", defaultValue = "32", description = "Images per training step (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--learning-rate", defaultValue = "0.03", description = "SGD learning rate, cosine schedule (default: ${DEFAULT-VALUE}).")
    double learningRate;
    @Option(names = "--cutpaste", description = "Paste patches anywhere (CutPaste) instead of within the anatomy (AnatPaste).")
    boolean cutPaste;
    @Option(names = "--seed", defaultValue = "42", description = "Seed of the initial weights, patches and batches (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--out", required = true, description = "Folder for the trained backbone (backbone.json + weights), written all at once: a new folder, or an earlier run's with --overwrite.")
    Path out;
    @Mixin
    OverwriteMixin output;

    public static void main(String[] args) {
        Cli.run("msde-backbone", new MsdeBackbone(), args);
    }

    @Override
    public Integer call() throws Exception {
        SelfSupervisedOptions defaults = SelfSupervisedOptions.defaults();
        SelfSupervisedOptions options = defaults.withArchitecture(ResNetArchitecture.resnet18Width(width))
                .withInputSize(imageSize).withEpochs(epochs).withBatchSize(batch).withLearningRate(learningRate).withSeed(seed)
                .withPretext(cutPaste ? org.msde4j.embed.PasteTask.cutPaste() : org.msde4j.embed.PasteTask.anatPaste());
        DataMixin.Loaded loaded = data.one(id, seed);
        Dataset dataset = loaded.dataset();
        Progress bar = Progress.on(System.out, "training backbone", epochs);
        SelfSupervisedTraining.Report report;
        try (RunFolder run = RunFolder.begin(out, RunInputs.of(output.rules(), loaded.spec(), data.catalog(),
                dataset.trainNormals(), null))) {
            report = SelfSupervisedTraining.train(dataset.trainNormals().stream().map(Sample::image).toList(), options,
                    run.folder(), (epoch, total, loss, accuracy) -> bar.advance(1));
            run.commit();
        }
        bar.done();
        List<Double> loss = report.loss();
        System.out.printf(Locale.ROOT, "pretext loss %.3f → %.3f, accuracy %.3f → %.3f over %d epochs (%.1f s)%n", loss.get(0),
                loss.get(loss.size() - 1), report.accuracy().get(0), report.accuracy().get(loss.size() - 1), loss.size(),
                report.seconds());
        System.out.println("saved to " + out.toAbsolutePath() + "; use it with --backbone ssl:" + out);
        return 0;
    }
}
