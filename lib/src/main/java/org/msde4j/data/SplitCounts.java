package org.msde4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many images a dataset holds per split and label. Under the one-class protocol the training
 * split holds normal images only, so {@code trainAbnormal} is usually 0.
 *
 * @param trainNormal   training images labelled 0
 * @param trainAbnormal training images labelled 1
 * @param testNormal    test images labelled 0
 * @param testAbnormal  test images labelled 1
 */
public record SplitCounts(int trainNormal, int trainAbnormal, int testNormal, int testAbnormal) {

    /** Checks that no count is negative. */
    public SplitCounts {
        if (trainNormal < 0 || trainAbnormal < 0 || testNormal < 0 || testAbnormal < 0) {
            throw new IllegalArgumentException("image counts cannot be negative: " + trainNormal + ", " + trainAbnormal
                    + ", " + testNormal + ", " + testAbnormal + ".");
        }
    }

    /** Counts the samples per split and label. */
    public static SplitCounts of(List<Sample> samples) {
        int[] n = new int[4];
        for (Sample s : samples) {
            n[(s.split() == Split.TRAIN ? 0 : 2) + s.label()]++;
        }
        return new SplitCounts(n[0], n[1], n[2], n[3]);
    }

    /** The count for one split and label. */
    public int get(Split split, int label) {
        return switch (split) {
            case TRAIN -> label == 0 ? trainNormal : trainAbnormal;
            case TEST -> label == 0 ? testNormal : testAbnormal;
        };
    }

    /** All images. */
    public int total() {
        return trainNormal + trainAbnormal + testNormal + testAbnormal;
    }

    /**
     * What differs between these (expected) counts and {@code found}, one line per split and label,
     * e.g. {@code test abnormal: expected 1000, found 998}; empty when they agree.
     */
    public List<String> differencesFrom(SplitCounts found) {
        List<String> out = new ArrayList<>();
        for (Split split : Split.values()) {
            for (int label = 0; label <= 1; label++) {
                if (get(split, label) != found.get(split, label)) {
                    out.add(split.name().toLowerCase(Locale.ROOT) + (label == 0 ? " normal" : " abnormal")
                            + ": expected " + get(split, label) + ", found " + found.get(split, label));
                }
            }
        }
        return out;
    }

    /** E.g. {@code train 600 normal, test 200 normal + 200 abnormal}. */
    @Override
    public String toString() {
        return "train " + trainNormal + " normal" + (trainAbnormal > 0 ? " + " + trainAbnormal + " abnormal" : "")
                + ", test " + testNormal + " normal + " + testAbnormal + " abnormal";
    }
}
