package org.msde4j.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.msde4j.e2e.Jbang.assertFails;
import static org.msde4j.e2e.Jbang.assertOk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.msde4j.data.synthetic.Difficulty;
import org.msde4j.data.synthetic.SyntheticBrainMri;
import org.msde4j.image.PixelImages;
import org.msde4j.image.Pixels;
import org.msde4j.io.Sha256;

/**
 * Issue 12's catalogue of bad inputs, run as a user runs the one-liners ({@code ./jbang ALIAS ...} in a
 * subprocess): msde4j never deletes or overwrites a file it did not write, never answers from a stale
 * cache, gives decision thresholds that hold for new normal images in each scoring mode, says when a
 * model or an input deserves no trust, and explains every failure. Each test failed on the code before
 * the fix.
 *
 * <p>The training folder holds 80 normal slices (64 train, 16 held out) and 20 with a tumour at 64 px,
 * embedded as raw 32 × 32 pixels: 64 rows of 1024 features, the case where the in-sample threshold
 * flagged nearly every new normal image.
 */
class SafetyEndToEndTest {

    private static final List<String> PIXELS = List.of("--backbone", "pixels", "--image-size", "32", "--k", "10",
            "--tau", "20");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path home;
    private static Path images;
    private static Path newNormals;
    private static Path model;

    @BeforeAll
    static void generate() throws Exception {
        home = Files.createTempDirectory("msde4j-safety");
        images = home.resolve("brains");
        write(images.resolve("normal"), 80, 0, false);
        write(images.resolve("abnormal"), 20, 1000, true);
        newNormals = home.resolve("new-normals");
        write(newNormals, 40, 5000, false);
        Path fit = home.resolve("runs/fit");
        assertOk(jbang(with("msde-fit", "--folder", images.toString(), "--out", fit.toString())));
        model = fit.resolve("model.msde");
    }

