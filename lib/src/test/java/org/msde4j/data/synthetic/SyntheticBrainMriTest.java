package org.msde4j.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.data.Dataset;
import org.msde4j.data.MedIAnomalyLayout;
import org.msde4j.data.Sample;
import org.msde4j.data.SplitCounts;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.detect.GdeBaseline;
import org.msde4j.embed.Embedder;
import org.msde4j.embed.Preprocessing;
import org.msde4j.embed.RawPixelBackbone;
import org.msde4j.eval.Metrics;
import org.msde4j.image.ImageRef;
import org.msde4j.io.RunFolder;
import org.msde4j.image.Pixels;

class SyntheticBrainMriTest {

    private static final SyntheticBrainMri.Options SMALL = SyntheticBrainMri.Options.defaults().withSize(64).withCounts(8, 3, 3);

    /** The generated files, without msde4j's run marker (which records when the folder was written). */
    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(folder::relativize)
                    .filter(p -> !p.toString().equals(RunFolder.MARKER)).sorted().toList();
        }
    }

    @Test
    void sameSeedGivesIdenticalBytes(@TempDir Path dir) throws IOException {
        SyntheticBrainMri.write(SMALL, dir.resolve("a"));
        SyntheticBrainMri.write(SMALL, dir.resolve("b"));
        SyntheticBrainMri.write(SMALL.withSeed(43), dir.resolve("c"));
        List<Path> names = files(dir.resolve("a"));
        assertEquals(14 + 3 + 2, names.size(), "14 images, 3 tumour masks, data.json, generator.json");
        assertTrue(RunFolder.writtenByMsde4j(dir.resolve("a")), "and the marker of a folder msde4j wrote");
        assertEquals(names, files(dir.resolve("b")));
        for (Path name : names) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(name)), Files.readAllBytes(dir.resolve("b").resolve(name)),
                    name.toString());
        }
        Path first = Path.of("images/train-00000.png");
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a").resolve(first)),
                Files.readAllBytes(dir.resolve("c").resolve(first))), "another seed, another image");
    }

    @Test
    void writesTheMedIAnomalyLayoutWithNeutralNames(@TempDir Path dir) throws IOException {
        Dataset written = SyntheticBrainMri.write(SMALL, dir.resolve("synthetic"));
        Dataset read = MedIAnomalyLayout.read(dir.resolve("synthetic"));
        assertEquals(new SplitCounts(8, 0, 3, 3), read.counts());
        assertEquals(written, read);
        assertTrue(read.test().stream().allMatch(s -> s.id().matches("test-\\d{5}\\.png")));
        BufferedImage image = ImageIO.read(((ImageRef.File) read.test().get(0).image()).path().toFile());
        assertEquals(64, image.getWidth());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType());
        assertTrue(Files.readString(dir.resolve("synthetic/generator.json")).contains("\"difficulty\" : \"MEDIUM\""));
    }

    /**
     * The images are the same, bit for bit, as before the generator wrote masks: the digest of these
     * slices' pixel values was computed with the generator of commit ca62bc0 (no masks).
     */
    @Test
    void imagesAreUnchangedByTheMasks() throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        for (long seed = 1; seed <= 3; seed++) {
            for (Difficulty d : new Difficulty[] {null, Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD}) {
                Pixels p = d == null ? SyntheticBrainMri.normalSlice(96, seed) : SyntheticBrainMri.tumourSlice(96, seed, d);
                for (int v : p.values()) {
                    md.update((byte) v);
                }
            }
        }
        assertEquals("4485f1ff61ce39fd04b25d1a748cf1e60c3d9784b75a34893ab29b12060ca0ad",
                java.util.HexFormat.of().formatHex(md.digest()));
    }

    @Test
    void everyAbnormalTestImageHasAMaskWhereItsTumourIs(@TempDir Path dir) throws IOException {
        Dataset data = SyntheticBrainMri.write(SMALL, dir.resolve("synthetic"));
        for (Sample s : data.samples()) {
            assertEquals(s.label() == 1, s.mask() != null, s.id());
        }
        for (long seed = 1; seed <= 5; seed++) {
            Pixels normal = SyntheticBrainMri.normalSlice(128, seed);
            Pixels tumour = SyntheticBrainMri.tumourSlice(128, seed, Difficulty.MEDIUM);
            Pixels mask = SyntheticBrainMri.tumourMask(128, seed, Difficulty.MEDIUM);
            double inside = 0;
            double outside = 0;
            int area = 0;
            for (int i = 0; i < mask.values().length; i++) {
                int change = tumour.values()[i] - normal.values()[i];
                if (mask.values()[i] == 255) {
                    inside += change;
                    area++;
                } else {
                    assertEquals(0, mask.values()[i]);
                    outside += change;
                }
            }
            inside /= area;
            outside /= mask.values().length - area;
            double share = area / (128.0 * 128);
            assertTrue(share > 0.003 && share < 0.1, "seed " + seed + ": the tumour covers " + share + " of the slice");
            assertTrue(inside > 10 && Math.abs(outside) < 2, "seed " + seed + ": the slice brightens by " + inside
                    + " grey levels inside the mask and " + outside + " outside");
        }
    }

    @Test
    void neverOverwritesAnExistingFolder(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("synthetic"));
        Path keep = Files.writeString(folder.resolve("results.txt"), "earlier work");
        IOException e = assertThrows(IOException.class, () -> SyntheticBrainMri.write(SMALL, folder));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals("earlier work", Files.readString(keep));
        assertEquals(1, files(dir).size(), "no staging folder is left behind");
    }

    @Test
    void optionsNameWhatIsWrong() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> SMALL.withSize(16));
        assertTrue(size.getMessage().startsWith("option size must be in [32, 1024]"), size.getMessage());
        IllegalArgumentException counts = assertThrows(IllegalArgumentException.class, () -> SMALL.withCounts(0, 1, 1));
        assertTrue(counts.getMessage().contains("trainNormals ≥ 1"), counts.getMessage());
    }

    @Test
    void aTumourIsALocalBrightChangeOfTheSameSubject() {
        for (long seed = 1; seed <= 5; seed++) {
            Pixels normal = SyntheticBrainMri.normalSlice(128, seed);
            Pixels tumour = SyntheticBrainMri.tumourSlice(128, seed, Difficulty.EASY);
            int changed = 0;
            long brighter = 0;
            for (int i = 0; i < normal.values().length; i++) {
                int d = tumour.values()[i] - normal.values()[i];
                if (Math.abs(d) > 30) {
                    changed++;
                    brighter += d;
                }
            }
            double share = changed / (128.0 * 128);
            assertTrue(share > 0.005 && share < 0.2, "seed " + seed + ": " + share + " of the pixels changed");
            assertTrue(brighter > 0, "seed " + seed + ": FLAIR shows the tumour brighter");
        }
    }

    /** The fast check of the difficulty levels: raw 16 × 16 pixels and the plain Gaussian separate easy tumours far better than hard ones. */
    @Test
    void easyTumoursAreFoundMoreOftenThanHardOnes(@TempDir Path dir) throws IOException {
        double easy = rawPixelAuroc(Difficulty.EASY, dir);
        double hard = rawPixelAuroc(Difficulty.HARD, dir);
        assertTrue(easy > hard + 0.15, "easy AUROC " + easy + ", hard AUROC " + hard);
        assertTrue(hard > 0.5, "hard AUROC " + hard + " should still beat chance");
    }

    /** Raw 16 × 16 grey pixels through the library's pixel backbone. */
    private static double[][] pixels(List<Sample> samples) throws IOException {
        try (RawPixelBackbone backbone = new RawPixelBackbone(Preprocessing.unnormalised(16, 1))) {
            return Embedder.embed(backbone, samples.stream().map(Sample::image).toList(), Embedder.Options.defaults())
                    .toDoubles();
        }
    }

    private static double rawPixelAuroc(Difficulty level, Path dir) throws IOException {
        SyntheticBrainMri.Options options = SyntheticBrainMri.Options.defaults().withSize(64).withCounts(150, 60, 60)
                .withDifficulty(level).withSeed(11);
        Dataset data = SyntheticBrainMri.write(options, dir.resolve(level.name()));
        double[][] train = pixels(data.trainNormals());
        List<Sample> test = data.test();
        double[] scores = GdeBaseline.fit(train, DetectorOptions.defaults()).score(pixels(test));
        return Metrics.auroc(scores, Dataset.labels(test));
    }
}
