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
import org.msde4j.embed.Pretext;
import org.msde4j.embed.Readout;
import org.msde4j.embed.ResNetArchitecture;
import org.msde4j.embed.SelfSupervisedOptions;
import org.msde4j.embed.SelfSupervisedTraining;
import org.msde4j.io.RunFolder;
import org.msde4j.pipeline.RunInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** msde-backbone: trains the self-supervised backbone on a dataset's normal training images. */
@Command(name = "msde-backbone", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Trains the self-supervised backbone (a ResNet-18-like network) on the normal training images of a "
                + "dataset, by AnatPaste/CutPaste (tell an image from the same image with a patch pasted elsewhere; "
                + "AnatPaste is the default) or by denoising (rebuild each image from a copy with coarse noise added), keeps the weights "
                + "of the epoch with the lowest pretext loss on held-out normals, and saves it into --out. Use it with "
                + "--backbone ssl:DIR.")
public class MsdeBackbone implements Callable<Integer> {
    private static final SelfSupervisedOptions DEFAULTS = SelfSupervisedOptions.defaults();


    @Parameters(paramLabel = "DATASET", arity = "0..1", description = "A dataset id (default: synthetic-brain-mri, unless --folder/--npz/--list).")
    String id;
    @Mixin
    DataMixin data;
    @Option(names = "--pretext", defaultValue = "anatpaste", description = "anatpaste, cutpaste or denoising (default: ${DEFAULT-VALUE}).")
    String pretext;
    @Option(names = "--epochs", description = "Training epochs at most (default: ${DEFAULT-VALUE}).")
    int epochs = DEFAULTS.epochs();
    @Option(names = "--train-minutes", description = "Time budget of the training: the epochs are cut to what fits at the speed measured now, so weights then depend on the machine's load; 0 = none (default: ${DEFAULT-VALUE}).")
    double minutes = DEFAULTS.minutes();
    @Option(names = "--image-size", description = "Input size in pixels (default: the pretext's: " + SelfSupervisedOptions.DEFAULT_INPUT_SIZE + " for anatpaste and cutpaste, " + SelfSupervisedOptions.DENOISING_INPUT_SIZE + " for denoising).")
    Integer imageSize;
    @Option(names = "--width", description = "Channels of the first stage, a multiple of 16; 64 is ResNet-18's full width (default: ${DEFAULT-VALUE}).")
    int width = DEFAULTS.architecture().width();
    @Option(names = "--batch", description = "Images per training step (default: ${DEFAULT-VALUE}).")
    int batch = DEFAULTS.batchSize();
    @Option(names = "--learning-rate", description = "Initial learning rate, cosine schedule (default: 0.002 for denoising with Adam, 0.03 for the paste tasks with SGD).")
    Double learningRate;
    @Option(names = "--held-out", description = "Fraction of the normal images held out: the pretext loss on them after every epoch picks the epoch whose weights are kept and stops training early (noisy: see docs/embeddings.md) (default: ${DEFAULT-VALUE}, every epoch run).")
    double heldOut = DEFAULTS.heldOut();
    @Option(names = "--readout", description = "Feature maps of the embedding: stage s on a g × g grid is sSgG, joined by + (default: the pretext's: " + SelfSupervisedOptions.GLOBAL + " for anatpaste and cutpaste, " + SelfSupervisedOptions.MULTI_SCALE + " for denoising).")
    String readout;
    @Option(names = "--threads", description = "libtorch threads of the training (default: one per core); the same seed gives the same weights for the same thread count.")
    Integer threads;
    @Option(names = "--seed", description = "Seed of the initial weights, held-out draw, noise or patches and batches (default: ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();
    @Option(names = "--out", required = true, description = "Folder for the trained backbone (backbone.json + weights), written all at once: a new folder, or an earlier run's with --overwrite.")
    Path out;
    @Mixin
    OverwriteMixin output;

    public static void main(String[] args) {
        Cli.run("msde-backbone", new MsdeBackbone(), args);
    }

    @Override
    public Integer call() throws Exception {
        SelfSupervisedOptions options = SelfSupervisedOptions.defaultsFor(Pretext.named(pretext))
                .withArchitecture(ResNetArchitecture.resnet18Width(width)).withEpochs(epochs)
                .withBatchSize(batch).withMinutes(minutes).withHeldOut(heldOut).withSeed(seed);
        if (learningRate != null) {
            options = options.withLearningRate(learningRate);
        }
        if (threads != null) {
            options = options.withThreads(threads);
        }
        if (imageSize != null) {
            options = options.withInputSize(imageSize);
        }
        if (readout != null) {
            options = options.withReadout(Readout.parse(readout));
        }
        DataMixin.Loaded loaded = data.one(id, seed);
        Dataset dataset = loaded.dataset();
        SelfSupervisedTraining.Report report;
        try (RunFolder run = RunFolder.begin(out, RunInputs.of(output.rules(), loaded.spec(), data.catalog(),
                dataset.trainNormals(), null), RunFolder.Kind.BACKBONE)) {
            report = SelfSupervisedTraining.train(dataset.trainNormals().stream().map(Sample::image).toList(), options,
                    run.folder(), epoch -> System.out.println(epoch));
            run.commit();
        }
        List<Double> loss = report.loss();
        System.out.printf(Locale.ROOT, "pretext loss %.4f → %.4f over %d epochs (%.1f s); kept epoch %d%n", loss.get(0),
                loss.get(loss.size() - 1), loss.size(), report.seconds(), report.bestEpoch());
        System.out.println("saved to " + out.toAbsolutePath() + "; use it with --backbone ssl:" + out);
        return 0;
    }
}
