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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** msde-score: scores images with a fitted model; writes scores and decisions as CSV. */
@Command(name = "msde-score", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scores images, folders of images, or the rows of a CSV list with a model file from msde-fit. "
                + "Embeds them with the model's own backbone, writes scores.csv (path, score, anomalous at the threshold) "
                + "and run.json into --out, and prints AUROC/AP when labels are known (CSV list).")
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
        MsdeModel m = MsdeModel.load(model);
        Path cacheDir = storage.cache();
        BackboneSpec override = backbone == null ? null : BackboneSpec.parse(backbone, imageSize, null, null);
        Path target = out == null ? Cli.defaultOut("score") : out;
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
            StringBuilder csv = new StringBuilder(labelled ? "path,score,anomalous,label\n" : "path,score,anomalous\n");
            int flagged = 0;
            for (int i = 0; i < scores.length; i++) {
                Sample s = embedded.samples().get(i);
                boolean anomalous = scores[i] > t;
                flagged += anomalous ? 1 : 0;
                csv.append(quote(s.image().name())).append(',').append(scores[i]).append(',').append(anomalous);
                csv.append(labelled ? "," + s.label() + "\n" : "\n");
            }
            AtomicFiles.writeString(run.file("scores.csv"), csv.toString());
            AtomicFiles.writeString(run.file("run.json"), ModelMetadata.runJson("msde-score --mode " + scoringMode, m));
            run.commit();
            System.out.printf(Locale.ROOT, "scored %d images (%s): %d above the threshold %.4f%n", scores.length,
                    scoringMode.name().toLowerCase(Locale.ROOT), flagged, t);
            int[] labels = embedded.labels();
            int anomalies = java.util.Arrays.stream(labels).sum();
            if (labelled && anomalies > 0 && anomalies < labels.length) {
                System.out.printf(Locale.ROOT, "AUROC %.4f, AP %.4f on %d labelled images%n", Metrics.auroc(scores, labels),
                        Metrics.averagePrecision(scores, labels), labels.length);
            }
            System.out.println("wrote " + target.resolve("scores.csv").toAbsolutePath());
        }
        return 0;
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
