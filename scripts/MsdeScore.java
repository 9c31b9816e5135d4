///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS org.msde4j:msde4j:0.1.0-SNAPSHOT
//DEPS info.picocli:picocli:4.7.7
//SOURCES common/Cli.java
//JAVA_OPTIONS -Xmx4g -Dai.djl.offline=true

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.msde4j.data.CsvLayout;
import org.msde4j.data.Sample;
import org.msde4j.data.Split;
import org.msde4j.detect.MsdeModel;
import org.msde4j.detect.ScoringMode;
import org.msde4j.embed.BadImagePolicy;
import org.msde4j.eval.Metrics;
import org.msde4j.image.ImageRef;
import org.msde4j.io.AtomicFiles;
import org.msde4j.io.RunFolder;
import org.msde4j.pipeline.BackboneSpec;
import org.msde4j.pipeline.EmbeddedSplit;
import org.msde4j.data.ImageInputs;
import org.msde4j.pipeline.ModelMetadata;
import org.msde4j.embed.LocalFeatures;
import org.msde4j.local.AnomalyMaps;
import org.msde4j.local.LocalModel;
import org.msde4j.local.LocalModelFile;
import org.msde4j.local.PatchMsdeModel;
import org.msde4j.pipeline.EmbeddedPatches;
import org.msde4j.pipeline.MapFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** msde-score: scores images with a fitted model; writes scores and decisions as CSV. */
@Command(name = "msde-score", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scores images, folders of images, or the rows of a CSV list with a model file from msde-fit. "
                + "Embeds them with the model's own backbone, writes scores.csv (path, score, anomalous at the threshold) "
                + "and run.json into --out, and prints AUROC/AP when labels are known (CSV list). With a local model "
                + "(msde-fit --local) --maps also writes each image's anomaly map.")
