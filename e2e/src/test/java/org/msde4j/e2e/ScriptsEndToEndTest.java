package org.msde4j.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.msde4j.e2e.Jbang.assertFails;
import static org.msde4j.e2e.Jbang.assertOk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.msde4j.data.synthetic.Difficulty;
import org.msde4j.data.synthetic.SyntheticBrainMri;
import org.msde4j.image.PixelImages;
import org.msde4j.io.Npy;
import org.msde4j.testing.HeadlessBrowser;

/**
 * The one-liners as a user runs them: {@code ./jbang ALIAS ...} from the repository root, in a
 * subprocess, with fresh data and cache folders, on a small generated image folder (raw-pixel
 * backbone, so that no training is needed).
 */
class ScriptsEndToEndTest {

    private static final Path REPO = Jbang.REPO;
    /** Side of the generated images; the local tests' self-supervised backbone sees them at this size. */
    private static final int SIDE = 32;
    private static final List<String> SMALL = List.of("--backbone", "pixels", "--image-size", "16", "--k", "10",
            "--tau", "20");

    private static Path home;
    private static Path images;
    /** The same kind of folder with masks/ for 15 of its 20 abnormal images. */
    private static Path mapped;
    /** A quickly trained self-supervised backbone at the images' size, for the local methods. */
    private static final List<String> LOCAL = List.of("--image-size", String.valueOf(SIDE), "--ssl-epochs", "1");

    @BeforeAll
    static void generateImages() throws IOException {
        home = Files.createTempDirectory("msde4j-e2e");
        images = home.resolve("brains");
        write(images.resolve("normal"), 70, false);
        write(images.resolve("abnormal"), 20, true);
        mapped = home.resolve("mapped");
        write(mapped.resolve("normal"), 70, false);
        write(mapped.resolve("abnormal"), 20, true);
        Files.createDirectories(mapped.resolve("masks"));
        for (int i = 0; i < 15; i++) {
            Files.write(mapped.resolve(String.format("masks/%03d.png", i)),
                    PixelImages.png(SyntheticBrainMri.tumourMask(SIDE, 1000 + i, Difficulty.EASY)));
        }
    }

