package org.msde4j.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.msde4j.data.synthetic.Difficulty;
import org.msde4j.data.synthetic.SyntheticBrainMri;
import org.msde4j.image.PixelImages;

/**
 * What {@code msde-score} writes, checked for content rather than shape: on easy generated brain
 * slices (a model fitted on 60 normal slices; 20 other normal slices and 20 with an easy tumour
 * scored), the tumour slices outscore the normal ones (inductively with AUROC ≥ 0.9, counted pair by
 * pair here), the printed AUROC is that of the written scores, and the {@code anomalous} column is
 * exactly score &gt; threshold, for a threshold given on the command line and for the model's own.
 */
class ScoreContentEndToEndTest {

    private static final List<String> SMALL = List.of("--backbone", "pixels", "--image-size", "16", "--k", "10",
            "--tau", "20");

    private static Path home;
    private static Path model;
    private static Path scoreList;

    @BeforeAll
    static void fitOnNormalSlices() throws IOException, InterruptedException {
        home = Files.createTempDirectory("msde4j-e2e-content");
        StringBuilder fit = new StringBuilder("path,split,label\n");
        StringBuilder score = new StringBuilder("path,split,label\n");
        for (int i = 0; i < 60; i++) {
            fit.append(slice("train", i, false)).append(",train,0\n");
        }
        for (int i = 0; i < 20; i++) {
            score.append(slice("normal", 500 + i, false)).append(",test,0\n");
            score.append(slice("tumour", 1000 + i, true)).append(",test,1\n");
        }
        Path fitList = Files.writeString(home.resolve("fit.csv"), fit);
        scoreList = Files.writeString(home.resolve("score.csv"), score);
        List<String> args = new ArrayList<>(List.of("msde-fit", "--list", fitList.toString()));
        args.addAll(SMALL);
        args.addAll(List.of("--out", home.resolve("fit").toString()));
        Jbang.Result r = Jbang.run(home, Duration.ofMinutes(10), args);
        assertEquals(0, r.code(), r.output());
        model = home.resolve("fit/model.msde");
    }

    /** Writes one generated 32-pixel slice and returns its path relative to {@code home}. */
    private static String slice(String folder, long seed, boolean tumour) throws IOException {
        Path file = home.resolve(folder).resolve(String.format(Locale.ROOT, "%04d.png", seed));
        Files.createDirectories(file.getParent());
        Files.write(file, PixelImages.png(tumour ? SyntheticBrainMri.tumourSlice(32, seed, Difficulty.EASY)
                : SyntheticBrainMri.normalSlice(32, seed)));
        return home.relativize(file).toString();
    }

    /** One row of scores.csv. */
    private record Row(String path, double score, boolean anomalous, int label) {
    }

    private static List<Row> score(String mode, String... extra) throws IOException, InterruptedException {
        Path out = home.resolve("score-" + mode + "-" + extra.length);
        List<String> args = new ArrayList<>(List.of("msde-score", "--model", model.toString(), "--list",
                scoreList.toString(), "--mode", mode, "--out", out.toString()));
        args.addAll(List.of(extra));
        Jbang.Result r = Jbang.run(home, Duration.ofMinutes(10), args);
        assertEquals(0, r.code(), r.output());
        List<String> lines = Files.readAllLines(out.resolve("scores.csv"));
        assertEquals("path,score,anomalous,out_of_distribution,note,label", lines.get(0));
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(6, f.length, "six columns: " + line);
            assertEquals("false", f[3], "slices like the training ones are in distribution: " + line);
            rows.add(new Row(f[0], Double.parseDouble(f[1]), Boolean.parseBoolean(f[2]), Integer.parseInt(f[5])));
        }
        assertEquals(40, rows.size(), "every listed image is scored");
        double auroc = auroc(rows);
        Matcher printed = Pattern.compile("AUROC (\\d\\.\\d{4})").matcher(r.output());
        assertTrue(printed.find(), "msde-score prints the AUROC of a labelled list:\n" + r.output());
        assertEquals(auroc, Double.parseDouble(printed.group(1)), 5.1e-5, "the printed AUROC is that of scores.csv");
        return rows;
    }

    /** The share of (tumour, normal) pairs in which the tumour slice scores higher; ties count one half. */
    private static double auroc(List<Row> rows) {
        double pairs = 0;
        double won = 0;
        for (Row a : rows) {
            for (Row n : rows) {
                if (a.label() == 1 && n.label() == 0) {
                    pairs++;
                    won += a.score() > n.score() ? 1 : a.score() == n.score() ? 0.5 : 0;
                }
            }
        }
        return won / pairs;
    }

    private static double mean(List<Row> rows, int label) {
        return rows.stream().filter(r -> r.label() == label).mapToDouble(Row::score).average().orElseThrow();
    }

    /** The default, inductive mode: each slice is scored on its own, and easy tumours stand out. */
    @Test
    void tumourSlicesOutscoreNormalOnes() throws Exception {
        List<Row> rows = score("inductive");
        double auroc = auroc(rows);
        assertTrue(auroc >= 0.9, "AUROC " + auroc + " on easy tumours");
        assertTrue(mean(rows, 1) > mean(rows, 0), "mean tumour score " + mean(rows, 1) + " vs normal " + mean(rows, 0));
        assertFlagsFollowTheThreshold(rows, "inductive");
    }

    /**
     * The transductive mode shifts the 40 slices together with the training slices; with half of
     * them tumours, the tumour slices reinforce each other's density and rank lower than alone
     * (AUROC 0.745 here against ≥ 0.9 inductively), but still above the normal slices on average.
     */
    @Test
    void transductiveScoresStillRankTumoursHigherOnAverage() throws Exception {
        List<Row> rows = score("transductive");
        assertTrue(mean(rows, 1) > mean(rows, 0), "mean tumour score " + mean(rows, 1) + " vs normal " + mean(rows, 0));
        assertTrue(auroc(rows) > 0.6, "AUROC " + auroc(rows));
        assertFlagsFollowTheThreshold(rows, "transductive");
    }

    /**
     * With the model's own threshold, the flagged rows are exactly those above one value; with a
     * threshold given on the command line (the median score, so that both answers occur),
     * {@code anomalous} is exactly score &gt; threshold, and the scores do not change.
     */
    private static void assertFlagsFollowTheThreshold(List<Row> rows, String mode) throws Exception {
        double lowestFlagged = rows.stream().filter(Row::anomalous).mapToDouble(Row::score).min()
                .orElse(Double.POSITIVE_INFINITY);
        double highestKept = rows.stream().filter(r -> !r.anomalous()).mapToDouble(Row::score).max()
                .orElse(Double.NEGATIVE_INFINITY);
        assertTrue(highestKept < lowestFlagged, mode + ": every flagged score exceeds every unflagged one");

        double[] sorted = rows.stream().mapToDouble(Row::score).sorted().toArray();
        double threshold = (sorted[19] + sorted[20]) / 2;
        List<Row> atMedian = score(mode, "--threshold", Double.toString(threshold));
        for (int i = 0; i < rows.size(); i++) {
            Row r = atMedian.get(i);
            assertEquals(rows.get(i).score(), r.score(), 0.0, mode + ": the same image gets the same score: " + r.path());
            assertEquals(r.score() > threshold, r.anomalous(), mode + ": " + r.path() + " scores " + r.score()
                    + " at threshold " + threshold);
        }
        assertEquals(20, atMedian.stream().filter(Row::anomalous).count(), mode + ": half the images lie above the median "
                + Arrays.toString(sorted));
    }
}
