package org.msde4j.data;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.msde4j.math.Sampling;

/**
 * An immutable list of labelled images with their splits: what every loader returns.
 *
 * <p>The one-class protocol of the paper: fit on {@link #trainNormals()}, score {@link #test()}
 * and compare the scores with {@link #labels(List)} (0 normal, 1 anomaly).
 *
 * @param name    the dataset id or folder name, for messages and reports
 * @param samples the images in a stable order (training before test, normal before abnormal where
 *                the layout defines it, otherwise sorted by path)
 */
public record Dataset(String name, List<Sample> samples) {

    /** Copies the list so the dataset cannot change afterwards. */
    public Dataset {
        samples = List.copyOf(samples);
    }

    /** The samples of one split, in dataset order. */
    public List<Sample> split(Split split) {
        return samples.stream().filter(s -> s.split() == split).toList();
    }

    /** The normal training samples: the only images a one-class detector is fitted on. */
    public List<Sample> trainNormals() {
        return samples.stream().filter(s -> s.split() == Split.TRAIN && s.label() == 0).toList();
    }

    /**
     * This dataset with only {@code n} of its normal training images, drawn uniformly without
     * replacement with {@code seed} ({@link Sampling#withoutReplacement}) and kept in dataset order;
     * every other image stays. For fits on a sample of a large set of normals: the same {@code n} and
     * seed give the same sample. Named {@code NAME-sampleN-seedS}, so that caches keyed by the
     * dataset's name keep the whole set's entries apart from the sample's.
     *
     * @throws IllegalArgumentException when {@code n} is below 1 or above the number of normal training images
     */
    public Dataset withTrainNormalSample(int n, long seed) {
        List<Sample> normals = trainNormals();
        if (n < 1 || n > normals.size()) {
            throw new IllegalArgumentException("option --sample: cannot draw " + n + " of the " + normals.size()
                    + " normal training images of " + name + "; give 1 to " + normals.size() + ", or omit it to use them all.");
        }
        int[] all = IntStream.range(0, normals.size()).toArray();
        Set<Sample> drawn = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i : Sampling.withoutReplacement(all, n, new Random(seed))) {
            drawn.add(normals.get(i));
        }
        Set<Sample> dropped = Collections.newSetFromMap(new IdentityHashMap<>());
        normals.stream().filter(s -> !drawn.contains(s)).forEach(dropped::add);
        return new Dataset(sampleName(name, n, seed), samples.stream().filter(s -> !dropped.contains(s)).toList());
    }

    /** The name of a {@link #withTrainNormalSample sample} of the dataset named {@code name}. */
    public static String sampleName(String name, int n, long seed) {
        return name + "-sample" + n + "-seed" + seed;
    }

    /** The whole test split, normal and abnormal. */
    public List<Sample> test() {
        return split(Split.TEST);
    }

    /** Images per split and label. */
    public SplitCounts counts() {
        return SplitCounts.of(samples);
    }

    /** The labels of {@code samples} in order, as {@link org.msde4j.eval.Metrics} expects them. */
    public static int[] labels(List<Sample> samples) {
        return samples.stream().mapToInt(Sample::label).toArray();
    }

    /** E.g. {@code rsna: train 3851 normal, test 1000 normal + 1000 abnormal}. */
    @Override
    public String toString() {
        return name + ": " + counts();
    }
}
