package org.msde4j.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.msde4j.detect.GdeBaseline;
import org.msde4j.detect.KnnDistanceBaseline;
import org.msde4j.detect.MsdeDetector;
import org.msde4j.detect.MsdeModel;
import org.msde4j.detect.ScoringMode;
import org.msde4j.math.Matrices;
import org.msde4j.math.Quantiles;
import org.msde4j.math.Sampling;

/**
 * How much of MSDE's gain survives deployment: AUROC and AP when anomalies are rare (prevalence)
 * and when test images arrive in small independent batches (batch size), for transductive MSDE,
 * inductive MSDE and the baselines, all fitted once on the same training rows.
 *
 * <p><b>Prevalence p.</b> A test subset keeps every normal row and draws round(p·N/(1−p)) anomalies
 * at random (at least one); when there are not enough anomalies it keeps them all and draws
 * round(A·(1−p)/p) normals instead. <b>Batch size B.</b> Transductive MSDE scores the test rows in
 * independent batches of B ({@link MsdeModel#scoreInBatches}); the other methods score each row on
 * its own, so their numbers do not depend on B.
 *
 * <p>Each setting is repeated with seeds seed, seed+1, …; the estimate is the mean over repeats, and
 * the 95 % interval is the percentile interval of the bootstrap replicates pooled over repeats
 * (so it covers both the subsampling and the finite test set).
 */
public final class DeploymentStudy {

    private static final int MIN_REPLICATES_PER_REPEAT = 200;

    private DeploymentStudy() {
    }

    /**
     * One setting of one method.
     *
     * @param setting   "prevalence" or "batch size"
     * @param value     the prevalence or batch size
     * @param testRows  rows scored per repeat
     * @param anomalies anomalies per repeat
     */
    public record Row(String dataset, String setting, double value, Method method, Interval auroc, Interval ap,
                      int repeats, int testRows, int anomalies) {
    }

    /** Indices (ascending) of a test subset with anomaly fraction {@code prevalence} (see class comment). */
    public static int[] sampleAtPrevalence(int[] labels, double prevalence, Random rnd) {
        if (!(prevalence > 0 && prevalence < 1)) {
            throw new IllegalArgumentException("option prevalence must be in (0, 1), got " + prevalence + ".");
        }
        int[] normals = IntStream.range(0, labels.length).filter(i -> labels[i] == 0).toArray();
        int[] anomalies = IntStream.range(0, labels.length).filter(i -> labels[i] == 1).toArray();
        if (normals.length == 0 || anomalies.length == 0) {
            throw new IllegalArgumentException("a prevalence study needs normal and anomalous test rows; got "
                    + normals.length + " normals and " + anomalies.length + " anomalies.");
        }
        int wantAnomalies = Math.max(1, (int) Math.round(prevalence * normals.length / (1 - prevalence)));
        int[] keepNormals = normals;
        int[] keepAnomalies;
        if (wantAnomalies <= anomalies.length) {
            keepAnomalies = Sampling.withoutReplacement(anomalies, wantAnomalies, rnd);
        } else {
            keepAnomalies = anomalies;
            keepNormals = Sampling.withoutReplacement(normals, Math.max(1, (int) Math.round(anomalies.length * (1 - prevalence) / prevalence)), rnd);
        }
        int[] out = IntStream.concat(Arrays.stream(keepNormals), Arrays.stream(keepAnomalies)).toArray();
        Arrays.sort(out);
        return out;
    }

    /** AUROC/AP against prevalence. */
    public static List<Row> prevalence(String dataset, double[][] train, double[][] test, int[] labels,
                                       double[] prevalences, int repeats, Evaluation.Settings settings) {
        Fitted f = Fitted.of(train, test, settings);
        List<Row> rows = new ArrayList<>();
        for (double p : prevalences) {
            int[][] subsets = new int[repeats][];
            for (int r = 0; r < repeats; r++) {
                subsets[r] = sampleAtPrevalence(labels, p, new Random(settings.seed() + r));
            }
            for (Method m : settings.methods()) {
                IntFunction<double[]> scores = r -> m == Method.MSDE_TRANSDUCTIVE
                        ? f.model.score(Matrices.rows(test, subsets[r]), ScoringMode.TRANSDUCTIVE).scores()
                        : pick(f.fixed.get(m), subsets[r]);
                rows.add(aggregate(dataset, "prevalence", p, m, repeats, scores, r -> pick(labels, subsets[r]), settings));
            }
        }
        return rows;
    }

