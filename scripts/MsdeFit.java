///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS org.msde4j:msde4j:0.1.0-SNAPSHOT
//DEPS info.picocli:picocli:4.7.7
//SOURCES common/Cli.java
//JAVA_OPTIONS -Xmx4g -Dai.djl.offline=true

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.msde4j.data.Dataset;
import org.msde4j.data.Split;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.detect.MsdeDetector;
import org.msde4j.detect.MsdeModel;
import org.msde4j.embed.LocalFeatures;
import org.msde4j.io.AtomicFiles;
import org.msde4j.io.RunFolder;
import org.msde4j.local.LocalDetector;
import org.msde4j.local.LocalModel;
import org.msde4j.pipeline.BackboneSpec;
import org.msde4j.pipeline.DatasetSpec;
import org.msde4j.pipeline.EmbeddedPatches;
import org.msde4j.pipeline.EmbeddedSplit;
import org.msde4j.pipeline.LocalMethods;
import org.msde4j.pipeline.ModelMetadata;
import org.msde4j.pipeline.RunInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** msde-fit: fits an MSDE detector on a dataset's normal training images and saves it to a model file. */
@Command(name = "msde-fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Embeds the normal training images of a dataset, fits MSDE (standardise → shift → PCA → Gaussian), "
                + "sets the decision thresholds from out-of-fold scores of those images, and writes model.msde and "
                + "run.json into --out; prints a summary with any warnings. Score new images with msde-score. "
                + "With --folder, an abnormal/ sub-folder is not needed.")
public class MsdeFit implements Callable<Integer> {

    @Parameters(paramLabel = "DATASET", arity = "0..1",
            description = "A dataset id of data-manifest/datasets (default: synthetic-brain-mri, unless --folder/--npz/--list).")
    String id;
    @Mixin
    DataMixin data;
    @Mixin
    BackboneMixin backbone;
    @Mixin
    DetectorOptionsMixin detector;
    @Option(names = "--local", description = "Fit a local method on patch embeddings instead of image-level MSDE: patchcore, padim or msde-patch. Its model scores images and draws anomaly maps (msde-score --maps).")
    String local;
    @Mixin
    LocalMixin localOptions;
    @Mixin
    BadImagesMixin badImages;
    @Option(names = "--sample", description = "Fit on this many of the normal training images, drawn at random with --seed "
            + "(a self-supervised backbone is trained on them too); docs/spark.md shows what AUROC a sample costs.")
    Integer sample;
    @Option(names = "--out", description = "Output folder, written all at once; a new folder, or an earlier run's with --overwrite (default: runs/fit-DATE-TIME).")
    Path out;
    @Mixin
    OverwriteMixin output;

    public static void main(String[] args) {
        Cli.run("msde-fit", new MsdeFit(), args);
    }

    @Override
    public Integer call() throws Exception {
        DetectorOptions options = detector.detector();
        BackboneSpec b = backbone.spec();
        DataMixin.Loaded loaded = data.one(id, detector.seed);
        DatasetSpec spec = loaded.spec();
        Dataset dataset = sample == null ? loaded.dataset() : loaded.dataset().withTrainNormalSample(sample, detector.seed);
        String name = sample == null ? spec.name() : Dataset.sampleName(spec.name(), sample, detector.seed);
        System.out.println(name + ": " + dataset.counts());
        MsdeDetector.checkRowCount(dataset.trainNormals().size(), options);
        Path target = out == null ? Cli.defaultOut("fit") : out;
        try (RunFolder run = RunFolder.begin(target, RunInputs.of(output.rules(), spec, data.catalog(),
                dataset.trainNormals(), b));
             BackboneSpec.Ready ready = b.open(name, dataset.trainNormals(), backbone.cache(), backbone.offline(),
                     badImages.policy(), System.out)) {
            if (local != null) {
                fitLocal(name, dataset, ready, run, target);
                return 0;
            }
            EmbeddedSplit train = EmbeddedSplit.of(name, Split.TRAIN, dataset.trainNormals(), ready.backbone(),
                    backbone.cache().resolve("embeddings"), badImages.policy(), System.out);
            MsdeModel model = MsdeDetector.fit(train.rows(), options).withMetadata(ModelMetadata.of(name, ready, train));
            model.save(run.file("model.msde"));
            AtomicFiles.writeString(run.file("run.json"), ModelMetadata.runJson(Cli.commandLine(), model,
                    Map.of("skipped_images", ModelMetadata.skippedJson(train.skipped()))));
            run.commit();
            System.out.println(model.summary());
            System.out.println(model.thresholds().describe());
            System.out.println("wrote " + target.resolve("model.msde").toAbsolutePath());
        }
        return 0;
    }

    /** Fits the local method of --local on the patch embeddings of the normal training images. */
    private void fitLocal(String name, Dataset dataset, BackboneSpec.Ready ready, RunFolder run, Path target)
            throws Exception {
        LocalDetector method = LocalMethods.detector(local, "--local",
                LocalMethods.settings(Set.of(), localOptions.imageScore(), detector.detector().msde(), 1, detector.seed));
        LocalFeatures features;
        try {
            features = LocalFeatures.of(ready.backbone());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option --local: " + e.getMessage(), e);
        }
        EmbeddedPatches train = EmbeddedPatches.of(name, Split.TRAIN, dataset.trainNormals(), features,
                backbone.cache().resolve("embeddings"), badImages.policy(), System.out);
        System.out.println(method.name() + " on " + features.name());
        LocalModel model = method.fit(train.embeddings()).withMetadata(ModelMetadata.of(name, ready, features));
        model.save(run.file("model.msde"));
        AtomicFiles.writeString(run.file("run.json"), ModelMetadata.runJson(Cli.commandLine(), model,
                Map.of("skipped_images", ModelMetadata.skippedJson(train.embeddings().skipped()))));
        run.commit();
        System.out.printf("decision threshold: %.4f (image score: %s of the anomaly map; in-sample quantile of the training images)%n",
                model.threshold(), model.basics().imageScore());
        System.out.println("wrote " + target.resolve("model.msde").toAbsolutePath());
    }
}
