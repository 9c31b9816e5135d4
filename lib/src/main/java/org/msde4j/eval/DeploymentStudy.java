package org.msde4j.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.msde4j.detect.GdeBaseline;
import org.msde4j.detect.KnnDistanceBaseline;
import org.msde4j.detect.MsdeDetector;
import org.msde4j.detect.MsdeModel;
import org.msde4j.math.Matrices;
import org.msde4j.math.Sampling;

/**
 * How much of MSDE's gain survives deployment: AUROC and AP when anomalies are rare (prevalence)
 * and when test images arrive in small independent batches (batch size), for transductive MSDE,
 * inductive MSDE and the baselines, all fitted once on the same training rows.
 *
 * <p><b>Prevalence p.</b> A test subset keeps every normal row and draws round(p·N/(1−p)) anomalies
 * at random (at least one); when there are not enough anomalies it keeps them all and draws
 * round(A·(1−p)/p) normals instead. Transductive MSDE shifts each subset together with the training
 * rows; the other methods score each row on its own. <b>Batch size B.</b> Transductive MSDE scores
 * the whole test set in independent batches of B rows in a random order
 * ({@link MsdeModel#scoreInBatches}); the other methods do not depend on B.
 *
 * <p>Repeat r draws with seed + r; all methods see the same subsets, so their differences are
 * paired. The estimate is the mean of the metric over the repeats; its 95 % interval is the
 * {@link PigeonholeBootstrap} over the test images and the repeats. Every method of a setting is
 * resampled on the same images, which gives each method's AUROC gain over GDE (the same PCA +
 * Gaussian without MSDE) a paired interval: how much of MSDE's gain survives. A setting in which no draw is
 * random (B = 1, B ≥ the test set, or a subset that is the whole test set) runs once. For methods
 * whose score of an image does not depend on the other images, the expected AUROC does not depend
 * on the prevalence at all (AUROC averages over pairs of one normal and one anomaly); only its
 * uncertainty grows as anomalies get fewer. AP does depend on it.
 */
public final class DeploymentStudy {

    /** Setting name of the prevalence study. */
    public static final String PREVALENCE = "prevalence";
    /** Setting name of the batch-size study. */
    public static final String BATCH_SIZE = "batch size";

    private DeploymentStudy() {
    }

    /**
     * What to study.
     *
     * @param prevalences anomaly fractions in (0, 1); none for no prevalence study
     * @param batchSizes  sizes ≥ 1 of the independent transductive batches; none for no batch-size study
     * @param repeats     random draws per setting (≥ 1)
     */
    public record Plan(double[] prevalences, int[] batchSizes, int repeats) {

        /** No study. */
        public static final Plan NONE = new Plan(new double[0], new int[0], 1);

        /** Validates every value, naming the option. */
        public Plan {
            for (double p : prevalences) {
                if (!(p > 0 && p < 1)) {
                    throw new IllegalArgumentException("option prevalence: every value must be in (0, 1), got " + p
                            + "; e.g. 0.01,0.05,0.1,0.5.");
                }
            }
            for (int b : batchSizes) {
                if (b < 1) {
                    throw new IllegalArgumentException("option batch-size: every value must be ≥ 1, got " + b + ".");
                }
            }
            if (repeats < 1) {
                throw new IllegalArgumentException("option repeats must be ≥ 1, got " + repeats + ".");
            }
        }

        /** Whether there is nothing to study. */
        public boolean isEmpty() {
            return prevalences.length == 0 && batchSizes.length == 0;
        }
    }

    /**
     * One setting of one method.
     *
     * @param setting   {@link #PREVALENCE} or {@link #BATCH_SIZE}
     * @param value     the prevalence or batch size
     * @param auroc     mean AUROC over the repeats with its pigeonhole-bootstrap interval
     * @param ap        the same for AP
     * @param aurocGain AUROC minus that of GDE (PCA + Gaussian without MSDE) with a paired interval (the
     *                  same resampled images); null when GDE is not among the methods
     * @param repeats   repeats run (1 when no draw is random)
     * @param testRows  rows scored per repeat
     * @param anomalies anomalies per repeat
     */
    public record Row(String dataset, String setting, double value, BuiltInMethod method, Interval auroc, Interval ap,
                      Interval aurocGain, int repeats, int testRows, int anomalies) {
    }

