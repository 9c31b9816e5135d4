package org.msde4j.eval;

import org.msde4j.detect.Detector;

/**
 * How results name a method: a stable key (summary.json's {@code method}), a label for tables and
 * plots, and whether it works on patch embeddings. The built-in methods are {@link BuiltInMethod}'s
 * constants; any other {@link Detector} is named by {@link #of}.
 */
public interface MethodName {

    /** The stable key, e.g. {@code "KNN"}. */
    String name();

    /** The human-readable name, e.g. {@code "kNN distance"}. */
    String label();

    /** True for the methods on patch embeddings, which give anomaly maps. */
    boolean local();

    /** The name of an image-level detector. */
    static MethodName of(Detector detector) {
        return new Of(detector.name(), detector.label());
    }

    /** The name of {@link #of}. */
    record Of(String name, String label) implements MethodName {
        @Override
        public boolean local() {
            return false;
        }
    }
}
