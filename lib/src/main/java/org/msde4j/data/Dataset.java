package org.msde4j.data;

import java.util.List;

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
