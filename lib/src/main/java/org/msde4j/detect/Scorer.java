package org.msde4j.detect;

/** Anything fitted that turns raw rows into anomaly scores (higher = more anomalous). */
public interface Scorer {

    /** A short name for tables, e.g. {@code "MSDE (transductive)"}. */
    String name();

    /** Scores each row of {@code test} (raw features, same width as the training rows). */
    double[] score(double[][] test);

    /**
     * True when {@link #score} scores the rows of one call jointly, so that a row's score depends on
     * the other rows (transductive MSDE); false when each row is scored on its own, so that scoring
     * rows one by one or all at once gives the same scores.
     */
    default boolean joint() {
        return false;
    }
}
