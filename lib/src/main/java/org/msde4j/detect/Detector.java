package org.msde4j.detect;

import java.util.Objects;
import java.util.function.Function;

/**
 * A method that learns what normal rows look like: {@link #fit} on normal rows (n × d raw features)
 * gives a {@link Scorer} of new rows. {@code Evaluation}, and so msde-eval's tables, loop over
 * detectors; the built-in ones are MSDE in its two protocols ({@link MsdeMethod}), GDE, the kNN
 * distance and the one-class SVM.
 *
 * <pre>{@code
 * Detector knn = Detector.of("KNN3", "kNN distance, k = 3", normals -> KnnDistanceBaseline.fit(normals, 3));
 * double[] scores = knn.fit(train).score(test);
 * }</pre>
 */
public interface Detector {

    /** A stable key for result files (summary.json's {@code method}), e.g. {@code "KNN"}. */
    String name();

    /** A human-readable name for tables and plots, e.g. {@code "kNN distance"}. */
    String label();

    /** Fits on normal rows only; fails, naming the method, when there are too few of them. */
    Scorer fit(double[][] normals);

    /** A detector from its key, its label and its fit, e.g. {@code Detector.of("GDE", "GDE", r -> GdeBaseline.fit(r, o))}. */
    static Detector of(String name, String label, Function<double[][], ? extends Scorer> fit) {
        return new Named(Objects.requireNonNull(name, "name"), Objects.requireNonNull(label, "label"),
                Objects.requireNonNull(fit, "fit"));
    }

    /** The detector of {@link #of}. */
    record Named(String name, String label, Function<double[][], ? extends Scorer> fitting) implements Detector {
        @Override
        public Scorer fit(double[][] normals) {
            return fitting.apply(normals);
        }
    }
}
