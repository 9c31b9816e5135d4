package org.msde4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PigeonholeBootstrapTest {

    /** AUROC of N(1, 1) anomaly scores against N(0, 1) normal scores: Φ(1/√2). */
    private static final double TRUE_AUROC = 0.7602499389065233;

    /**
     * The interval must be honest for the mean AUROC over repeated prevalence subsets: drawn
     * anew for many pools of known AUROC, it covers the truth at about the nominal rate, and it is
     * not much wider than the estimator's actual spread. Pools of 200 normals and 100 anomalies,
     * 10 repeats: prevalence 0.01 draws 2 anomalies per repeat, 0.05 draws 11, 0.5 draws 100
     * normals. (Pooling the per-repeat bootstrap replicates, as an earlier version did, gave
     * intervals 3.1, 2.7 and 1.3 times that spread.) Tagged {@code statistical}: half a minute of
     * simulation, left out of mutation testing (docs/testing.md).
     */
    @Tag("statistical")
    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.05, 0.5})
    void coversTheTrueAurocOfPoolsWithoutBeingTooWide(double prevalence) {
        int pools = 150;
        int covered = 0;
        double widthSum = 0;
        double[] estimates = new double[pools];
        for (int k = 0; k < pools; k++) {
            Random rnd = new Random(1000 + k);
            int[] labels = new int[300];
            Arrays.fill(labels, 200, 300, 1);
            double[] scores = IntStream.range(0, 300).mapToDouble(i -> rnd.nextGaussian() + labels[i]).toArray();
            List<PigeonholeBootstrap.Repeat> repeats = new ArrayList<>();
            for (int r = 0; r < 10; r++) {
                int[] subset = DeploymentStudy.sampleAtPrevalence(labels, prevalence, new Random(k * 100L + r));
                repeats.add(new PigeonholeBootstrap.Repeat(subset, Arrays.stream(subset).mapToDouble(i -> scores[i]).toArray()));
            }
            Interval i = PigeonholeBootstrap.meanOverRepeats(repeats, labels, Metrics::auroc, 200, 0.95, k);
            estimates[k] = i.estimate();
            covered += i.lower() <= TRUE_AUROC && TRUE_AUROC <= i.upper() ? 1 : 0;
            widthSum += i.upper() - i.lower();
        }
        double mean = Arrays.stream(estimates).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(estimates).map(e -> (e - mean) * (e - mean)).sum() / (pools - 1));
        double coverage = covered / (double) pools;
        double widthRatio = widthSum / pools / (2 * 1.96 * sd);
        assertTrue(coverage >= 0.90, "coverage " + coverage);
        assertTrue(widthRatio < 1.6, "mean width / (2·1.96·sd of the estimates) = " + widthRatio);
        assertEquals(TRUE_AUROC, mean, 0.01, "the mean over repeats estimates the whole-pool AUROC");
    }

    @Test
    void oneRepeatOfTheWholePoolIsTheMetricWithAReproducibleInterval() {
        Random rnd = new Random(5);
        int[] labels = new int[80];
        Arrays.fill(labels, 50, 80, 1);
        double[] scores = IntStream.range(0, 80).mapToDouble(i -> rnd.nextGaussian() + 0.8 * labels[i]).toArray();
        List<PigeonholeBootstrap.Repeat> whole = List.of(new PigeonholeBootstrap.Repeat(
                IntStream.range(0, 80).toArray(), scores));
        Interval a = PigeonholeBootstrap.meanOverRepeats(whole, labels, Metrics::auroc, 500, 0.95, 3);
        assertEquals(Metrics.auroc(scores, labels), a.estimate(), 0.0);
        assertTrue(a.lower() < a.estimate() && a.estimate() < a.upper(), a.toString());
        assertEquals(a, PigeonholeBootstrap.meanOverRepeats(whole, labels, Metrics::auroc, 500, 0.95, 3), "same seed");
        assertNotEquals(a, PigeonholeBootstrap.meanOverRepeats(whole, labels, Metrics::auroc, 500, 0.95, 4), "other seed");
        Interval stratified = Bootstrap.percentile(scores, labels, Metrics::auroc, 2000, 0.95, 3);
        assertEquals(stratified.lower(), a.lower(), 0.03, "the same resampling as the stratified bootstrap");
        assertEquals(stratified.upper(), a.upper(), 0.03, "the same resampling as the stratified bootstrap");
    }

    @Test
    void theSameSeedResamplesTheSameImagesWhateverTheRepeats() {
        Random rnd = new Random(8);
        int[] labels = new int[60];
        Arrays.fill(labels, 40, 60, 1);
        double[] scores = IntStream.range(0, 60).mapToDouble(i -> rnd.nextGaussian() + labels[i]).toArray();
        PigeonholeBootstrap.Repeat whole = new PigeonholeBootstrap.Repeat(IntStream.range(0, 60).toArray(), scores);
        double[] once = PigeonholeBootstrap.replicates(List.of(whole), labels, Metrics::auroc, 100, 9);
        double[] thrice = PigeonholeBootstrap.replicates(List.of(whole, whole, whole), labels, Metrics::auroc, 100, 9);
        assertArrayEquals(once, thrice, 1e-12, "three copies of one repeat, resampled on the same images");
        Interval same = PigeonholeBootstrap.percentile(0, subtract(thrice, once), 0.95);
        assertEquals(0, same.lower(), 1e-12);
        assertEquals(0, same.upper(), 1e-12);
    }

    private static double[] subtract(double[] a, double[] b) {
        return IntStream.range(0, a.length).mapToDouble(i -> a[i] - b[i]).toArray();
    }

    @Test
    void repeatsLeftWithoutAnAnomalyAreSkipped() {
        int[] labels = new int[60];
        Arrays.fill(labels, 40, 60, 1);
        // Each repeat scores the 40 normals and one anomaly; that anomaly is often not redrawn.
        List<PigeonholeBootstrap.Repeat> repeats = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            double anomalyScore = 0.5 + r / 4.0;
            int[] members = IntStream.concat(IntStream.range(0, 40), IntStream.of(40 + r)).toArray();
            double[] scores = Arrays.stream(members).mapToDouble(i -> i < 40 ? i / 40.0 : anomalyScore).toArray();
            repeats.add(new PigeonholeBootstrap.Repeat(members, scores));
        }
        Interval i = PigeonholeBootstrap.meanOverRepeats(repeats, labels, Metrics::auroc, 300, 0.95, 1);
        assertTrue(i.lower() >= 0 && i.upper() <= 1 && i.lower() < i.upper(), i.toString());
    }

    /**
     * Repeat B scores only normals, so it has no AUROC in any replicate. A replicate draws two repeats;
     * skipping B's NaN leaves the metric of the drawn copies of A, which is A's replicate on the same
     * images (the images' multiplicities depend on the seed only), and NaN only when both draws are B:
     * probability ¼, about 100 of 400 replicates (standard deviation 8.7). Without the skip, every
     * replicate that drew B at all (¾) would be NaN.
     */
    @Test
    void aRepeatWithoutAnAnomalyIsLeftOutOfTheReplicatesMean() {
        Random rnd = new Random(12);
        int[] labels = new int[60];
        Arrays.fill(labels, 40, 60, 1);
        double[] scores = IntStream.range(0, 60).mapToDouble(i -> rnd.nextGaussian() + labels[i]).toArray();
        PigeonholeBootstrap.Repeat a = new PigeonholeBootstrap.Repeat(IntStream.range(0, 60).toArray(), scores);
        PigeonholeBootstrap.Repeat b = new PigeonholeBootstrap.Repeat(IntStream.range(0, 40).toArray(),
                Arrays.copyOf(scores, 40));
        double[] alone = PigeonholeBootstrap.replicates(List.of(a), labels, Metrics::auroc, 400, 11);
        double[] mixed = PigeonholeBootstrap.replicates(List.of(a, b), labels, Metrics::auroc, 400, 11);
        int undefined = 0;
        for (int r = 0; r < mixed.length; r++) {
            if (Double.isNaN(mixed[r])) {
                undefined++;
            } else {
                assertEquals(alone[r], mixed[r], 1e-12, "replicate " + r + " is A's alone");
            }
        }
        assertTrue(undefined > 60 && undefined < 140, undefined + " of 400 replicates drew B twice");
        Interval withB = PigeonholeBootstrap.percentile(0.7, mixed, 0.95);
        assertTrue(withB.lower() < withB.upper() && !Double.isNaN(withB.lower()), "NaN replicates are left out: " + withB);
    }

    /** A percentile interval of replicates that are all NaN has NaN bounds, and the estimate as given. */
    @Test
    void anIntervalWithoutDefinedReplicatesHasNaNBounds() {
        Interval i = PigeonholeBootstrap.percentile(0.8, new double[] {Double.NaN, Double.NaN}, 0.9);
        assertEquals(0.8, i.estimate(), 0);
        assertTrue(Double.isNaN(i.lower()) && Double.isNaN(i.upper()), i.toString());
    }

    @Test
    void badArgumentsAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PigeonholeBootstrap.Repeat(new int[2],
                new double[3])).getMessage().contains("2 members but 3 scores"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PigeonholeBootstrap.meanOverRepeats(List.of(),
                new int[] {0, 1}, Metrics::auroc, 10, 0.95, 1)).getMessage().contains("at least one repeat"));
    }
}
