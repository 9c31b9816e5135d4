package org.msde4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.msde4j.image.ImageRef;
import org.msde4j.image.Pixels;
import org.msde4j.io.Npy;
import org.msde4j.io.Sha256;

/**
 * A MedMNIST v2 / MedMNIST+ archive (Yang et al., "MedMNIST v2", Scientific Data 2023): one
 * {@code .npz} with {@code train_images}, {@code train_labels}, {@code val_…} and {@code test_…}
 * arrays, images of shape (n, s, s) grey or (n, s, s, 3) colour with s = 28, 64, 128 or 224, uint8.
 *
 * <p>One-class protocol: the training split is the training images whose label is normal, the
 * test split the whole test set (normal → 0, any other class → 1). To tune settings without
 * looking at the test set, {@code testSplit = "val"} makes the validation arrays the test split
 * instead (report the test set once, at the end). Labels of shape (n, 1) are classes; labels of shape (n, k) with k &gt; 1 are multi-label
 * findings, and an image is normal when it has none. Images stay in memory and become
 * {@link ImageRef.Array}s whose pixels are produced on demand.
 *
 * @param file         the archive, relative to the dataset root
 * @param normalLabels the classes that count as normal ({@code [0]} when null)
 * @param testSplit    the arrays that form the test split: {@value #TEST} (when null) or {@value #VAL}
 */
public record MedMnistLayout(String file, List<Integer> normalLabels, String testSplit) implements Layout {

    /** The test arrays, {@code test_images} and {@code test_labels}. */
    public static final String TEST = "test";
    /** The validation arrays, {@code val_images} and {@code val_labels}, for tuning. */
    public static final String VAL = "val";

    /** Fills in the default normal class and test split. */
    public MedMnistLayout {
        if (file == null) {
            throw new IllegalArgumentException("a MedMNIST layout needs the .npz file name.");
        }
        normalLabels = normalLabels == null || normalLabels.isEmpty() ? List.of(0) : List.copyOf(normalLabels);
        testSplit = testSplit == null ? TEST : testSplit;
        if (!testSplit.equals(TEST) && !testSplit.equals(VAL)) {
            throw new IllegalArgumentException("the test split of a MedMNIST file is \"" + TEST + "\" or \"" + VAL
                    + "\" (its validation arrays, for tuning), got \"" + testSplit + "\".");
        }
    }

    /** The layout with the test arrays as the test split. */
    public MedMnistLayout(String file, List<Integer> normalLabels) {
        this(file, normalLabels, null);
    }

    /** Reads {@code npz} with label 0 as normal; the dataset is named after the file. */
    public static Dataset read(Path npz) throws IOException {
        return read(npz, TEST);
    }

    /**
     * Reads {@code npz} with label 0 as normal and the arrays {@code testSplit} ({@value #TEST} or
     * {@value #VAL}) as the test split; the dataset is named after the file either way (its
     * training images, and so its self-supervised backbone, are the same).
     */
    public static Dataset read(Path npz, String testSplit) throws IOException {
        Path absolute = npz.toAbsolutePath();
        return new MedMnistLayout(absolute.getFileName().toString(), null, testSplit)
                .load(absolute.getParent(), absolute.getFileName().toString().replaceFirst("\\.npz$", ""));
    }

    @Override
    public Dataset load(Path root, String name) throws IOException {
        Path npz = root.resolve(file);
        if (!Files.isRegularFile(npz)) {
            throw new IOException("MedMNIST file " + npz + " does not exist: fetch the dataset or check the path.");
        }
        List<Sample> samples = new ArrayList<>();
        String content = Sha256.of(npz);
        add(npz, content, "train", Split.TRAIN, samples);
        add(npz, content, testSplit, Split.TEST, samples);
        return new Dataset(name, samples);
    }

    /** Adds the images of one split; training keeps only the normal ones. */
    private void add(Path npz, String content, String split, Split role, List<Sample> samples) throws IOException {
        Npy.Array images = Npy.readNpz(npz, split + "_images");
        Npy.Array labels = Npy.readNpz(npz, split + "_labels");
        long[] shape = images.shape();
        if (shape.length != 3 && !(shape.length == 4 && shape[3] == 3)) {
            throw new IOException(npz + "!" + split + "_images has shape " + Arrays.toString(shape)
                    + "; MedMNIST 2-D images are (n, size, size) or (n, size, size, 3).");
        }
        if (images.kind() != 'u' || images.bytes() != 1) {
            throw new IOException(npz + "!" + split + "_images holds " + images.dtype()
                    + " values; MedMNIST images are 8-bit unsigned (|u1).");
        }
        int n = Math.toIntExact(shape[0]);
        int columns = labels.shape().length == 1 ? 1 : Math.toIntExact(labels.shape()[1]);
        if (labels.shape()[0] != n) {
            throw new IOException(npz + "!" + split + "_labels has " + labels.shape()[0] + " rows for " + n
                    + " images: the archive is inconsistent — download it again.");
        }
        Set<Integer> normal = Set.copyOf(normalLabels);
        String source = npz.getFileName() + ":" + split + "_images";
        for (int i = 0; i < n; i++) {
            int label = isNormal(labels, i, columns, normal) ? 0 : 1;
            if (role == Split.TRAIN && label == 1) {
                continue;
            }
            int index = i;
            samples.add(new Sample(source + "[" + i + "]",
                    new ImageRef.Array(source, i, () -> pixels(images, index), content), role, label));
        }
    }

    private static boolean isNormal(Npy.Array labels, int row, int columns, Set<Integer> normal) {
        if (columns == 1) {
            return normal.contains((int) labels.get(row));
        }
        for (int c = 0; c < columns; c++) {
            if (labels.get((long) row * columns + c) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Image {@code i} of an (n, h, w[, 3]) uint8 array. */
    private static Pixels pixels(Npy.Array images, int i) {
        long[] shape = images.shape();
        int height = Math.toIntExact(shape[1]);
        int width = Math.toIntExact(shape[2]);
        int channels = shape.length == 4 ? 3 : 1;
        int[] values = new int[height * width * channels];
        long offset = (long) i * values.length;
        for (int j = 0; j < values.length; j++) {
            values[j] = (int) images.get(offset + j);
        }
        return new Pixels(width, height, channels, 255, values);
    }

    @Override
    public String describe() {
        return file + " (a MedMNIST .npz with train_images/labels and " + testSplit + "_images/labels; normal classes "
                + normalLabels + ")";
    }
}
