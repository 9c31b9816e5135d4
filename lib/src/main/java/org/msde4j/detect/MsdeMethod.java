package org.msde4j.detect;

import java.util.List;
import java.util.Objects;
import org.msde4j.knn.ExactKnn;

/**
 * MSDE as a {@link Detector} of one scoring protocol: {@link ScoringMode#TRANSDUCTIVE} (the batch is
 * shifted with the training rows; {@link Scorer#joint()}) or {@link ScoringMode#INDUCTIVE}.
 * {@link #both} gives the two protocols sharing one fit per training set, as a results table
 * compares them.
 */
public final class MsdeMethod implements Detector {

    private final ScoringMode mode;
    private final SharedFit fits;

    private MsdeMethod(ScoringMode mode, SharedFit fits) {
        this.mode = mode;
        this.fits = fits;
    }

    /** MSDE scored by {@code mode}, fitted with {@code options}, searching neighbours with {@code knn}. */
    public static MsdeMethod of(ScoringMode mode, DetectorOptions options, ExactKnn knn) {
        return new MsdeMethod(Objects.requireNonNull(mode, "mode"), new SharedFit(options, knn));
    }

    /** Transductive and inductive MSDE, in that order, fitting once for both on the same training array. */
    public static List<MsdeMethod> both(DetectorOptions options, ExactKnn knn) {
        SharedFit fits = new SharedFit(options, knn);
        return List.of(new MsdeMethod(ScoringMode.TRANSDUCTIVE, fits), new MsdeMethod(ScoringMode.INDUCTIVE, fits));
    }

    @Override
    public String name() {
        return "MSDE_" + mode.name();
    }

    @Override
    public String label() {
        return mode.label();
    }

    /** The fitted model's scorer of this protocol ({@link MsdeModel#scorer}). */
    @Override
    public MsdeScorer fit(double[][] normals) {
        return fits.model(normals).scorer(mode);
    }

    /** The last fit, kept for the next call on the same array (by identity): the two protocols share it. */
    private static final class SharedFit {
        private final DetectorOptions options;
        private final ExactKnn knn;
        private double[][] rows;
        private MsdeModel model;

        SharedFit(DetectorOptions options, ExactKnn knn) {
            this.options = Objects.requireNonNull(options, "options");
            this.knn = Objects.requireNonNull(knn, "knn");
        }

        synchronized MsdeModel model(double[][] normals) {
            if (normals != rows) {
                model = MsdeDetector.fit(normals, options, knn);
                rows = normals;
            }
            return model;
        }
    }
}
