///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS org.msde4j:msde4j:0.1.0-SNAPSHOT
//DEPS info.picocli:picocli:4.7.7
//SOURCES common/Cli.java
//JAVA_OPTIONS -Xmx4g -Dai.djl.offline=true

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.msde4j.data.CsvLayout;
import org.msde4j.data.Dataset;
import org.msde4j.data.ImageInputs;
import org.msde4j.data.Sample;
import org.msde4j.data.Split;
import org.msde4j.detect.MsdeModel;
import org.msde4j.detect.ScoringMode;
import org.msde4j.embed.LocalFeatures;
import org.msde4j.embed.SkippedImage;
import org.msde4j.eval.Metrics;
import org.msde4j.image.ImageRef;
import org.msde4j.io.AtomicFiles;
import org.msde4j.io.OutputRules;
import org.msde4j.io.RunFolder;
import org.msde4j.local.AnomalyMaps;
import org.msde4j.local.LocalModel;
import org.msde4j.local.LocalModelFile;
import org.msde4j.local.PatchMsdeModel;
import org.msde4j.pipeline.BackboneSpec;
import org.msde4j.pipeline.EmbeddedPatches;
import org.msde4j.pipeline.EmbeddedSplit;
import org.msde4j.pipeline.MapFiles;
import org.msde4j.pipeline.ModelMetadata;
import org.msde4j.pipeline.RunInputs;
import org.msde4j.pipeline.ScoreTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** msde-score: scores images with a fitted model; writes scores and decisions as CSV. */
@Command(name = "msde-score", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scores images, folders of images, or the rows of a CSV list with a model file from msde-fit. "
                + "Embeds them with the model's own backbone, writes scores.csv (path, score, anomalous at the threshold, "
                + "out_of_distribution for images unlike every training image, note; skipped images listed with the reason) "
                + "and run.json into --out, and prints AUROC/AP when labels are known (CSV list). With a local model "
                + "(msde-fit --local) --maps also writes each image's anomaly map.")
