package org.msde4j.detect;

/** Anything fitted that turns raw rows into anomaly scores (higher = more anomalous). */
public interface Scorer {

    /** A short name for tables, e.g. {@code "MSDE (transductive)"}. */
    String name();

    /** Scores each row of {@code test} (raw features, same width as the training rows). */
    double[] score(double[][] test);
}
