package org.msde4j.data.synthetic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.msde4j.Version;
import org.msde4j.data.Dataset;
import org.msde4j.data.MedIAnomalyLayout;
import org.msde4j.image.PixelImages;
import org.msde4j.image.Pixels;
import org.msde4j.io.AtomicFiles;
import org.msde4j.io.OutputRules;
import org.msde4j.io.RunFolder;

/**
 * msde4j's offline dataset: 2-D axial brain MRI slices with a FLAIR-like contrast, generated from a
 * seed, with and without tumours.
 *
 * <p>Each image is a new subject ({@link Subject}: pose, head shape, skull, cortical folding,
 * ventricles and deep grey matter, tissue contrast, bias field, Rician noise); an abnormal image
 * adds a {@link Tumour} (irregular hyperintense mass, necrosis, oedema, mass effect) whose size
 * and contrast come from the {@link Difficulty}. Image k of a role is drawn from its own seed, a
 * hash of (seed, role, k), so the output is the same bit for bit for the same options, however
 * many threads render it.
 *
 * <p>{@link #write} produces the MedIAnomaly layout ({@code images/} of 8-bit grey PNGs +
 * {@code data.json}) plus {@code masks/} (one 8-bit PNG per abnormal image, same name, 255 where
 * the tumour is: the generator knows where it drew it, see {@link #tumourMask}) and
 * {@code generator.json} with the options; test image names are shuffled so that they do not
 * reveal the label. Asking for a mask draws no random numbers, so the images are the same, bit
 * for bit, as before masks were written.
 */
public final class SyntheticBrainMri {

    private static final long TRAIN = 1;
    private static final long TEST_NORMAL = 2;
    private static final long TEST_ABNORMAL = 3;

    private SyntheticBrainMri() {
    }

    /**
     * What to generate.
     *
     * @param size          image side in pixels (≥ 32)
     * @param trainNormals  normal training images
     * @param testNormals   normal test images
     * @param testAbnormals test images with a tumour
     * @param difficulty    how conspicuous the tumours are
     * @param seed          the seed everything is drawn from
     */
    public record Options(int size, int trainNormals, int testNormals, int testAbnormals, Difficulty difficulty, long seed) {

        /** Validates every setting, naming the offending one. */
        public Options {
            if (size < 32 || size > 1024) {
                throw new IllegalArgumentException("option size must be in [32, 1024] pixels, got " + size + ".");
            }
            if (trainNormals < 1 || testNormals < 0 || testAbnormals < 0 || testNormals + testAbnormals < 1) {
                throw new IllegalArgumentException("options trainNormals ≥ 1, testNormals ≥ 0, testAbnormals ≥ 0 (and some "
                        + "test images) are needed, got " + trainNormals + ", " + testNormals + ", " + testAbnormals + ".");
            }
            if (difficulty == null) {
                throw new IllegalArgumentException("option difficulty must be EASY, MEDIUM or HARD.");
            }
        }

        /**
         * 128 × 128 px (a quarter of the pixels of 224 px, which backbones at 128 px handle as well
         * on brain MRI), 600 training normals, 200 + 200 test images, MEDIUM, seed 42.
         */
        public static Options defaults() {
            return new Options(128, 600, 200, 200, Difficulty.MEDIUM, 42);
        }

        public Options withSize(int value) {
            return new Options(value, trainNormals, testNormals, testAbnormals, difficulty, seed);
        }

        public Options withCounts(int train, int testNormal, int testAbnormal) {
            return new Options(size, train, testNormal, testAbnormal, difficulty, seed);
        }

        public Options withDifficulty(Difficulty value) {
            return new Options(size, trainNormals, testNormals, testAbnormals, value, seed);
        }

        public Options withSeed(long value) {
            return new Options(size, trainNormals, testNormals, testAbnormals, difficulty, value);
        }
    }

    /** A normal slice of side {@code size} drawn from {@code seed}. */
    public static Pixels normalSlice(int size, long seed) {
        return slice(size, seed, null);
    }

    /** A slice with a tumour of the given difficulty, drawn from {@code seed}. */
    public static Pixels tumourSlice(int size, long seed, Difficulty difficulty) {
        return slice(size, seed, difficulty);
    }

