package org.msde4j.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.msde4j.io.Csv;
import org.msde4j.data.Sample;
import org.msde4j.detect.MsdeModel;
import org.msde4j.detect.ScoringMode;
import org.msde4j.embed.SkippedImage;
import org.msde4j.image.ImageProfile;
import org.msde4j.image.ImageStatistics;
import org.msde4j.local.LocalModel;
import org.msde4j.local.PatchMsdeModel;

/**
 * What msde-score reports for each input image, in input order: its score and decision, whether it
 * is unlike every training image (out of distribution: its score is then not to be trusted), or why
 * it was skipped. Written as {@code scores.csv} with the columns
 * {@code path,score,anomalous,out_of_distribution,note} (and {@code label} for labelled lists).
 *
 * @param rows     one per input image
 * @param decision the threshold the decisions use
 * @param labelled whether the inputs carry labels
 */
public record ScoreTable(List<Row> rows, Decision decision, boolean labelled) {

    /**
     * One input image.
     *
     * @param sample            the image
     * @param score             its score, NaN when skipped
     * @param outOfDistribution why it is unlike the training images, empty when it is like them (or unknown)
     * @param skipped           why it could not be read, null when it was scored
     */
    public record Row(Sample sample, double score, String outOfDistribution, String skipped) {
    }

    /**
     * A decision threshold and where it comes from.
     *
     * @param threshold scores above it are flagged; NaN when no threshold holds (no decisions)
     * @param source    in words
     */
    public record Decision(double threshold, String source) {

        /** Whether decisions can be made. */
        public boolean decides() {
            return !Double.isNaN(threshold);
        }
    }

    /**
     * The threshold for {@code batch} images scored in {@code mode}: {@code given} when set; the model's
     * out-of-fold inductive threshold; or, transductively, one cross-fitted for this batch size
     * ({@link MsdeModel#transductiveThreshold(int)}), or none when the batch does not allow one.
     */
    public static Decision decision(MsdeModel model, ScoringMode mode, int batch, Double given, Consumer<String> log) {
        if (given != null) {
            return new Decision(given, "given by --threshold");
        }
        String insample = model.thresholds().outOfFold() ? "" : " (in-sample: see the model's warnings)";
        if (mode == ScoringMode.INDUCTIVE) {
            return new Decision(model.threshold(), "the model's threshold, the " + percent(model) + " quantile of "
                    + "out-of-fold scores of its training images" + insample);
        }
        log.accept(String.format(Locale.ROOT, "cross-fitting the decision threshold for transductive scores of %d images "
                + "(a transductive score depends on the images shifted with it) …", batch));
        try {
            return new Decision(model.transductiveThreshold(batch), "the " + percent(model) + " quantile of out-of-fold "
                    + "transductive scores of the training images, in batches matching " + batch + " images");
        } catch (IllegalArgumentException e) {
            return new Decision(Double.NaN, "none: " + e.getMessage());
        }
    }

    /**
     * The threshold of a local model's image scores: {@code given} when set; for inductive scores the
     * model's, the in-sample quantile of its training images' scores; none for transductive scores of
     * MSDE on patches, which depend on the images scored together.
     */
    public static Decision decision(LocalModel model, ScoringMode mode, Double given) {
        if (given != null) {
            return new Decision(given, "given by --threshold");
        }
        if (model instanceof PatchMsdeModel && mode == ScoringMode.TRANSDUCTIVE) {
            return new Decision(Double.NaN, "none: the local model's threshold holds for inductive scores; a transductive "
                    + "score depends on the images scored with it (give --threshold, or score with --mode inductive)");
        }
        return new Decision(model.threshold(), "the local model's threshold, an in-sample quantile of its training "
                + "images' scores");
    }

    private static String percent(MsdeModel model) {
        double p = 100 * model.thresholds().quantile();
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + " %";
    }

    /**
     * The table of {@code inputs}, of which {@code embedded} are the ones that could be read (scored by
     * {@code scores}); each is checked against the training images' {@code profile} when known.
     */
    public static ScoreTable of(List<Sample> inputs, EmbeddedSplit embedded, double[] scores, Decision decision,
                                Optional<ImageProfile> profile, boolean labelled) {
        return of(inputs, embedded.samples(), embedded.skipped(), embedded.statistics(), scores, decision, profile,
                labelled);
    }

    /**
     * The table of {@code inputs}, of which {@code scored} could be read (in input order, scored by
     * {@code scores}, with their {@code statistics} when known) and {@code skipped} could not.
     */
    public static ScoreTable of(List<Sample> inputs, List<Sample> scored, List<SkippedImage> skipped,
                                List<ImageStatistics> statistics, double[] scores, Decision decision,
                                Optional<ImageProfile> profile, boolean labelled) {
        Map<Integer, String> reasons = new HashMap<>();
        for (SkippedImage s : skipped) {
            reasons.put(s.index(), s.reason());
        }
        List<Row> rows = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < inputs.size(); i++) {
            if (reasons.containsKey(i)) {
                rows.add(new Row(inputs.get(i), Double.NaN, "", reasons.get(i)));
                continue;
            }
            String ood = profile.isPresent() && !statistics.isEmpty()
                    ? profile.get().outOfDistribution(statistics.get(next)).orElse("") : "";
            rows.add(new Row(scored.get(next), scores[next], ood, null));
            next++;
        }
        return new ScoreTable(List.copyOf(rows), decision, labelled);
    }

    /** Scored images above the threshold. */
    public int flagged() {
        return decision.decides() ? (int) rows.stream().filter(r -> r.skipped() == null && r.score() > decision.threshold())
                .count() : 0;
    }

    /** Scored images unlike the training images. */
    public List<Row> outOfDistribution() {
        return rows.stream().filter(r -> !r.outOfDistribution().isEmpty()).toList();
    }

    /** Images that could not be read. */
    public List<Row> skipped() {
        return rows.stream().filter(r -> r.skipped() != null).toList();
    }

    /** {@code scores.csv}. */
    public String csv() {
        StringBuilder csv = new StringBuilder("path,score,anomalous,out_of_distribution,note" + (labelled ? ",label" : "")
                + "\n");
        for (Row r : rows) {
            csv.append(Csv.field(r.sample().image().name())).append(',');
            if (r.skipped() != null) {
                csv.append(",,,").append(Csv.field("skipped: " + r.skipped()));
            } else {
                csv.append(r.score()).append(',').append(decision.decides() ? String.valueOf(r.score() > decision.threshold())
                        : "").append(',').append(!r.outOfDistribution().isEmpty()).append(',')
                        .append(Csv.field(r.outOfDistribution().isEmpty() ? "" : "unlike the training images: "
                                + r.outOfDistribution()));
            }
            csv.append(labelled ? "," + r.sample().label() + "\n" : "\n");
        }
        return csv.toString();
    }
}
