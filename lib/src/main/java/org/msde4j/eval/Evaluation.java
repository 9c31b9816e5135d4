package org.msde4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.detect.GdeBaseline;
import org.msde4j.detect.KnnDistanceBaseline;
import org.msde4j.detect.MsdeDetector;
import org.msde4j.detect.MsdeModel;
import org.msde4j.detect.ShiftDiagnostics;

/**
 * Fits each method on the training rows of one dataset and scores its test rows: the numbers of a
 * results table. MSDE's two modes share one fit. Confidence intervals are stratified percentile
 * bootstraps ({@link Bootstrap}) with the given seed.
 */
public final class Evaluation {

    private Evaluation() {
    }

    /** Settings of an evaluation. */
    public record Settings(DetectorOptions detector, Set<Method> methods, int knnK, int replicates, long seed) {

        /** Validates the settings before any work, naming the option. */
        public Settings {
            if (detector == null || methods == null || methods.isEmpty()) {
                throw new IllegalArgumentException("an evaluation needs detector options and at least one method.");
            }
            if (knnK < 1) {
                throw new IllegalArgumentException("option knn-k must be ≥ 1, got " + knnK + ".");
            }
            if (replicates < 1) {
                throw new IllegalArgumentException("option bootstrap (replicates) must be ≥ 1, got " + replicates + ".");
            }
        }

        /** The image-level methods, the detector's defaults, kNN k = 5, 1000 bootstrap replicates, seed 42. */
        public static Settings defaults() {
            return new Settings(DetectorOptions.defaults(), Method.global(), KnnDistanceBaseline.DEFAULT_K,
                    Bootstrap.DEFAULT_REPLICATES, 42);
        }

        public Settings withDetector(DetectorOptions value) {
            return new Settings(value, methods, knnK, replicates, seed);
        }

        public Settings withMethods(Set<Method> value) {
            return new Settings(detector, value, knnK, replicates, seed);
        }
    }

    /** Runs every method of {@code settings} on one dataset. */
    public static List<MethodResult> run(String dataset, double[][] train, double[][] test, int[] labels,
                                         Settings settings) {
        List<MethodResult> out = new ArrayList<>();
        Set<Method> m = settings.methods();
        if (m.contains(Method.MSDE_TRANSDUCTIVE) || m.contains(Method.MSDE_INDUCTIVE)) {
            Timed<MsdeModel> fit = Timed.of(() -> MsdeDetector.fit(train, settings.detector()));
            for (Method method : new Method[] {Method.MSDE_TRANSDUCTIVE, Method.MSDE_INDUCTIVE}) {
                if (m.contains(method)) {
                    Timed<ShiftDiagnostics> s = Timed.of(() -> method == Method.MSDE_TRANSDUCTIVE
                            ? fit.value().diagnoseTransductive(test) : fit.value().diagnose(test));
                    ShiftView view = new ShiftView(fit.value().standardizer().transform(test), s.value().positions());
                    out.add(result(dataset, method, s.value().scores(), labels, train.length, fit.seconds(), s.seconds(),
                            settings, view, fit.value().summary().warnings()));
                }
            }
        }
        if (m.contains(Method.GDE)) {
            Timed<GdeBaseline> fit = Timed.of(() -> GdeBaseline.fit(train, settings.detector()));
            Timed<double[]> s = Timed.of(() -> fit.value().score(test));
            out.add(result(dataset, Method.GDE, s.value(), labels, train.length, fit.seconds(), s.seconds(), settings, null,
                    List.of()));
        }
        if (m.contains(Method.KNN)) {
            Timed<KnnDistanceBaseline> fit = Timed.of(() -> KnnDistanceBaseline.fit(train, settings.knnK()));
            Timed<double[]> s = Timed.of(() -> fit.value().score(test));
            out.add(result(dataset, Method.KNN, s.value(), labels, train.length, fit.seconds(), s.seconds(), settings, null,
                    List.of()));
        }
        return out;
    }

    private static MethodResult result(String dataset, Method method, double[] scores, int[] labels, int trainRows,
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