public class MsdeScore implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Model file written by msde-fit (model.msde).")
    Path model;
    @Parameters(paramLabel = "IMAGE_OR_FOLDER", arity = "0..*", description = "Image files, or folders searched for images (recursively).")
    List<Path> inputs;
    @Option(names = "--list", description = "A CSV file with columns path,split,label: all its rows are scored and AUROC/AP reported.")
    Path list;
    @Option(names = "--mode", defaultValue = "inductive", description = "inductive: each image is shifted alone towards the training images, its score never depends on the other images (deployment); transductive: all images shifted together with the training images, as in the paper: a score then depends on which images are scored with it, and in docs/deployment-study.md it helped only when many anomalies were scored together (default: ${DEFAULT-VALUE}).")
    String mode;
    @Option(names = "--threshold", description = "Decision threshold on the score (default: the model's, the 95th percentile of its training scores).")
    Double threshold;
    @Option(names = "--backbone", description = "Check the images against this backbone instead of the model's own (must be the same backbone: ssl:DIR, torchscript:PATH_OR_URL or pixels).")
    String backbone;
    @Option(names = "--image-size", defaultValue = "0", description = "Input size when --backbone is given (default: ${DEFAULT-VALUE}, the backbone's default).")
    int imageSize;
    @Mixin
    CacheMixin storage;
    @Option(names = "--skip-bad-images", description = "Skip unreadable images and report them, instead of failing.")
    boolean skipBadImages;
    @Option(names = "--maps", description = "Also write each image's anomaly map into maps/: NNNN-NAME.npy (float32, the image's height × width, in score units) and NNNN-NAME.png (the map over the image). Needs a local model (msde-fit --local padim|patchcore|msde-patch).")
    boolean maps;
    @Option(names = "--out", description = "Output folder, written all at once (default: runs/score-DATE-TIME).")
    Path out;

    public static void main(String[] args) {
        Cli.run("msde-score", new MsdeScore(), args);
    }

    @Override
    public Integer call() throws Exception {
        ScoringMode scoringMode = switch (mode.toLowerCase(Locale.ROOT)) {
            case "inductive" -> ScoringMode.INDUCTIVE;
            case "transductive" -> ScoringMode.TRANSDUCTIVE;
            default -> throw new IllegalArgumentException("option --mode: \"" + mode + "\" is not inductive or transductive.");
        };
        List<Sample> samples = new ArrayList<>();
        boolean labelled = list != null;
        if (list != null) {
            samples.addAll(CsvLayout.read(list).samples());
        }
        for (ImageRef ref : ImageInputs.expand(inputs == null ? List.of() : inputs)) {
            samples.add(new Sample(ref.name(), ref, Split.TEST, 0));
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("nothing to score: give image files or folders, or --list FILE.csv.");
        }
        Path cacheDir = storage.cache();
        BackboneSpec override = backbone == null ? null : BackboneSpec.parse(backbone, imageSize, null, null);
        Path target = out == null ? Cli.defaultOut("score") : out;
        if (LocalModelFile.isLocalModel(model)) {
            return scoreLocal(LocalModel.load(model), samples, scoringMode, override, cacheDir, target, labelled);
        }
        MsdeModel m = MsdeModel.load(model);
        if (maps) {
            throw new IllegalArgumentException("option --maps: " + model + " scores whole images (one embedding per image), "
                    + "so it has no anomaly maps: fit a local model with msde-fit --local padim (or patchcore, msde-patch) "
                    + "on a backbone with feature maps (ssl or a TorchScript model that returns them), then score with it.");
        }
        try (RunFolder run = RunFolder.begin(target);
             BackboneSpec.Ready ready = ModelMetadata.backbone(m, model, override, cacheDir, storage.offline, System.out)) {
            EmbeddedSplit embedded = EmbeddedSplit.of("score", Split.TEST, samples, ready.backbone(),
                    cacheDir.resolve("embeddings"), skipBadImages ? BadImagePolicy.SKIP : BadImagePolicy.FAIL, System.out);
            if (scoringMode == ScoringMode.TRANSDUCTIVE) {
                System.out.printf(Locale.ROOT, "note: transductive scores depend on the %d images scored together; the same "
                        + "image scored with others gets another score (docs/deployment-study.md). Use --mode inductive "
                        + "for scores that depend on the image alone.%n", embedded.rows().length);
            }
            double[] scores = m.score(embedded.rows(), scoringMode).scores();
            double t = threshold != null ? threshold : m.threshold();
            writeScores(run, embedded.samples(), scores, t, labelled,
                    ModelMetadata.runJson("msde-score --mode " + scoringMode, m));
            run.commit();
            report(embedded.samples(), scores, t, labelled, scoringMode, target);
        }
        return 0;
    }

    /** Scores with a local model: patch embeddings, anomaly maps, image scores; maps written with --maps. */
    private int scoreLocal(LocalModel m, List<Sample> samples, ScoringMode scoringMode, BackboneSpec override,
                           Path cacheDir, Path target, boolean labelled) throws Exception {
        try (RunFolder run = RunFolder.begin(target);
             BackboneSpec.Ready ready = ModelMetadata.backbone(m.metadata(), model, override, cacheDir, storage.offline,
                     System.out)) {
            LocalFeatures features = ModelMetadata.patches(m, ready, model);
            EmbeddedPatches embedded = EmbeddedPatches.of("score", Split.TEST, samples, features, cacheDir.resolve("embeddings"),
                    skipBadImages ? BadImagePolicy.SKIP : BadImagePolicy.FAIL, System.out);
            AnomalyMaps result = m instanceof PatchMsdeModel msde ? msde.score(embedded.embeddings(), scoringMode)
                    : m.score(embedded.embeddings());
            double t = threshold != null ? threshold : m.threshold();
            writeScores(run, embedded.samples(), result.scores(), t, labelled,
                    ModelMetadata.runJson("msde-score " + m.name() + (maps ? " --maps" : ""), m));
            if (maps) {
                int written = MapFiles.write(run.file("maps"), embedded.samples(), result, features.preprocessing().size());
                System.out.println("anomaly maps of " + written + " images: maps/NNNN-NAME.npy (float32, image size) and .png");
            }
            run.commit();
            report(embedded.samples(), result.scores(), t, labelled, scoringMode, target);
        }
        return 0;
    }

    private static void writeScores(RunFolder run, List<Sample> samples, double[] scores, double t, boolean labelled,
                                    String runJson) throws java.io.IOException {
        StringBuilder csv = new StringBuilder(labelled ? "path,score,anomalous,label\n" : "path,score,anomalous\n");
        for (int i = 0; i < scores.length; i++) {
            Sample s = samples.get(i);
            csv.append(quote(s.image().name())).append(',').append(scores[i]).append(',').append(scores[i] > t);
            csv.append(labelled ? "," + s.label() + "\n" : "\n");
        }
        AtomicFiles.writeString(run.file("scores.csv"), csv.toString());
        AtomicFiles.writeString(run.file("run.json"), runJson);
    }

    private static void report(List<Sample> samples, double[] scores, double t, boolean labelled, ScoringMode mode,
                               Path target) {
        long flagged = java.util.Arrays.stream(scores).filter(s -> s > t).count();
        System.out.printf(Locale.ROOT, "scored %d images (%s): %d above the threshold %.4f%n", scores.length,
                mode.name().toLowerCase(Locale.ROOT), flagged, t);
        int[] labels = org.msde4j.data.Dataset.labels(samples);
        int anomalies = java.util.Arrays.stream(labels).sum();
        if (labelled && anomalies > 0 && anomalies < labels.length) {
            System.out.printf(Locale.ROOT, "AUROC %.4f, AP %.4f on %d labelled images%n", Metrics.auroc(scores, labels),
                    Metrics.averagePrecision(scores, labels), labels.length);
        }
        System.out.println("wrote " + target.resolve("scores.csv").toAbsolutePath());
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