public class MsdeScore implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Model file written by msde-fit (model.msde), or the folder msde-fit wrote it into.")
    Path model;
    @Parameters(paramLabel = "IMAGE_OR_FOLDER", arity = "0..*", description = "Image files, or folders searched for images (recursively).")
    List<Path> inputs;
    @Option(names = "--list", description = "A CSV file with columns path,split,label: all its rows are scored and AUROC/AP reported.")
    Path list;
    @Option(names = "--mode", description = "inductive: each image is shifted alone towards the training images, its score never depends on the other images (deployment); transductive: all images shifted together with the training images, as in the paper: a score then depends on which images are scored with it, and in docs/deployment-study.md it helped only when many anomalies were scored together (default: ${DEFAULT-VALUE}).")
    ScoringMode mode = ScoringMode.INDUCTIVE;
    @Option(names = "--threshold", description = "Decision threshold on the score (default: the model's for the scoring mode, the 95th percentile of out-of-fold scores of its training images).")
    Double threshold;
    @Option(names = "--backbone", description = "Check the images against this backbone instead of the model's own (must be the same backbone: ssl:DIR, torchscript:PATH_OR_URL or pixels).")
    String backbone;
    @Option(names = "--image-size", defaultValue = "0", description = "Input size when --backbone is given (default: ${DEFAULT-VALUE}, the backbone's default).")
    int imageSize;
    @Mixin
    CacheMixin storage;
    @Mixin
    BadImagesMixin badImages;
    @Option(names = "--maps", description = "Also write each image's anomaly map into maps/: NNNN-NAME.npy (float32, the image's height × width, in score units) and NNNN-NAME.png (the map over the image). Needs a local model (msde-fit --local padim|patchcore|msde-patch).")
    boolean maps;
    @Option(names = "--out", description = "Output folder, written all at once; a new folder, or an earlier run's with --overwrite (default: runs/score-DATE-TIME).")
    Path out;
    @Mixin
    OverwriteMixin output;

    public static void main(String[] args) {
        Cli.run("msde-score", new MsdeScore(), args);
    }

    @Override
    public Integer call() throws Exception {
        List<Path> given = inputs == null ? List.of() : inputs;
        List<Sample> samples = new ArrayList<>();
        boolean labelled = list != null;
        if (list != null) {
            samples.addAll(CsvLayout.read(list).samples());
        }
        for (ImageRef ref : ImageInputs.expand(given)) {
            samples.add(new Sample(ref.name(), ref, Split.TEST, 0));
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("nothing to score: give image files or folders, or --list FILE.csv.");
        }
        boolean local = LocalModelFile.isLocalModel(model);
        if (maps && !local) {
            throw new IllegalArgumentException("option --maps: " + model + " scores whole images (one embedding per image), "
                    + "so it has no anomaly maps: fit a local model with msde-fit --local padim (or patchcore, msde-patch) "
                    + "on a backbone with feature maps (ssl or a TorchScript model that returns them), then score with it.");
        }
        Path cacheDir = storage.cache();
        BackboneSpec override = backbone == null ? null : BackboneSpec.parse(backbone, imageSize, null, null);
        Path target = out == null ? Cli.defaultOut("score") : out;
        List<Path> read = new ArrayList<>(given);
        read.add(model);
        if (list != null) {
            read.add(list);
        }
        if (override != null) {
            override.localSource().ifPresent(read::add);
        }
        OutputRules rules = output.rules().withInputs(read).withImageFolders(RunInputs.imageFolders(samples));
        if (local) {
            return scoreLocal(LocalModel.load(model), samples, mode, override, cacheDir, target, rules, labelled);
        }
        MsdeModel m = MsdeModel.load(model);
        try (RunFolder run = RunFolder.begin(target, rules);
             BackboneSpec.Ready ready = ModelMetadata.backbone(m, model, override, cacheDir, storage.offline, System.out)) {
            EmbeddedSplit embedded = EmbeddedSplit.of("score", Split.TEST, samples, ready.backbone(),
                    cacheDir.resolve("embeddings"), badImages.policy(), System.out);
            double[] scores;
            if (mode == ScoringMode.TRANSDUCTIVE) {
                transductiveNote(embedded.rows().length);
                scores = m.scoreTransductive(embedded.rows()).scores();
            } else {
                scores = m.score(embedded.rows());
            }
            ScoreTable.Decision decision = ScoreTable.decision(m, mode, scores.length, threshold, System.out::println);
            ScoreTable table = ScoreTable.of(samples, embedded, scores, decision, ModelMetadata.imageProfile(m), labelled);
            Map<String, Object> extra = extra(mode, table, embedded.skipped());
            write(run, table, ModelMetadata.runJson(Cli.commandLine(), m, extra));
            run.commit();
            report(table, scores, embedded.labels(), mode, labelled, target);
            if (ModelMetadata.imageProfile(m).isEmpty()) {
                System.out.println("note: the model records no statistics of its training images (fitted by an earlier "
                        + "msde4j), so images unlike them cannot be flagged: re-fit it with msde-fit.");
            }
        }
        return 0;
    }

    /** Scores with a local model: patch embeddings, anomaly maps, image scores; maps written with --maps. */
    private int scoreLocal(LocalModel m, List<Sample> samples, ScoringMode mode, BackboneSpec override,
                           Path cacheDir, Path target, OutputRules rules, boolean labelled) throws Exception {
        try (RunFolder run = RunFolder.begin(target, rules);
             BackboneSpec.Ready ready = ModelMetadata.backbone(m.metadata(), model, override, cacheDir, storage.offline,
                     System.out)) {
            LocalFeatures features = ModelMetadata.patches(m, ready, model);
            EmbeddedPatches embedded = EmbeddedPatches.of("score", Split.TEST, samples, features,
                    cacheDir.resolve("embeddings"), badImages.policy(), System.out);
            boolean transductive = m instanceof PatchMsdeModel && mode == ScoringMode.TRANSDUCTIVE;
            if (transductive) {
                transductiveNote(embedded.samples().size());
            }
            AnomalyMaps result = transductive ? ((PatchMsdeModel) m).scoreTransductive(embedded.embeddings())
                    : m.score(embedded.embeddings());
            double[] scores = result.scores();
            ScoreTable table = ScoreTable.of(samples, embedded.samples(), embedded.embeddings().skipped(), List.of(),
                    scores, ScoreTable.decision(m, mode, threshold), Optional.empty(), labelled);
            Map<String, Object> extra = extra(mode, table, embedded.embeddings().skipped());
            write(run, table, ModelMetadata.runJson(Cli.commandLine(), m, extra));
            if (maps) {
                int written = MapFiles.write(run.file("maps"), embedded.samples(), result, features.preprocessing().size());
                System.out.println("anomaly maps of " + written + " images: maps/NNNN-NAME.npy (float32, image size) and .png");
            }
            run.commit();
            report(table, scores, Dataset.labels(embedded.samples()), mode, labelled, target);
            System.out.println("note: a local model records no statistics of its training images, so images unlike them "
                    + "are not flagged (column out_of_distribution is false for all): check inputs with an image-level "
                    + "model (msde-fit without --local) if that matters.");
        }
        return 0;
    }

    private static void transductiveNote(int images) {
        System.out.printf(Locale.ROOT, "note: transductive scores depend on the %d images scored together; the same "
                + "image scored with others gets another score (docs/deployment-study.md). Use --mode inductive "
                + "for scores that depend on the image alone.%n", images);
    }

    /** The entries of run.json beside the model's: mode, threshold, counts, out-of-distribution and skipped images. */
    private static Map<String, Object> extra(ScoringMode mode, ScoreTable table, List<SkippedImage> skipped) {
        ScoreTable.Decision decision = table.decision();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("mode", mode.name().toLowerCase(Locale.ROOT));
        extra.put("decision_threshold", decision.decides() ? decision.threshold() : null);
        extra.put("decision_threshold_source", decision.source());
        extra.put("scored", table.rows().size() - table.skipped().size());
        extra.put("flagged", table.flagged());
        extra.put("out_of_distribution", table.outOfDistribution().stream().map(r -> Map.of("path",
                r.sample().image().name(), "why", r.outOfDistribution())).toList());
        extra.put("skipped_images", ModelMetadata.skippedJson(skipped));
        return extra;
    }

    private static void write(RunFolder run, ScoreTable table, String runJson) throws IOException {
        AtomicFiles.writeString(run.file("scores.csv"), table.csv());
        AtomicFiles.writeString(run.file("run.json"), runJson);
    }

    /** The lines a user reads: decisions, images to distrust, skipped images, AUROC/AP when labelled. */
    private static void report(ScoreTable table, double[] scores, int[] labels, ScoringMode mode, boolean labelled,
                               Path target) {
        ScoreTable.Decision decision = table.decision();
        if (decision.decides()) {
            System.out.printf(Locale.ROOT, "scored %d images (%s): %d above the threshold %.4f (%s)%n", scores.length,
                    mode.name().toLowerCase(Locale.ROOT), table.flagged(), decision.threshold(), decision.source());
        } else {
            System.out.printf(Locale.ROOT, "scored %d images (%s); no decisions (column anomalous left empty): %s%n",
                    scores.length, mode.name().toLowerCase(Locale.ROOT), decision.source());
        }
        if (!table.outOfDistribution().isEmpty()) {
            System.out.printf(Locale.ROOT, "warning: %d image(s) are unlike every training image, so their scores "
                    + "cannot be trusted (column out_of_distribution):%n", table.outOfDistribution().size());
            table.outOfDistribution().forEach(r -> System.out.println("  " + r.sample().image().name() + ": "
                    + r.outOfDistribution()));
        }
        if (!table.skipped().isEmpty()) {
            System.out.printf(Locale.ROOT, "%d image(s) skipped, listed in scores.csv and run.json%n", table.skipped().size());
        }
        int anomalies = Arrays.stream(labels).sum();
        if (labelled && anomalies > 0 && anomalies < labels.length) {
            System.out.printf(Locale.ROOT, "AUROC %.4f, AP %.4f on %d labelled images%n", Metrics.auroc(scores, labels),
                    Metrics.averagePrecision(scores, labels), labels.length);
        }
        System.out.println("wrote " + target.resolve("scores.csv").toAbsolutePath());
    }
}
