package org.msde4j.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.msde4j.math.Matrices;

class ExactKnnTest {

    /** Brute force: all distances in double, sorted by (distance, index), self first. */
    static int[] bruteForce(double[][] q, double[][] ref, int row, int k, boolean selfFirst) {
        Integer[] order = IntStream.range(0, ref.length).boxed().toArray(Integer[]::new);
        double[] dist = new double[ref.length];
        for (int j = 0; j < ref.length; j++) {
            dist[j] = Matrices.squaredDistance(q[row], ref[j]);
        }
        Comparator<Integer> byDistance = Comparator.comparingDouble(j -> dist[j]);
        Comparator<Integer> rule = selfFirst
                ? Comparator.<Integer>comparingInt(j -> j == row ? 0 : 1).thenComparing(byDistance)
                : byDistance;
        Arrays.sort(order, rule.thenComparingInt(j -> j));
        int[] set = new int[k];
        for (int r = 0; r < k; r++) {
            set[r] = order[r];
        }
        Arrays.sort(set);
        return set;
    }

    static double[][] gaussian(int n, int d, long seed) {
        Random rnd = new Random(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int t = 0; t < d; t++) {
                row[t] = rnd.nextGaussian();
            }
        }
        return x;
    }

    private static void assertMatchesBruteForce(ExactKnn knn, double[][] x, int k) {
        NeighbourSets sets = knn.selfInclusive(x, k);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(bruteForce(x, x, i, k, true), sets.of(i), "row " + i);
        }
    }

    @Test
    void selfInclusiveMatchesBruteForceOnBothBackends() {
        double[][] x = gaussian(700, 24, 1);
        assertMatchesBruteForce(new ExactKnn(new Nd4jGram()), x, 10);
        assertMatchesBruteForce(new ExactKnn(new TorchGram()), x, 10);
        assertMatchesBruteForce(new ExactKnn(new Nd4jGram(), 1), x, 50);
    }

    @Test
    void crossSearchMatchesBruteForce() {
        double[][] ref = gaussian(600, 16, 2);
        double[][] q = gaussian(130, 16, 3);
        for (GramBackend backend : new GramBackend[] {new Nd4jGram(), new TorchGram()}) {
            NeighbourSets sets = new ExactKnn(backend).among(q, ref, 7);
            for (int i = 0; i < q.length; i++) {
                assertArrayEquals(bruteForce(q, ref, i, 7, false), sets.of(i), backend.name() + " query " + i);
            }
        }
    }

    @Test
    void tiesGoToTheLowerRowIndex() {
        // Points on a line at integer positions: row 5 at 0 has rows at ±1, ±2, ... equally far.
        double[][] x = new double[11][1];
        for (int i = 0; i < 11; i++) {
            x[i][0] = i - 5;
        }
        NeighbourSets sets = ExactKnn.withFastestBackend().selfInclusive(x, 4);
        assertArrayEquals(new int[] {3, 4, 5, 6}, sets.of(5), "self, then 4 and 6 (distance 1), then 3 (distance 2, lower index than 7)");
        assertArrayEquals(new int[] {0, 1, 2, 3}, sets.of(0));
    }

    @Test
    void duplicatesAndLargeOffsetsStayExact() {
        // Many exact duplicates far from the origin: the float32 filter is useless here, so the
        // exact fallback must take over and still honour the tie rule.
        double[][] x = new double[200][8];
        Random rnd = new Random(4);
        for (int i = 0; i < x.length; i++) {
            for (int t = 0; t < 8; t++) {
                x[i][t] = 1e4 + (i % 20) * 1e-3 + (t == 0 ? rnd.nextInt(2) * 1e-6 : 0);
            }
        }
        assertMatchesBruteForce(ExactKnn.withFastestBackend(), x, 12);
    }

    @Test
    void sampledHeapCeilingsKeepLargeSearchesExact() {
        // Above 1024 rows each heap starts with a ceiling estimated from 256 sampled rows.
        assertMatchesBruteForce(ExactKnn.withFastestBackend(), gaussian(1100, 16, 9), 20);
        double[][] q = gaussian(40, 16, 10);
        double[][] ref = gaussian(1300, 16, 11);
        NeighbourSets sets = ExactKnn.withFastestBackend().among(q, ref, 25);
        for (int i = 0; i < q.length; i++) {
            assertArrayEquals(bruteForce(q, ref, i, 25, false), sets.of(i), "query " + i);
        }
    }

    @Test
    void ceilingsThatAreTooLowFallBackToExhaustiveSearch() {
        // Clusters of 60 identical rows: sampled distances are mostly 0, so the estimated ceilings
        // admit too few candidates and the certification must send rows to the exhaustive search.
        double[][] x = new double[1200][6];
        Random rnd = new Random(12);
        double[][] centres = gaussian(20, 6, 13);
        for (int i = 0; i < x.length; i++) {
            x[i] = centres[i % 20].clone();
            if (i % 7 == 0) {
                x[i][rnd.nextInt(6)] += 1e-3;
            }
        }
        assertMatchesBruteForce(ExactKnn.withFastestBackend(), x, 70);
    }

    @Test
    void rowsWhoseCeilingIsTooLowAreSearchedAgainAndStayExact() {
        // The ceilings are estimated from every 8th of 2048 rows (256 sampled). Here exactly those rows
        // form one tight cluster far from the rest, so a cluster row's ceiling (the 23rd smallest sampled
        // distance) admits only 22 others: too few for k = 45, and the row must be searched again.
        double[][] x = new double[2048][4];
        Random rnd = new Random(21);
        for (int i = 0; i < x.length; i++) {
            for (int t = 0; t < 4; t++) {
                x[i][t] = i % 8 == 0 ? rnd.nextGaussian() * 1e-2 : 100 + rnd.nextGaussian() * 10;
            }
        }
        SearchProfile profile = new SearchProfile();
        assertMatchesBruteForce(ExactKnn.withFastestBackend().profiled(profile), x, 45);
        assertTrue(profile.rescued() > 0, "some rows needed the second search");
        assertEquals(1, profile.searches());
        for (SearchProfile.Phase phase : SearchProfile.Phase.values()) {
            assertTrue(profile.seconds(phase) >= 0, phase.name());
        }
        assertTrue(profile.seconds(SearchProfile.Phase.PRODUCTS) > 0, "products were timed");
    }

    @Test
    void crossSearchOfTiedRowsIsRescuedExactly() {
        double[][] ref = new double[1100][3];
        for (int i = 0; i < ref.length; i++) {
            ref[i][0] = i % 11;
        }
        double[][] q = {{0.2, 0, 0}, {5, 0, 0}, {10.4, 0, 0}};
        NeighbourSets sets = ExactKnn.withFastestBackend().among(q, ref, 150);
        for (int i = 0; i < q.length; i++) {
            assertArrayEquals(bruteForce(q, ref, i, 150, false), sets.of(i), "query " + i);
        }
    }

    @Test
    void everyRowCanBeItsOwnOnlyNeighbour() {
        double[][] x = gaussian(30, 3, 5);
        NeighbourSets sets = ExactKnn.withFastestBackend().selfInclusive(x, 1);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(new int[] {i}, sets.of(i));
        }
        NeighbourSets all = ExactKnn.withFastestBackend().selfInclusive(x, 30);
        assertEquals(30, all.of(7).length);
        assertTrue(Arrays.stream(all.of(7)).distinct().count() == 30);
    }

    @Test
    void rejectsImpossibleK() {
        double[][] x = gaussian(5, 2, 6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExactKnn.withFastestBackend().selfInclusive(x, 6));
        assertTrue(e.getMessage().contains("k must be between 1 and the number of rows (5)"), e.getMessage());
    }

    @Test
    void crossSearchRefusesImpossibleKAndTakesEveryReferenceRowAtTheLimit() {
        double[][] ref = gaussian(5, 2, 6);
        double[][] q = gaussian(2, 2, 7);
        ExactKnn knn = ExactKnn.withFastestBackend();
        for (int k : new int[] {0, 6}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> knn.among(q, ref, k));
            assertTrue(e.getMessage().contains("k must be between 1 and the number of reference rows (5), got " + k),
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> knn.selfInclusive(ref, 0));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, knn.among(q, ref, 5).of(1), "k = n: every reference row");
        assertEquals(0, knn.among(new double[0][], ref, 3).size(), "no queries, no sets");
    }

    @Test
    void aProfileCountsSearchesTheRankedBandAndCpuTime() {
        // Eleven points at -5..5: for row 5 (at 0) and k = 4 the third other neighbour ties between rows
        // 3 and 7 (squared distance 4 each), so at least those two are ranked in double precision.
        double[][] x = new double[11][1];
        for (int i = 0; i < 11; i++) {
            x[i][0] = i - 5;
        }
        SearchProfile profile = new SearchProfile();
        ExactKnn knn = ExactKnn.withFastestBackend().profiled(profile);
        knn.selfInclusive(x, 4);
        knn.among(x, x, 2);
        assertEquals(2, profile.searches());
        assertTrue(profile.bandRows() >= 2, "band rows " + profile.bandRows());
        assertEquals(0, profile.rescued(), "eleven rows need no ceilings, so no row is searched again");
        // The process CPU clock ticks in steps of 10 ms on Linux, more than eleven rows take: a search of
        // 3000 rows, some 100 ms of products and scans, makes the time show.
        knn.selfInclusive(gaussian(3000, 16, 4), 10);
        double cpu = 0;
        for (SearchProfile.Phase phase : SearchProfile.Phase.values()) {
            assertTrue(profile.cpuSeconds(phase) >= 0, phase.name());
            cpu += profile.cpuSeconds(phase);
        }
        assertTrue(cpu > 0, "the searches took some CPU time");
    }

    @Test
    void wellSpreadRowsAreCertifiedFromTheirListsAlone() {
        // The search is exact whatever its filter does (a row its list cannot certify is searched again,
        // exhaustively if need be), so only its cost shows a broken filter. Gaussian rows have no
        // near-ties: a ceiling aimed at 3 × (k + 16) sampled candidates is never too low, and within
        // float32's error (ε ≈ 10⁻⁶ of the squared distances) only the k-th candidate itself is too close
        // to call, so about one candidate per row is ranked in double precision.
        SearchProfile profile = new SearchProfile();
        ExactKnn knn = ExactKnn.withFastestBackend().profiled(profile);
        knn.selfInclusive(gaussian(1100, 16, 9), 20);
        knn.among(gaussian(40, 16, 10), gaussian(1300, 16, 11), 25);
        assertEquals(0, profile.rescued(), "rows searched a second time");
        assertTrue(profile.bandRows() <= 2 * (1100 + 40), "candidates ranked exactly: " + profile.bandRows());
    }
}