    /** Indices (ascending) of a test subset with anomaly fraction {@code prevalence} (see class comment). */
    public static int[] sampleAtPrevalence(int[] labels, double prevalence, Random rnd) {
        if (!(prevalence > 0 && prevalence < 1)) {
            throw new IllegalArgumentException("option prevalence must be in (0, 1), got " + prevalence + ".");
        }
        int[] normals = indicesOf(labels, 0);
        int[] anomalies = indicesOf(labels, 1);
        if (normals.length == 0 || anomalies.length == 0) {
            throw new IllegalArgumentException("a prevalence study needs normal and anomalous test rows; got "
                    + normals.length + " normals and " + anomalies.length + " anomalies.");
        }
        int[] keepNormals = normals;
        int[] keepAnomalies = anomalies;
        int wantAnomalies = anomaliesAt(normals.length, prevalence);
        if (wantAnomalies <= anomalies.length) {
            keepAnomalies = Sampling.withoutReplacement(anomalies, wantAnomalies, rnd);
        } else {
            keepNormals = Sampling.withoutReplacement(normals, normalsAt(anomalies.length, prevalence), rnd);
        }
        int[] out = IntStream.concat(Arrays.stream(keepNormals), Arrays.stream(keepAnomalies)).toArray();
        Arrays.sort(out);
        return out;
    }

    /**
     * Runs the plan: fits MSDE and the baselines of {@code settings} once, then every setting of
     * every method; prints a line per setting on {@code progress}.
     */
    public static List<Row> run(String dataset, double[][] train, double[][] test, int[] labels, Plan plan,
                                Evaluation.Settings settings, Consumer<String> progress) {
        if (test.length != labels.length) {
            throw new IllegalArgumentException(test.length + " test rows but " + labels.length + " labels.");
        }
        Fitted f = Fitted.of(train, test, settings);
        List<Row> rows = new ArrayList<>();
        for (double p : plan.prevalences()) {
            boolean random = !isWholeSet(labels, p);
            int repeats = random ? plan.repeats() : 1;
            progress.accept(String.format(Locale.ROOT, "%s: prevalence %s, %d repeat(s)", dataset, p, repeats));
            int[][] subsets = new int[repeats][];
            for (int r = 0; r < repeats; r++) {
                subsets[r] = sampleAtPrevalence(labels, p, new Random(settings.seed() + r));
            }
            Map<BuiltInMethod, Measured> measured = new EnumMap<>(BuiltInMethod.class);
            for (BuiltInMethod m : settings.methods()) {
                IntFunction<double[]> scores = r -> m == BuiltInMethod.MSDE_TRANSDUCTIVE
                        ? f.model.scoreTransductive(Matrices.rows(test, subsets[r])).scores()
                        : pick(f.fixed.get(m), subsets[r]);
                measured.put(m, Measured.of(repeats, r -> subsets[r], scores, labels, settings));
            }
            rows.addAll(rows(dataset, PREVALENCE, p, measured, labels));
        }
        int[] all = IntStream.range(0, test.length).toArray();
        for (int b : plan.batchSizes()) {
            Map<BuiltInMethod, Measured> measured = new EnumMap<>(BuiltInMethod.class);
            for (BuiltInMethod m : settings.methods()) {
                boolean random = m == BuiltInMethod.MSDE_TRANSDUCTIVE && b > 1 && b < test.length;
                int repeats = random ? plan.repeats() : 1;
                if (m == BuiltInMethod.MSDE_TRANSDUCTIVE) {
                    progress.accept(String.format(Locale.ROOT, "%s: batch size %d, %d repeat(s) of %d batch(es)", dataset,
                            b, repeats, (test.length + b - 1) / b));
                }
                IntFunction<double[]> scores = r -> m == BuiltInMethod.MSDE_TRANSDUCTIVE
                        ? f.model.scoreInBatches(test, b, settings.seed() + r) : f.fixed.get(m);
                measured.put(m, Measured.of(repeats, r -> all, scores, labels, settings));
            }
            rows.addAll(rows(dataset, BATCH_SIZE, b, measured, labels));
        }
        return rows;
    }