    private static void write(Path dir, int count, long seed, boolean tumour) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < count; i++) {
            Files.write(dir.resolve(String.format("%03d.png", i)), PixelImages.png(tumour
                    ? SyntheticBrainMri.tumourSlice(64, seed + i, Difficulty.EASY) : SyntheticBrainMri.normalSlice(64, seed + i)));
        }
    }

    private static Jbang.Result jbang(List<String> args) throws IOException, InterruptedException {
        return Jbang.run(home, Duration.ofMinutes(10), args);
    }

    private static Jbang.Result jbang(String... args) throws IOException, InterruptedException {
        return jbang(List.of(args));
    }

    private static Jbang.Result jbangIn(Path folder, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        return Jbang.run(Jbang.commandIn(folder, home, env, List.of(args)), home, Duration.ofMinutes(10));
    }

    /** {@code head} followed by the raw-pixel settings. */
    private static List<String> with(String... head) {
        List<String> out = new ArrayList<>(List.of(head));
        out.addAll(PIXELS);
        return out;
    }

    /** Every file under {@code dir} with the SHA-256 of its bytes. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), Sha256.of(f));
            }
        }
        return out;
    }

    /** The rows of a scores.csv (header first), split on commas outside quotes. */
    private static List<Map<String, String>> scores(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], i < cells.length ? cells[i] : "");
            }
            rows.add(row);
        }
        return rows;
    }

    private static long flagged(List<Map<String, String>> rows) {
        return rows.stream().filter(r -> "true".equals(r.get("anomalous"))).count();
    }

    @Test
    void anOutputFolderThatIsOrHoldsOrLiesInAnInputIsRefusedAndNothingIsLost() throws Exception {
        Path brains = home.resolve("brains-copy");
        write(brains.resolve("normal"), 40, 0, false);
        write(brains.resolve("abnormal"), 5, 1000, true);
        Map<String, String> before = snapshot(brains);
        assertFails(jbang(with("msde-fit", "--folder", brains.toString(), "--out", brains.toString())),
                "output folder " + brains, "is an input of this run", "Choose another --out");
        assertFails(jbang(with("msde-fit", "--folder", brains.toString(), "--out", brains.resolve("normal/run").toString())),
                "lies inside the input folder");
        assertFails(jbang(with("msde-fit", "--folder", brains.toString(), "--out", home.toString(), "--overwrite")),
                "contains an input of this run");
        assertEquals(before, snapshot(brains), "every training image is still there, unchanged");

        Path scans = home.resolve("scans");
        write(scans, 5, 7000, true);
        Map<String, String> scanned = snapshot(scans);
        assertFails(jbang("msde-score", "--model", model.toString(), scans.toString(), "--out", scans.toString()),
                "is an input of this run");
        assertFails(jbang("msde-score", "--model", model.toString(), scans.toString(), "--out", model.getParent().toString(),
                "--overwrite"), "contains an input of this run (" + model + ")");
        assertEquals(scanned, snapshot(scans), "every scanned image is still there, unchanged");
        assertTrue(Files.isRegularFile(model));
    }

    @Test
    void anExistingFolderIsUsedOnlyWhenMsde4jWroteItAndThenOnlyItsFilesAreReplaced() throws Exception {
        Path project = Files.createDirectories(home.resolve("project"));
        Files.writeString(project.resolve("notes.txt"), "mine");
        assertFails(jbangIn(project, Map.of(), "msde-fit", "--folder", images.toString(), "--out", ".", "--backbone",
                "pixels", "--k", "10", "--tau", "20"), "already exists and was not written by msde4j", "notes.txt");
        assertEquals("mine", Files.readString(project.resolve("notes.txt")));

        Path out = home.resolve("runs/rerun");
        assertOk(jbang(with("msde-fit", "--folder", images.toString(), "--out", out.toString())));
        Files.writeString(out.resolve("notes.txt"), "mine too");
        byte[] first = Files.readAllBytes(out.resolve("run.json"));
        assertFails(jbang(with("msde-fit", "--folder", images.toString(), "--out", out.toString())),
                "holds an earlier msde4j run: pass --overwrite");
        assertOk(jbang(with("msde-fit", "--folder", images.toString(), "--out", out.toString(), "--overwrite",
                "--iterations", "2")));
        assertEquals("mine too", Files.readString(out.resolve("notes.txt")), "a file msde4j did not write is kept");
        assertNotEquals(new String(first), Files.readString(out.resolve("run.json")), "msde4j's own files are replaced");
    }

    @Test
    void theHomeFolderAndTheCheckoutAreNeverAnOutputFolder() throws Exception {
        Path links = Files.createDirectories(home.resolve("links"));
        Map<Path, String> cases = new java.util.LinkedHashMap<>();
        cases.put(Files.createSymbolicLink(links.resolve("home"), Path.of(System.getProperty("user.home"))),
                "is your home folder");
        cases.put(Files.createSymbolicLink(links.resolve("checkout"), Jbang.REPO), "is the msde4j checkout");
        cases.put(Files.createSymbolicLink(links.resolve("above-checkout"), Jbang.REPO.getParent()),
                "contains the msde4j checkout");
        for (Map.Entry<Path, String> c : cases.entrySet()) {
            Path target = Files.readSymbolicLink(c.getKey());
            assertFails(jbang(with("msde-fit", "--folder", images.toString(), "--out", c.getKey().toString(), "--overwrite")),
                    c.getValue());
            assertTrue(Files.isSymbolicLink(c.getKey()) && Files.readSymbolicLink(c.getKey()).equals(target),
                    "the folder behind " + c.getKey() + " was left alone");
        }
        assertTrue(Files.isDirectory(Jbang.REPO.resolve(".git")) || Files.isRegularFile(Jbang.REPO.resolve(".git")));
    }

    @Test
    void anImageEditedInPlaceIsScoredAnewNotFromTheCache() throws Exception {
        Path probe = home.resolve("probe/scan.png");
        Files.createDirectories(probe.getParent());
        Files.copy(newNormals.resolve("000.png"), probe);
        FileTime time = Files.getLastModifiedTime(probe);
        assertOk(jbang("msde-score", "--model", model.toString(), probe.toString(), "--out", home.resolve("runs/p1").toString()));
        String before = scores(home.resolve("runs/p1/scores.csv")).get(0).get("score");

        Files.copy(images.resolve("abnormal/005.png"), probe, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(probe, time);
        assertOk(jbang("msde-score", "--model", model.toString(), probe.toString(), "--out", home.resolve("runs/p2").toString()));
        String after = scores(home.resolve("runs/p2/scores.csv")).get(0).get("score");
        Jbang.Result fresh = Jbang.run(Jbang.commandIn(Jbang.REPO, home, Map.of("MSDE4J_CACHE",
                home.resolve("fresh-cache").toString()), List.of("msde-score", "--model", model.toString(), probe.toString(),
                "--out", home.resolve("runs/p3").toString())), home, Duration.ofMinutes(10));
        assertOk(fresh);
        assertEquals(scores(home.resolve("runs/p3/scores.csv")).get(0).get("score"), after,
                "the same score as with an empty cache");
        assertNotEquals(before, after, "the replaced image is not answered with the old image's score");
    }

    @Test
    void thresholdsHoldForNewNormalImagesInEachModeAndTheFitSaysWhatToDistrust() throws Exception {
        JsonNode run = JSON.readTree(model.resolveSibling("run.json").toFile());
        assertEquals(10, run.get("thresholds").get("folds").asInt(),
                "5 folds raised to 10, so that fold models keep most of the 63 PCA components: " + run.get("thresholds"));
        assertTrue(run.get("warnings").toString().contains("only 64 training rows for 1024 features (n ≤ d)"),
                run.get("warnings").toString());

        Path inductive = home.resolve("runs/new-inductive");
        assertOk(jbang("msde-score", "--model", model.toString(), newNormals.toString(), images.resolve("abnormal").toString(),
                "--out", inductive.toString()));
        List<Map<String, String>> rows = scores(inductive.resolve("scores.csv"));
        long normalsFlagged = flagged(rows.subList(0, 40));
        long tumoursFlagged = flagged(rows.subList(40, 60));
        // 1 − q = 5 % of 40 new normal images is 2; the threshold comes from 64 images, so allow up to 8.
        assertTrue(normalsFlagged <= 8, "inductive: " + normalsFlagged + " of 40 new normal images flagged");
        assertTrue(tumoursFlagged > normalsFlagged / 2.0, tumoursFlagged + " of 20 tumour slices flagged");

        Path transductive = home.resolve("runs/new-transductive");
        Jbang.Result t = jbang("msde-score", "--model", model.toString(), newNormals.toString(), "--mode", "transductive",
                "--out", transductive.toString());
        assertOk(t);
        assertTrue(t.output().contains("no decisions") && t.output().contains("uses 63 PCA components"), t.output());
        assertEquals(0, flagged(scores(transductive.resolve("scores.csv"))), "no threshold, no decisions");

        // 36 features: the fold models that match a batch of 40 keep the model's components.
        Path small = home.resolve("runs/fit-6px");
        assertOk(jbang("msde-fit", "--folder", images.toString(), "--backbone", "pixels", "--image-size", "6", "--k", "10",
                "--tau", "20", "--out", small.toString()));
        Path smallScores = home.resolve("runs/new-transductive-6px");
        Jbang.Result t6 = jbang("msde-score", "--model", small.toString(), newNormals.toString(), "--mode", "transductive",
                "--out", smallScores.toString());
        assertOk(t6);
        assertTrue(t6.output().contains("cross-fitting the decision threshold for transductive scores of 40 images"),
                t6.output());
        long transductiveFlagged = flagged(scores(smallScores.resolve("scores.csv")));
        assertTrue(transductiveFlagged <= 8, "transductive: " + transductiveFlagged + " of 40 new normal images flagged");

        Path same = home.resolve("same");
        Files.createDirectories(same.resolve("normal"));
        for (int i = 0; i < 30; i++) {
            Files.copy(images.resolve("normal/000.png"), same.resolve(String.format("normal/%03d.png", i)));
        }
        assertFails(jbang(with("msde-fit", "--folder", same.toString(), "--out", home.resolve("runs/same").toString())),
                "training rows are identical", "Train on different normal images");
    }

    @Test
    void aTinyImageAndAHugeNoiseImageAreFlaggedAsUnlikeTheTrainingImages() throws Exception {
        Path odd = Files.createDirectories(home.resolve("odd"));
        Files.write(odd.resolve("a-one-pixel.png"), PixelImages.png(new Pixels(1, 1, 1, 255, new int[] {128})));
        int side = 1500;
        int[] noise = new int[side * side];
        Random random = new Random(3);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextInt(256);
        }
        Files.write(odd.resolve("b-noise.png"), PixelImages.png(new Pixels(side, side, 1, 255, noise)));
        Files.copy(newNormals.resolve("001.png"), odd.resolve("c-normal.png"));
        Path out = home.resolve("runs/odd");
        Jbang.Result r = jbang("msde-score", "--model", model.toString(), odd.toString(), "--out", out.toString());
        assertOk(r);
        List<Map<String, String>> rows = scores(out.resolve("scores.csv"));
        assertEquals(List.of("true", "true", "false"), rows.stream().map(x -> x.get("out_of_distribution")).toList(),
                String.join("\n", Files.readAllLines(out.resolve("scores.csv"))));
        assertTrue(rows.get(0).get("note").contains("width (px) 1 (training images 64–64)"), rows.get(0).get("note"));
        assertTrue(r.output().contains("2 image(s) are unlike every training image"), r.output());
        assertEquals(2, JSON.readTree(out.resolve("run.json").toFile()).get("out_of_distribution").size());
    }

    @Test
    void msdeFitNeedsNoAbnormalFolderButMsdeEvalSaysItNeedsOne() throws Exception {
        Path normalsOnly = home.resolve("normals-only");
        write(normalsOnly.resolve("normal"), 40, 0, false);
        assertOk(jbang(with("msde-fit", "--folder", normalsOnly.toString(), "--out", home.resolve("runs/normals").toString())));
        assertFails(jbang(with("msde-eval", "--folder", normalsOnly.toString(), "--bootstrap", "50", "--out",
                home.resolve("runs/normals-eval").toString())), "no abnormal images", "abnormal/");
        assertFails(jbang(with("msde-fit", "--folder", home.resolve("no-such").toString())), "--folder", "does not exist");
    }

    @Test
    void unreadableImagesAreExplainedSkippedOnRequestAndListed() throws Exception {
        Path bad = home.resolve("with-bad");
        write(bad.resolve("normal"), 40, 0, false);
        write(bad.resolve("abnormal"), 10, 1000, true);
        Files.writeString(bad.resolve("normal/zz-broken.png"), "not a png");
        Files.writeString(bad.resolve("abnormal/zz-broken.png"), "not a png");
        StringBuilder csv = new StringBuilder("path,split,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(String.format("normal/%03d.png,%s,0%n", i, i < 30 ? "train" : "test"));
        }
        for (int i = 0; i < 10; i++) {
            csv.append(String.format("abnormal/%03d.png,test,1%n", i));
        }
        csv.append("normal/zz-broken.png,train,0\nabnormal/zz-broken.png,test,1\n");
        Path list = Files.writeString(bad.resolve("list.csv"), csv);
        assertFails(jbang(with("msde-fit", "--list", list.toString(), "--out", home.resolve("runs/bad0").toString())),
                "zz-broken.png", "--skip-bad-images");
        Path fit = home.resolve("runs/bad1");
        assertOk(jbang(with("msde-fit", "--list", list.toString(), "--out", fit.toString(), "--skip-bad-images")));
        assertTrue(JSON.readTree(fit.resolve("run.json").toFile()).get("skipped_images").toString().contains("zz-broken.png"));

        Path out = home.resolve("runs/bad-score");
        assertOk(jbang("msde-score", "--model", model.toString(), bad.resolve("abnormal").toString(), "--skip-bad-images",
                "--out", out.toString()));
        Map<String, String> last = scores(out.resolve("scores.csv")).get(10);
        assertTrue(last.get("path").endsWith("zz-broken.png") && last.get("note").startsWith("skipped: ")
                && last.get("score").isEmpty(), last.toString());
        assertTrue(JSON.readTree(out.resolve("run.json").toFile()).get("skipped_images").toString().contains("zz-broken.png"));

        Jbang.Result eval = jbang(with("msde-eval", "--list", list.toString(), "--skip-bad-images", "--bootstrap", "50",
                "--out", home.resolve("runs/bad-eval").toString()));
        assertOk(eval);
        for (String split : new String[] {"normal", "abnormal"}) {
            String line = "skipped " + bad.resolve(split + "/zz-broken.png");
            assertEquals(1, eval.output().split(java.util.regex.Pattern.quote(line), -1).length - 1,
                    "printed once: " + line + "\n" + eval.output());
        }
    }

    @Test
    void optionRangesAreCheckedBeforeAnyImageIsEmbedded() throws Exception {
        Map<List<String>, String> cases = Map.of(List.of("--eta", "5"), "option eta", List.of("--k", "500"),
                "k = 500 (option k)", List.of("--threshold-folds", "1"), "option threshold folds");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            List<String> args = new ArrayList<>(List.of("msde-fit", "--folder", images.toString(), "--backbone", "pixels",
                    "--out", home.resolve("runs/opt").toString()));
            args.addAll(c.getKey());
            Jbang.Result r = jbang(args);
            assertFails(r, c.getValue());
            assertFalse(r.output().contains("embedding"), "failed before embedding:\n" + r.output());
        }
        Jbang.Result r = jbang(with("msde-eval", "--folder", images.toString(), "--bootstrap", "0"));
        assertFails(r, "bootstrap");
        assertFalse(r.output().contains("embedding"), r.output());
    }

    @Test
    void aFailedDownloadSaysWhyAndPromisesNoPartialFile() throws Exception {
        String url = "torchscript:http://127.0.0.1:9/resnet18.pt";
        Jbang.Result r = jbang("msde-fit", "--folder", images.toString(), "--backbone", url, "--out",
                home.resolve("runs/url").toString());
        assertFails(r, "http://127.0.0.1:9/resnet18.pt", "ConnectException", "check the address and the network");
        assertFalse(r.output().contains(".part"), r.output());
        Jbang.Result offline = jbang("msde-fit", "--folder", images.toString(), "--backbone", url, "--offline", "--out",
                home.resolve("runs/url").toString());
        assertFails(offline, "is not cached", "run without --offline");
        assertFalse(offline.output().contains("unset msde4j.offline"), offline.output());
    }

    @Test
    void theWrapperRunsFromAnyFolderWithTheLibrarysCacheDefault() throws Exception {
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        Files.createDirectories(elsewhere.resolve("in"));
        Files.copy(newNormals.resolve("002.png"), elsewhere.resolve("in/x.png"));
        Jbang.Result r = jbangIn(elsewhere, Map.of(), "msde-score", "--model", model.toString(), "in", "--out", "scored");
        assertOk(r);
        assertTrue(Files.isRegularFile(elsewhere.resolve("scored/scores.csv")), "relative paths are the caller's");

        Path fakeHome = Files.createDirectories(home.resolve("fake-home"));
        Files.createSymbolicLink(fakeHome.resolve(".m2"), Path.of(System.getProperty("user.home"), ".m2"));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", fakeHome.toString());
        env.put("MSDE4J_CACHE", null);
        env.put("MSDE4J_JBANG_FROM_MAVEN", "1");
        assertOk(jbangIn(elsewhere, env, "msde-data", "--help"));
        try (Stream<Path> launchers = Files.list(fakeHome.resolve(".msde4j/cache"))) {
            assertTrue(launchers.anyMatch(p -> p.getFileName().toString().startsWith("jbang-")),
                    "the wrapper keeps JBang in ~/.msde4j/cache, the library's default cache");
        }
        assertFalse(Files.exists(fakeHome.resolve(".cache/msde4j")));
    }

    @Test
    void aModelFolderScoresAndRunJsonRecordsTheCommandAsTyped() throws Exception {
        Path out = home.resolve("runs/by-folder");
        List<String> args = List.of("msde-score", "--model", model.getParent().toString(), newNormals.resolve("003.png").toString(),
                "--out", out.toString());
        assertOk(jbang(args));
        List<String> recorded = new ArrayList<>();
        JSON.readTree(out.resolve("run.json").toFile()).get("command").forEach(c -> recorded.add(c.asText()));
        assertEquals(args, recorded);
        assertFails(jbang("msde-score", "--model", home.toString(), newNormals.resolve("003.png").toString()),
                "is a folder without a model.msde");
    }

    @Test
    void zeroShiftIterationsAreDescribedInWords() throws Exception {
        Jbang.Result r = jbang(with("msde-fit", "--folder", images.toString(), "--iterations", "0", "--out",
                home.resolve("runs/it0").toString()));
        assertOk(r);
        assertTrue(r.output().contains("no shift (0 iterations"), r.output());
        assertFalse(r.output().contains("mean displacement )"), r.output());
    }
}