    /** AUROC/AP against the size of the independent transductive batches. */
    public static List<Row> batchSize(String dataset, double[][] train, double[][] test, int[] labels, int[] sizes,
                                      int repeats, Evaluation.Settings settings) {
        Fitted f = Fitted.of(train, test, settings);
        List<Row> rows = new ArrayList<>();
        for (int b : sizes) {
            for (Method m : settings.methods()) {
                IntFunction<double[]> scores = r -> m == Method.MSDE_TRANSDUCTIVE
                        ? f.model.scoreInBatches(test, b, settings.seed() + r) : f.fixed.get(m);
                int reps = m == Method.MSDE_TRANSDUCTIVE && b < test.length ? repeats : 1;
                rows.add(aggregate(dataset, "batch size", b, m, reps, scores, r -> labels, settings));
            }
        }
        return rows;
    }

    private static Row aggregate(String dataset, String setting, double value, Method m, int repeats,
                                 IntFunction<double[]> scoresOf, IntFunction<int[]> labelsOf, Evaluation.Settings s) {
        int per = Math.max(MIN_REPLICATES_PER_REPEAT, s.replicates() / repeats);
        double[] aurocs = new double[repeats];
        double[] aps = new double[repeats];
        double[] pooledAuroc = new double[per * repeats];
        double[] pooledAp = new double[per * repeats];
        int testRows = 0;
        int anomalies = 0;
        for (int r = 0; r < repeats; r++) {
            double[] scores = scoresOf.apply(r);
            int[] labels = labelsOf.apply(r);
            aurocs[r] = Metrics.auroc(scores, labels);
            aps[r] = Metrics.averagePrecision(scores, labels);
            System.arraycopy(Bootstrap.replicates(scores, labels, Metrics::auroc, per, new Random(s.seed() + r)), 0,
                    pooledAuroc, r * per, per);
            System.arraycopy(Bootstrap.replicates(scores, labels, Metrics::averagePrecision, per, new Random(s.seed() + r)),
                    0, pooledAp, r * per, per);
            testRows = labels.length;
            anomalies = Arrays.stream(labels).sum();
        }
        return new Row(dataset, setting, value, m, interval(aurocs, pooledAuroc), interval(aps, pooledAp), repeats,
                testRows, anomalies);
    }

    private static Interval interval(double[] estimates, double[] pooled) {
        Arrays.sort(pooled);
        return new Interval(Arrays.stream(estimates).average().orElse(Double.NaN), Quantiles.ofSorted(pooled, 0.025),
                Quantiles.ofSorted(pooled, 0.975), 0.95);
    }

    private static double[] pick(double[] values, int[] idx) {
        return Arrays.stream(idx).mapToDouble(i -> values[i]).toArray();
    }

    private static int[] pick(int[] values, int[] idx) {
        return Arrays.stream(idx).map(i -> values[i]).toArray();
    }

    /** The fitted MSDE model and the per-row scores of the methods that score rows independently. */
    private record Fitted(MsdeModel model, Map<Method, double[]> fixed) {
        static Fitted of(double[][] train, double[][] test, Evaluation.Settings s) {
            MsdeModel model = MsdeDetector.fit(train, s.detector());
            Map<Method, double[]> fixed = new EnumMap<>(Method.class);
            for (Method m : s.methods()) {
                switch (m) {
                    case MSDE_INDUCTIVE -> fixed.put(m, model.score(test, ScoringMode.INDUCTIVE).scores());
                    case GDE -> fixed.put(m, GdeBaseline.fit(train, s.detector()).score(test));
                    case KNN -> fixed.put(m, KnnDistanceBaseline.fit(train, s.knnK()).score(test));
                    case MSDE_TRANSDUCTIVE -> { }
                }
            }
            return new Fitted(model, fixed);
        }
    }
}