    /** The rows of one setting; every method's replicates share the resampled images, so gains are paired. */
    private static List<Row> rows(String dataset, String setting, double value, Map<BuiltInMethod, Measured> measured,
                                  int[] labels) {
        Measured reference = measured.get(BuiltInMethod.GDE);
        List<Row> out = new ArrayList<>();
        measured.forEach((m, x) -> {
            int[] first = x.repeats().get(0).members();
            out.add(new Row(dataset, setting, value, m, x.auroc(), x.ap(), reference == null ? null : x.gainOver(reference),
                    x.repeats().size(), first.length, Arrays.stream(first).map(i -> labels[i]).sum()));
        });
        return out;
    }

    /** One method in one setting: its scored repeats and the bootstrap replicates of its mean AUROC and AP. */
    private record Measured(List<PigeonholeBootstrap.Repeat> repeats, double aurocMean, double[] aurocReplicates,
                            double apMean, double[] apReplicates) {

        private static final double LEVEL = 0.95;

        static Measured of(int repeats, IntFunction<int[]> members, IntFunction<double[]> scoresOf, int[] labels,
                           Evaluation.Settings s) {
            List<PigeonholeBootstrap.Repeat> scored = IntStream.range(0, repeats)
                    .mapToObj(r -> new PigeonholeBootstrap.Repeat(members.apply(r), scoresOf.apply(r))).toList();
            return new Measured(scored, PigeonholeBootstrap.mean(scored, labels, Metrics::auroc),
                    PigeonholeBootstrap.replicates(scored, labels, Metrics::auroc, s.replicates(), s.seed()),
                    PigeonholeBootstrap.mean(scored, labels, Metrics::averagePrecision),
                    PigeonholeBootstrap.replicates(scored, labels, Metrics::averagePrecision, s.replicates(), s.seed()));
        }

        Interval auroc() {
            return PigeonholeBootstrap.percentile(aurocMean, aurocReplicates, LEVEL);
        }

        Interval ap() {
            return PigeonholeBootstrap.percentile(apMean, apReplicates, LEVEL);
        }

        /** This AUROC minus the reference's, replicate by replicate (NaN where either is undefined). */
        Interval gainOver(Measured reference) {
            double[] d = new double[aurocReplicates.length];
            for (int b = 0; b < d.length; b++) {
                d[b] = aurocReplicates[b] - reference.aurocReplicates[b];
            }
            return PigeonholeBootstrap.percentile(aurocMean - reference.aurocMean, d, LEVEL);
        }
    }

    /** Whether the subset at prevalence p is the whole test set, so that nothing is drawn. */
    private static boolean isWholeSet(int[] labels, double p) {
        int normals = indicesOf(labels, 0).length;
        int anomalies = labels.length - normals;
        int want = anomaliesAt(normals, p);
        return want == anomalies || (want > anomalies && normalsAt(anomalies, p) >= normals);
    }

    private static int anomaliesAt(int normals, double p) {
        return Math.max(1, (int) Math.round(p * normals / (1 - p)));
    }

    private static int normalsAt(int anomalies, double p) {
        return Math.max(1, (int) Math.round(anomalies * (1 - p) / p));
    }

    private static int[] indicesOf(int[] labels, int value) {
        return IntStream.range(0, labels.length).filter(i -> labels[i] == value).toArray();
    }

    private static double[] pick(double[] values, int[] idx) {
        return Arrays.stream(idx).mapToDouble(i -> values[i]).toArray();
    }

    /** The fitted MSDE model and the per-row scores of the methods that score rows independently. */
    private record Fitted(MsdeModel model, Map<BuiltInMethod, double[]> fixed) {
        static Fitted of(double[][] train, double[][] test, Evaluation.Settings s) {
            MsdeModel model = MsdeDetector.fit(train, s.detector());
            Map<BuiltInMethod, double[]> fixed = new EnumMap<>(BuiltInMethod.class);
            for (BuiltInMethod m : s.methods()) {
                switch (m) {
                    case MSDE_INDUCTIVE -> fixed.put(m, model.score(test));
                    case GDE -> fixed.put(m, GdeBaseline.fit(train, s.detector()).score(test));
                    case KNN -> fixed.put(m, KnnDistanceBaseline.fit(train, s.knnK()).score(test));
                    case MSDE_TRANSDUCTIVE -> { }
                }
            }
            return new Fitted(model, fixed);
        }
    }
}
