package org.msde4j.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.msde4j.image.ImageRef;

/**
 * One folder per split and label, every image under a folder (subfolders included) sharing its
 * role. Covers the Camelyon16 and BraTS2021 folders of MedIAnomaly/BMAD and anomalib's
 * {@code Folder} dataset:
 *
 * <ul>
 *   <li>Camelyon16: {@code train/good} → train normal, {@code test/good} → test normal,
 *       {@code test/Ungood} → test abnormal;</li>
 *   <li>BraTS2021: {@code train}, {@code test/normal}, {@code test/tumor}, whose segmentation masks
 *       in {@code test/annotation} are ground truth, not images to score;</li>
 *   <li>a normal and an abnormal folder only ({@link #normalAbnormal}): a seeded share
 *       {@code testFraction} of the normal images goes to the test split, the rest to training,
 *       and every abnormal image to the test split.</li>
 * </ul>
 * A folder may name a folder of ground-truth masks ({@link Folder#masks()}): the mask of
 * {@code FOLDER/a/b.png} is {@code MASKS/a/b.*} or {@code MASKS/a/b_mask.*} (any image ending, as
 * anomalib's and MVTec AD's {@code ground_truth} folders name them); images without one have none.
 *
 * @param folders      the folders and their roles
 * @param ignored      folders named only to document that they are not images (e.g. masks)
 * @param testFraction share of {@link Role#AUTO} images that go to the test split (0 with AUTO folders
 *                     means anomalib's {@value #DEFAULT_TEST_FRACTION})
 * @param seed         seed of the shuffle that picks them
 */
public record FolderLayout(List<Folder> folders, List<String> ignored, double testFraction, long seed) implements Layout {

    /** anomalib's default share of normal images held out for testing. */
    public static final double DEFAULT_TEST_FRACTION = 0.2;

    /** Validates the roles. */
    public FolderLayout {
        if (folders == null || folders.isEmpty()) {
            throw new IllegalArgumentException("a folder layout needs at least one folder.");
        }
        folders = List.copyOf(folders);
        ignored = ignored == null ? List.of() : List.copyOf(ignored);
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in [0, 1), got " + testFraction + ".");
        }
        if (folders.stream().anyMatch(f -> f.split() == Role.AUTO) && testFraction == 0) {
            testFraction = DEFAULT_TEST_FRACTION;
        }
    }

    /** Where the images of one folder go. */
    public enum Role {
        /** training split */
        TRAIN,
        /** test split */
        TEST,
        /** split by {@link FolderLayout#testFraction()} */
        AUTO;

        @JsonValue
        String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        static Role parse(String text) {
            for (Role r : values()) {
                if (r.json().equalsIgnoreCase(text)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("split \"" + text + "\" is not one of train, test, auto.");
        }
    }

    /**
     * A folder of images with one role.
     *
     * @param path  relative to the dataset root
     * @param split where its images go
     * @param label 0 normal, 1 abnormal
     * @param masks folder of their ground-truth masks, relative to the dataset root, or null (it
     *              need not exist: then no image has a mask)
     */
    public record Folder(String path, Role split, int label, String masks) {

        /** A folder without masks. */
        public Folder(String path, Role split, int label) {
            this(path, split, label, null);
        }

        /** Validates the label. */
        public Folder {
            if (path == null || split == null) {
                throw new IllegalArgumentException("a folder needs a path and a split.");
            }
            if (label != 0 && label != 1) {
                throw new IllegalArgumentException("folder " + path + " has label " + label + "; use 0 (normal) or 1 (abnormal).");
            }
        }
    }

    /**
     * anomalib's {@code Folder}: normal images split {@code testFraction} : rest into test and
     * training with a seeded shuffle, abnormal images all in the test split.
     */
    public static FolderLayout normalAbnormal(String normalDir, String abnormalDir, double testFraction, long seed) {
        return normalAbnormal(normalDir, abnormalDir, null, testFraction, seed);
    }

    /** {@link #normalAbnormal(String, String, double, long)} with the abnormal images' masks in {@code masksDir}. */
    public static FolderLayout normalAbnormal(String normalDir, String abnormalDir, String masksDir, double testFraction,
                                              long seed) {
        return new FolderLayout(List.of(new Folder(normalDir, Role.AUTO, 0), new Folder(abnormalDir, Role.TEST, 1, masksDir)),
                List.of(), testFraction, seed);
    }

    /** Normal folders for training and testing given separately, as anomalib's {@code normal_test_dir}. */
    public static FolderLayout of(String trainNormal, String testNormal, String testAbnormal) {
        return new FolderLayout(List.of(new Folder(trainNormal, Role.TRAIN, 0), new Folder(testNormal, Role.TEST, 0),
                new Folder(testAbnormal, Role.TEST, 1)), List.of(), 0, 0);
    }

    @Override
    public Dataset load(Path root, String name) throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (Folder folder : folders) {
            Path dir = root.resolve(folder.path());
            List<Path> files = ImageFiles.list(dir);
            if (files.isEmpty()) {
                throw new IOException("folder " + dir + " holds no images (" + String.join(", ", ImageFiles.EXTENSIONS)
                        + "): check the dataset root and the folder names (" + describe() + ").");
            }
            Set<Path> heldOut = folder.split() == Role.AUTO ? heldOut(files) : Set.of();
            Path masks = folder.masks() == null ? null : root.resolve(folder.masks());
            for (Path f : files) {
                boolean test = folder.split() == Role.TEST || heldOut.contains(f);
                String id = root.relativize(f).toString().replace('\\', '/');
                Path mask = masks == null ? null : ImageFiles.maskOf(masks, dir.relativize(f));
                samples.add(new Sample(id, new ImageRef.File(f), test ? Split.TEST : Split.TRAIN, folder.label(),
                        mask == null ? null : new ImageRef.File(mask)));
            }
        }
        samples.sort(Comparator.comparing(Sample::split));
        return new Dataset(name, samples);
    }

    /** The files of an AUTO folder that go to the test split: a seeded share of the sorted list. */
    private Set<Path> heldOut(List<Path> files) {
        List<Path> shuffled = new ArrayList<>(files);
        Collections.shuffle(shuffled, new Random(seed));
        return new HashSet<>(shuffled.subList(0, (int) Math.round(testFraction * files.size())));
    }

    @Override
    public String describe() {
        return folders.stream().map(f -> f.path() + "/ (" + f.split().json() + ", label " + f.label()
                        + (f.masks() == null ? "" : ", masks in " + f.masks() + "/") + ")")
                .collect(Collectors.joining(", "));
    }
}