    /**
     * The ground truth of {@link #tumourSlice}{@code (size, seed, difficulty)}: 255 where its tumour
     * is (the mass, and the inner half of the oedema rim; see {@code SliceRenderer.tumourMask}), 0
     * elsewhere.
     */
    public static Pixels tumourMask(int size, long seed, Difficulty difficulty) {
        SplittableRandom random = new SplittableRandom(seed);
        Subject subject = Subject.draw(random);
        Tumour tumour = Tumour.draw(subject, difficulty, random);
        boolean[] inside = SliceRenderer.tumourMask(subject, tumour, size);
        int[] values = new int[inside.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = inside[i] ? 255 : 0;
        }
        return new Pixels(size, size, 1, 255, values);
    }

    private static Pixels slice(int size, long seed, Difficulty difficulty) {
        SplittableRandom random = new SplittableRandom(seed);
        Subject subject = Subject.draw(random);
        Tumour tumour = difficulty == null ? null : Tumour.draw(subject, difficulty, random);
        return new Pixels(size, size, 1, 255, SliceRenderer.render(subject, tumour, size, random));
    }

    /** The seed of image {@code index} of a role: SplitMix64 of the three, so neighbours are unrelated. */
    static long imageSeed(long seed, long role, int index) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + role * 0xBF58476D1CE4E5B9L + index).nextLong();
    }

    /**
     * Generates the dataset into {@code folder}, which must not exist yet: the files are written to
     * a {@link RunFolder} that appears under {@code folder} only once complete.
     *
     * @return the dataset, as {@link MedIAnomalyLayout} reads it back
     */
    public static Dataset write(Options options, Path folder) throws IOException {
        if (Files.exists(folder)) {
            throw new IOException(folder + " already exists: choose a new folder for the synthetic dataset or delete "
                    + "this one (nothing was overwritten).");
        }
        try (RunFolder run = RunFolder.begin(folder, OutputRules.NEW_FOLDER, RunFolder.Kind.DATASET)) {
            writeInto(options, run.folder());
            run.commit();
        }
        return MedIAnomalyLayout.read(folder);
    }

    private static void writeInto(Options o, Path folder) throws IOException {
        Path images = Files.createDirectories(folder.resolve("images"));
        Path masks = Files.createDirectories(folder.resolve(MedIAnomalyLayout.MASKS));
        List<String> train = names("train", o.trainNormals());
        List<String> test = names("test", o.testNormals() + o.testAbnormals());
        Collections.shuffle(test, new Random(o.seed()));
        List<String> testNormal = test.subList(0, o.testNormals()).stream().sorted().toList();
        List<String> testAbnormal = test.subList(o.testNormals(), test.size()).stream().sorted().toList();
        try {
            render(o, images, train, TRAIN, null, null);
            render(o, images, testNormal, TEST_NORMAL, null, null);
            render(o, images, testAbnormal, TEST_ABNORMAL, o.difficulty(), masks);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("train", Map.of("0", train));
        Map<String, Object> testGroups = new LinkedHashMap<>();
        testGroups.put("0", testNormal);
        testGroups.put("1", testAbnormal);
        index.put("test", testGroups);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.writeString(folder.resolve("data.json"), json.writeValueAsString(index));
        Map<String, Object> generator = new LinkedHashMap<>();
        generator.put("generator", "org.msde4j.data.synthetic.SyntheticBrainMri");
        generator.put("version", Version.current());
        generator.put("options", o);
        AtomicFiles.writeString(folder.resolve("generator.json"), json.writeValueAsString(generator));
    }

    private static List<String> names(String prefix, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(String.format("%s-%05d.png", prefix, i));
        }
        return out;
    }

    /**
     * Renders and writes the images of one role in parallel; image k uses {@link #imageSeed}. With
     * a tumour, its mask goes to {@code masks} under the same name.
     */
    private static void render(Options o, Path images, List<String> names, long role, Difficulty difficulty,
                               Path masks) {
        IntStream.range(0, names.size()).parallel().forEach(k -> {
            long seed = imageSeed(o.seed(), role, k);
            try {
                png(slice(o.size(), seed, difficulty), images.resolve(names.get(k)));
                if (difficulty != null) {
                    png(tumourMask(o.size(), seed, difficulty), masks.resolve(names.get(k)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void png(Pixels pixels, Path file) throws IOException {
        if (!ImageIO.write(PixelImages.toBufferedImage(pixels), "png", file.toFile())) {
            throw new IOException("no PNG writer is available in this Java runtime.");
        }
    }

}
