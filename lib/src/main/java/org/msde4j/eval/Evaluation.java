package org.msde4j.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.msde4j.detect.Detector;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.detect.FitSummary;
import org.msde4j.detect.GdeBaseline;
import org.msde4j.detect.KnnDistanceBaseline;
import org.msde4j.detect.MsdeMethod;
import org.msde4j.detect.MsdeScorer;
import org.msde4j.detect.OneClassSvmBaseline;
import org.msde4j.detect.Scorer;
import org.msde4j.detect.ShiftDiagnostics;
import org.msde4j.knn.ExactKnn;

/**
 * Fits each detector on the training rows of one dataset and scores its test rows: the numbers of a
 * results table. The built-in methods of {@link Settings#methods()} come first (MSDE's two protocols
 * share one fit, whose time each reports), then the extra detectors. A joint scorer ({@link Scorer#joint()},
 * transductive MSDE) scores the test rows as one batch, as every scorer here does. Confidence
 * intervals are stratified percentile bootstraps ({@link Bootstrap}) with the given seed.
 */
public final class Evaluation {

    private Evaluation() {
    }

    /**
     * Settings of an evaluation.
     *
     * @param extra detectors run after the built-in {@code methods}, e.g. {@link OneClassSvmBaseline#detector()}
     */
    public record Settings(DetectorOptions detector, Set<BuiltInMethod> methods, int knnK, int replicates, long seed,
                           List<Detector> extra) {

        /** Validates the settings before any work, naming the option. */
        public Settings {
            if (detector == null || methods == null || extra == null || methods.isEmpty() && extra.isEmpty()) {
                throw new IllegalArgumentException("an evaluation needs detector options and at least one method.");
            }
            if (knnK < 1) {
                throw new IllegalArgumentException("option knn-k must be ≥ 1, got " + knnK + ".");
            }
            if (replicates < 1) {
                throw new IllegalArgumentException("option bootstrap (replicates) must be ≥ 1, got " + replicates + ".");
            }
            extra = List.copyOf(extra);
        }

        /** Settings of the built-in {@code methods} only. */
        public Settings(DetectorOptions detector, Set<BuiltInMethod> methods, int knnK, int replicates, long seed) {
            this(detector, methods, knnK, replicates, seed, List.of());
        }

        /** The image-level methods, the detector's defaults, kNN k = 5, 1000 bootstrap replicates, seed 42. */
        public static Settings defaults() {
            return new Settings(DetectorOptions.defaults(), BuiltInMethod.global(), KnnDistanceBaseline.DEFAULT_K,
                    Bootstrap.DEFAULT_REPLICATES, 42);
        }

        public Settings withDetector(DetectorOptions value) {
            return new Settings(value, methods, knnK, replicates, seed, extra);
        }

        public Settings withMethods(Set<BuiltInMethod> value) {
            return new Settings(detector, value, knnK, replicates, seed, extra);
        }

        /** The same settings with {@code value} as the extra detectors. */
        public Settings withExtra(List<Detector> value) {
            return new Settings(detector, methods, knnK, replicates, seed, value);
        }

        /**
         * The detectors these settings run, each with the name its results carry: the built-in
         * {@link #methods()} in {@link BuiltInMethod}'s order, searching neighbours with {@code knn}, then {@link #extra()}.
         */
        public Map<MethodName, Detector> detectors(ExactKnn knn) {
            Map<MethodName, Detector> out = new LinkedHashMap<>();
            List<MsdeMethod> msde = MsdeMethod.both(detector, knn);
            for (BuiltInMethod m : BuiltInMethod.global()) {
                if (methods.contains(m)) {
                    out.put(m, switch (m) {
                        case MSDE_TRANSDUCTIVE -> msde.get(0);
                        case MSDE_INDUCTIVE -> msde.get(1);
                        case GDE -> GdeBaseline.detector(detector);
                        case KNN -> KnnDistanceBaseline.detector(knnK, knn);
                        default -> throw new IllegalStateException("not an image-level method: " + m);
                    });
                }
            }
            extra.forEach(d -> out.put(MethodName.of(d), d));
            return out;
        }
    }

    /**
     * The extra baselines named by an option's values (msde-eval's {@code --extra-baselines}):
     * {@code ocsvm} ({@link OneClassSvmBaseline}) or {@code none}; empty for none.
     *
     * @throws IllegalArgumentException for another name, naming {@code option} and the names it takes
     */
    public static List<Detector> extraBaselines(List<String> names, String option) {
        List<Detector> out = new ArrayList<>();
        for (String name : names) {
            switch (name.strip().toLowerCase(Locale.ROOT)) {
                case "ocsvm" -> out.add(OneClassSvmBaseline.detector());
                case "none" -> { }
                default -> throw new IllegalArgumentException("option " + option + ": \"" + name
                        + "\" is not an extra baseline; use ocsvm (one-class SVM) or none.");
            }
        }
        return out;
    }

    /** Runs every detector of {@code settings} on one dataset. */
    public static List<MethodResult> run(String dataset, double[][] train, double[][] test, int[] labels,
                                         Settings settings) {
        List<MethodResult> out = new ArrayList<>();
        settings.detectors(ExactKnn.withFastestBackend())
                .forEach((name, detector) -> out.add(run(dataset, name, detector, train, test, labels, settings)));
        return out;
    }

    /** Fits one detector, scores the test rows, and measures the scores. */
    private static MethodResult run(String dataset, MethodName name, Detector detector, double[][] train,
                                    double[][] test, int[] labels, Settings settings) {
        Timed<Scorer> fit = Timed.of(() -> detector.fit(train));
        if (fit.value() instanceof MsdeScorer msde) {
            Timed<ShiftDiagnostics> s = Timed.of(() -> msde.diagnose(test));
            ShiftView view = new ShiftView(msde.model().standardizer().transform(test), s.value().positions());
            FitSummary summary = msde.model().summary();   // the fit's own time: the protocols share one fit
            return result(dataset, name, s.value().scores(), labels, train.length, summary.seconds(), s.seconds(),
                    settings, view, summary.warnings());
        }
        Timed<double[]> s = Timed.of(() -> fit.value().score(test));
        return result(dataset, name, s.value(), labels, train.length, fit.seconds(), s.seconds(), settings, null,
                List.of());
    }

    private static MethodResult result(String dataset, MethodName method, double[] scores, int[] labels, int trainRows,
                                       double fitSeconds, double scoreSeconds, Settings settings, ShiftView shift,
                                       List<String> warnings) {
        Interval auroc = Bootstrap.percentile(scores, labels, Metrics::auroc, settings.replicates(), 0.95, settings.seed());
        Interval ap = Bootstrap.percentile(scores, labels, Metrics::averagePrecision, settings.replicates(), 0.95,
                settings.seed());
        return new MethodResult(dataset, method, scores, labels, auroc, ap, trainRows, fitSeconds, scoreSeconds, shift,
                warnings);
    }

    /** A value and the seconds it took. */
    record Timed<T>(T value, double seconds) {
        static <T> Timed<T> of(Supplier<T> work) {
            long t0 = System.nanoTime();
            T v = work.get();
            return new Timed<>(v, (System.nanoTime() - t0) / 1e9);
        }
    }
}