    private static void write(Path dir, int count, boolean tumour) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < count; i++) {
            long seed = (tumour ? 1000 : 0) + i;
            Files.write(dir.resolve(String.format("%03d.png", i)), PixelImages.png(tumour
                    ? SyntheticBrainMri.tumourSlice(SIDE, seed, Difficulty.EASY) : SyntheticBrainMri.normalSlice(SIDE, seed)));
        }
    }

    static Jbang.Result jbang(List<String> args) throws IOException, InterruptedException {
        return Jbang.run(home, Duration.ofMinutes(10), args);
    }

    static Jbang.Result jbang(String... args) throws IOException, InterruptedException {
        return jbang(List.of(args));
    }

    private static List<String> with(List<String> head, String... tail) {
        List<String> out = new ArrayList<>(head);
        out.addAll(SMALL);
        out.addAll(List.of(tail));
        return out;
    }

    @Test
    void everyAliasExplainsItsOptionsWithDefaults() throws Exception {
        JsonNode catalog = new ObjectMapper().readTree(REPO.resolve("jbang-catalog.json").toFile());
        Iterator<String> aliases = catalog.get("aliases").fieldNames();
        int checked = 0;
        while (aliases.hasNext()) {
            String alias = aliases.next();
            Jbang.Result r = jbang(alias, "--help");
            assertOk(r);
            assertTrue(r.output().contains("Usage: " + alias), alias + ":\n" + r.output());
            checked++;
        }
        assertEquals(9, checked, "msde-eval, -fit, -score, -spark-score, -embed, -backbone, -data, -bench, -notebook");
        assertTrue(jbang("msde-eval", "--help").output().contains("(default: 50)"), "defaults are printed");
    }

    @Test
    void fitThenScoreThenEvaluate() throws Exception {
        Path fit = home.resolve("runs/fit");
        assertOk(jbang(with(List.of("msde-fit", "--folder", images.toString()), "--out", fit.toString())));
        assertTrue(Files.isRegularFile(fit.resolve("model.msde")));
        assertTrue(Files.isRegularFile(fit.resolve("run.json")));
        assertEquals("portable", new ObjectMapper().readTree(fit.resolve("run.json").toFile()).path("versions")
                .path("cpu kernels").asText(), "./jbang gives the scripts libtorch's portable kernels");

        Path score = home.resolve("runs/score");
        Jbang.Result scored = jbang("msde-score", "--model", fit.resolve("model.msde").toString(),
                images.resolve("abnormal").toString(), images.resolve("normal/000.png").toString(), "--out", score.toString());
        assertOk(scored);
        List<String> lines = Files.readAllLines(score.resolve("scores.csv"));
        assertEquals("path,score,anomalous,out_of_distribution,note", lines.get(0));
        assertEquals(21, lines.size() - 1, "20 abnormal images and one normal image");

        Path eval = home.resolve("runs/eval");
        Jbang.Result evaluated = jbang(with(List.of("msde-eval", "--folder", images.toString()), "--bootstrap", "200", "--out",
                eval.toString()));
        assertOk(evaluated);
        assertTrue(evaluated.output().contains("MSDE (inductive)") && evaluated.output().contains("kNN distance"),
                evaluated.output());
        for (String f : new String[] {"results.csv", "results.md", "summary.json", "report.html", "run.json"}) {
            assertTrue(Files.isRegularFile(eval.resolve(f)), f);
        }
        String dom = HeadlessBrowser.render(eval.resolve("report.html"), null, 1300, 4000);
        assertEquals("", HeadlessBrowser.reportedErrors(dom), "script or console errors in the report");
        List<Integer> paths = HeadlessBrowser.pathsPerFigure(dom);
        assertTrue(paths.size() >= 8, "ROC, PR, four histograms, two latent-shift plots: " + paths);
        assertTrue(paths.stream().allMatch(n -> n > 0), "every figure has data: " + paths);
        assertTrue(dom.contains("data:image/png;base64,"), "thumbnails of the most and least anomalous images");
        JsonNode summary = new ObjectMapper().readTree(eval.resolve("summary.json").toFile());
        assertEquals(4, summary.get("results").size());
        JsonNode first = summary.get("results").get(0);
        assertTrue(first.get("auroc").asDouble() > 0.5, first.toString());
        assertEquals(56, first.get("n_train").asInt(), "80 % of the 70 normal images train");
    }

    @Test
    void deploymentStudyAddsRowsAndOneLinePerMethodToTheReport() throws Exception {
        Path eval = home.resolve("runs/study");
        assertOk(jbang(with(List.of("msde-eval", "--folder", images.toString()), "--bootstrap", "200", "--prevalence",
                "0.1,0.5", "--batch-size", "1,5,1000", "--repeats", "2", "--out", eval.toString())));
        JsonNode study = new ObjectMapper().readTree(eval.resolve("summary.json").toFile()).get("study");
        assertEquals((2 + 3) * 4, study.size(), "every prevalence and batch size for each of the four methods");
        for (JsonNode row : study) {
            assertTrue(row.get("auroc_ci_low").asDouble() <= row.get("auroc").asDouble()
                    && row.get("auroc").asDouble() <= row.get("auroc_ci_high").asDouble(), row.toString());
        }
        String dom = HeadlessBrowser.render(eval.resolve("report.html"), null, 1300, 7000);
        assertEquals("", HeadlessBrowser.reportedErrors(dom), "script or console errors in the report");
        List<String> methods = List.of("MSDE (transductive)", "MSDE (inductive)", "GDE (no MSDE)", "kNN distance");
        int studyFigures = 0;
        for (HeadlessBrowser.DrawnFigure f : HeadlessBrowser.figures(dom)) {
            if (f.title().contains(" against ")) {
                studyFigures++;
                assertEquals(4, f.legend().size(), f.toString());
                assertTrue(f.legend().containsAll(methods), "one line per method: " + f);
            }
        }
        assertEquals(6, studyFigures, "AUROC, its gain over GDE and AP, against prevalence and against batch size");
    }

    @Test
    void csvListInput() throws Exception {
        StringBuilder csv = new StringBuilder("path,split,label\n");
        try (Stream<Path> normal = Files.list(images.resolve("normal")).sorted()) {
            int i = 0;
            for (Path p : normal.toList()) {
                csv.append("brains/normal/").append(p.getFileName()).append(',').append(i++ < 50 ? "train" : "test").append(",0\n");
            }
        }
        try (Stream<Path> abnormal = Files.list(images.resolve("abnormal")).sorted()) {
            for (Path p : abnormal.toList()) {
                csv.append("brains/abnormal/").append(p.getFileName()).append(",test,1\n");
            }
        }
        Path list = home.resolve("list.csv");
        Files.writeString(list, csv);
        Path eval = home.resolve("runs/list-eval");
        assertOk(jbang(with(List.of("msde-eval", "--list", list.toString()), "--bootstrap", "200", "--out",
                eval.toString())));
        List<String> rows = Files.readAllLines(eval.resolve("results.csv"));
        assertEquals(5, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(1).startsWith("list.csv,whole test set,"), rows.get(1));

        Path fit = home.resolve("runs/list-fit");
        assertOk(jbang(with(List.of("msde-fit", "--list", list.toString()), "--out", fit.toString())));
        Jbang.Result scored = jbang("msde-score", "--model", fit.resolve("model.msde").toString(), "--list", list.toString(),
                "--out", home.resolve("runs/list-score").toString());
        assertOk(scored);
        assertTrue(scored.output().contains("AUROC"), scored.output());

        Path spark = home.resolve("runs/list-spark");
        Jbang.Result onSpark = jbang("msde-spark-score", "--model", fit.resolve("model.msde").toString(), "--input",
                list.toString(), "--master", "local[2]", "--out", spark.toString());
        assertOk(onSpark);
        assertTrue(onSpark.output().contains("scored 90 of 90 images") && onSpark.output().contains("AUROC"), onSpark.output());
        Map<Path, Double> expected = scores(home.resolve("runs/list-score/scores.csv"), home);
        Map<Path, Double> actual = scores(spark.resolve("scores.csv"), home);
        assertEquals(expected.keySet(), actual.keySet());
        for (Path p : expected.keySet()) {
            assertEquals(expected.get(p), actual.get(p), 1e-9, "msde-spark-score and msde-score on " + p);
        }
    }

    /** Path (resolved against {@code base}) → score of a scores.csv of msde-score or msde-spark-score. */
    private static Map<Path, Double> scores(Path csv, Path base) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int score = List.of(lines.get(0).split(",")).indexOf("score");
        Map<Path, Double> out = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            out.put(base.resolve(fields[0]).normalize(), Double.parseDouble(fields[score]));
        }
        return out;
    }

    @Test
    void localModelsWriteAnomalyMapsAndPixelMetrics() throws Exception {
        Path fit = home.resolve("runs/fit-local");
        List<String> fitArgs = new ArrayList<>(List.of("msde-fit", "--folder", mapped.toString(), "--local", "padim",
                "--out", fit.toString()));
        fitArgs.addAll(LOCAL);
        assertOk(jbang(fitArgs));
        Path score = home.resolve("runs/score-maps");
        assertOk(jbang("msde-score", "--model", fit.resolve("model.msde").toString(), "--maps",
                mapped.resolve("abnormal").toString(), "--out", score.toString()));
        assertEquals(21, Files.readAllLines(score.resolve("scores.csv")).size(), "a header and 20 images");
        Npy.Array map = Npy.read(score.resolve("maps/0001-000.npy"));
        assertArrayEquals(new long[] {SIDE, SIDE}, map.shape(), "the map has the image's size");
        BufferedImage overlay = ImageIO.read(score.resolve("maps/0001-000.png").toFile());
        assertEquals(SIDE, overlay.getWidth());

        Path eval = home.resolve("runs/eval-local");
        List<String> evalArgs = new ArrayList<>(List.of("msde-eval", "--folder", mapped.toString(), "--local",
                "padim,patchcore", "--bootstrap", "100", "--out", eval.toString()));
        evalArgs.addAll(LOCAL);
        Jbang.Result evaluated = jbang(evalArgs);
        assertOk(evaluated);
        assertTrue(evaluated.output().contains("pixel metrics over the 15 of 20 abnormal test images that have masks"),
                evaluated.output());
        JsonNode results = new ObjectMapper().readTree(eval.resolve("summary.json").toFile()).get("results");
        JsonNode padim = null;
        for (JsonNode r : results) {
            if (r.get("method").asText().equals("PADIM")) {
                padim = r;
            }
        }
        assertTrue(padim != null && padim.get("pixel_auroc").asDouble() > 0.5 && padim.get("masked_abnormal").asInt() == 15,
                String.valueOf(padim));
        assertTrue(Files.readString(eval.resolve("results.csv")).contains("pixel AUROC"));
        String dom = HeadlessBrowser.render(eval.resolve("report.html"), null, 1300, 6000);
        assertEquals("", HeadlessBrowser.reportedErrors(dom), "script or console errors in the report");
        assertTrue(dom.contains("map · truth in green"), "overlays beside the most anomalous images");
    }

    @Test
    void localBadInputIsExplained() throws Exception {
        assertFails(jbang(with(List.of("msde-fit", "--folder", images.toString(), "--local", "padim"))),
                "option --local", "has no spatial feature maps", "--backbone ssl");
        Path fit = home.resolve("runs/fit-global");
        assertOk(jbang(with(List.of("msde-fit", "--folder", images.toString()), "--out", fit.toString())));
        assertFails(jbang("msde-score", "--model", fit.resolve("model.msde").toString(), "--maps",
                images.resolve("abnormal").toString()), "option --maps", "scores whole images", "msde-fit --local");
        Path odd = home.resolve("odd-mask");
        write(odd.resolve("normal"), 70, false);
        write(odd.resolve("abnormal"), 3, true);
        Files.createDirectories(odd.resolve("masks"));
        Files.write(odd.resolve("masks/001.png"), PixelImages.png(SyntheticBrainMri.tumourMask(16, 1001, Difficulty.EASY)));
        List<String> args = new ArrayList<>(List.of("msde-eval", "--folder", odd.toString(), "--local", "padim"));
        args.addAll(LOCAL);
        assertFails(jbang(args), "masks/001.png is 16×16 pixels", "abnormal/001.png is 32×32");
    }

    @Test
    void badInputIsExplained() throws Exception {
        assertFails(jbang("msde-eval", "--no-such-option"), "Unknown option: '--no-such-option'");
        assertFails(jbang("msde-eval", "no-such-dataset"), "unknown dataset id \"no-such-dataset\"", "known ids:",
                "synthetic-brain-mri");
        assertFails(jbang("msde-eval", "rsna", "--backbone", "pixels"), "dataset rsna is not in", "msde-data fetch rsna");
        assertFails(jbang(with(List.of("msde-eval", "--folder", home.resolve("nowhere").toString()))), "--folder",
                "does not exist");
        Path blocker = home.resolve("not-a-folder");
        Files.writeString(blocker, "x");
        assertFails(jbang(with(List.of("msde-eval", "--folder", images.toString()), "--out", blocker.resolve("out").toString())),
                "choose a writable --out");
    }

    @Test
    void aModelFromAnotherBackboneOrVersionIsRefused() throws Exception {
        Path fit = home.resolve("runs/fit-16");
        assertOk(jbang(with(List.of("msde-fit", "--folder", images.toString()), "--out", fit.toString())));
        Path model = fit.resolve("model.msde");
        assertFails(jbang("msde-score", "--model", model.toString(), "--backbone", "pixels", "--image-size", "20",
                images.resolve("abnormal").toString(), "--out", home.resolve("runs/x").toString()),
                "was fitted on embeddings of backbone \"raw pixels 16×16×1\"", "raw pixels 20×20×1");

        Path newer = home.resolve("newer.msde");
        Files.copy(model, newer);
        try (RandomAccessFile raf = new RandomAccessFile(newer.toFile(), "rw")) {
            raf.seek(8);
            raf.writeInt(99);
        }
        assertFails(jbang("msde-score", "--model", newer.toString(), images.resolve("abnormal").toString()),
                "model format 99", "upgrade msde4j");
    }

    @Test
    void aRunKilledMidWayLeavesTheEarlierResultsIntact() throws Exception {
        Path out = home.resolve("runs/kept");
        assertOk(jbang(with(List.of("msde-eval", "--folder", images.toString()), "--bootstrap", "200", "--out",
                out.toString())));
        byte[] before = Files.readAllBytes(out.resolve("results.csv"));
        Process p = Jbang.command(home, with(List.of("msde-eval", "--folder", images.toString()), "--out", out.toString(),
                "--overwrite", "--bootstrap", "5000000")).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (staging(out).isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(staging(out).isPresent(), "the run should have begun writing into its staging folder");
        assertTrue(p.isAlive(), "the run should still be computing its 5 000 000 bootstrap replicates");
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor();
        assertArrayEquals(before, Files.readAllBytes(out.resolve("results.csv")), "the earlier results are untouched");
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(6, files.count(), "the five results and msde4j's marker: nothing half-written inside the folder");
        }
        assertFalse(Files.exists(out.resolve("model.msde")));
    }

    /** The staging folder of a run into {@code out}, once it exists. */
    private static java.util.Optional<Path> staging(Path out) throws IOException {
        try (Stream<Path> siblings = Files.list(out.getParent())) {
            return siblings.filter(s -> s.getFileName().toString().startsWith("." + out.getFileName() + ".partial-")).findFirst();
        }
    }
}
