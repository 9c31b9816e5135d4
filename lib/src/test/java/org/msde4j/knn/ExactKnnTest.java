package org.msde4j.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
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

    /** {@code x} moved by {@code offset} in every coordinate. */
    static double[][] shifted(double[][] x, double offset) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = Arrays.stream(x[i]).map(v -> v + offset).toArray();
        }
        return y;
    }

    /** CPU time of this process so far, all threads, read independently of {@link SearchProfile}. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * Runs one profiled search and checks the profile's clock against one read around the whole call:
     * every phase ran and was timed (a positive wall time), and none took more wall or CPU time than
     * the call itself (the intervals of one phase follow one another within it).
     */
    private static <T> T timedWithinTheCall(SearchProfile profile, Supplier<T> search) {
        long wall = System.nanoTime();
        long cpu = processCpuNanos();
        T result = search.get();
        double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
        double wallSeconds = (System.nanoTime() - wall) / 1e9;
        for (SearchProfile.Phase phase : SearchProfile.Phase.values()) {
            assertTrue(profile.seconds(phase) > 0, phase + " was timed");
            assertTrue(profile.seconds(phase) <= wallSeconds, phase + ": " + profile.seconds(phase) + " s of a "
                    + wallSeconds + "-s call");
            assertTrue(profile.cpuSeconds(phase) <= cpuSeconds, phase + ": " + profile.cpuSeconds(phase)
                    + " CPU seconds of the call's " + cpuSeconds);
        }
        return result;
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
    void rowsWhoseCeilingIsTooLowAreSearchedAgainAndCertifiedThere() {
        // From 1024 rows on, the ceilings are estimated from 256 sampled rows: here every 4th row. Those
        // rows form one cluster (unit Gaussian, 4 columns) at the centre; the other 768 lie on a sphere of
        // radius 100 around it. With k = 60 a list holds cap = 59 + 16 = 75 candidates and its ceiling is
        // the r-th smallest sampled distance, r = ⌈3 · 75 · 256 / 1024⌉ = 57: a cluster row's ceiling then
        // admits only the 56 cluster rows nearer than it, too few for its 59 other neighbours, so exactly
        // the 256 cluster rows are searched again. There, with unbounded lists and ε ≈ 1.01 (γ₆ + 3u) · 102²
        // ≈ 6·10⁻³, far below the squared distances within the cluster (≈ 8), each is certified from its
        // list. Every certified row ranks at least its k-th candidate in double precision (a row left to
        // the exhaustive search ranks none), so the band counts at least one candidate per row.
        int n = 1024;
        double[][] x = new double[n][4];
        Random rnd = new Random(21);
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int t = 0; t < 4; t++) {
                x[i][t] = rnd.nextGaussian();
                norm += x[i][t] * x[i][t];
            }
            if (i % 4 != 0) {
                for (int t = 0; t < 4; t++) {
                    x[i][t] *= 100 / Math.sqrt(norm);
                }
            }
        }
        SearchProfile profile = new SearchProfile();
        ExactKnn knn = ExactKnn.withFastestBackend().profiled(profile);
        NeighbourSets sets = timedWithinTheCall(profile, () -> knn.selfInclusive(x, 60));
        for (int i = 0; i < n; i++) {
            assertArrayEquals(bruteForce(x, x, i, 60, true), sets.of(i), "row " + i);
        }
        assertEquals(256, profile.rescued(), "the cluster rows, and only they, were searched again");
        assertTrue(profile.bandRows() >= n, "every row certified from a list: " + profile.bandRows());
        assertEquals(1, profile.searches());
    }

    @Test
    void crossSearchOfTiedRowsIsRescuedExactly() {
        double[][] ref = new double[1100][3];
        for (int i = 0; i < ref.length; i++) {
            ref[i][0] = i % 11;
        }
        double[][] q = {{0.2, 0, 0}, {5, 0, 0}, {10.4, 0, 0}};
        SearchProfile profile = new SearchProfile();
        ExactKnn knn = ExactKnn.withFastestBackend().profiled(profile);
        NeighbourSets sets = timedWithinTheCall(profile, () -> knn.among(q, ref, 150));
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
    void crossSearchTakesKFromOneToEveryReferenceRowAndRefusesTheRest() {
        double[][] ref = gaussian(5, 2, 6);
        double[][] q = gaussian(2, 2, 7);
        SearchProfile profile = new SearchProfile();
        ExactKnn knn = ExactKnn.withFastestBackend().profiled(profile);
        for (int k : new int[] {0, 6}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> knn.among(q, ref, k));
            assertTrue(e.getMessage().contains("k must be between 1 and the number of reference rows (5), got " + k),
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> knn.selfInclusive(ref, 0));
        NeighbourSets nearest = knn.among(q, ref, 1);
        for (int i = 0; i < q.length; i++) {
            assertArrayEquals(bruteForce(q, ref, i, 1, false), nearest.of(i), "k = 1, query " + i);
        }
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, knn.among(q, ref, 5).of(1), "k = n: every reference row");
        assertEquals(0, profile.rescued(), "a list holding all n reference rows certifies k = n at once");
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
    void wellSpreadRowsAreCertifiedFromTheirListsAloneOnEitherBackend() {
        // The search is exact whatever its filter does (a row its list cannot certify is searched again,
        // exhaustively if need be), so only its cost shows a broken filter. Gaussian rows have no
        // near-ties: a ceiling aimed at 3 × (k + 16) sampled candidates is never too low, and within
        // float32's error (ε ≈ 10⁻⁶ of the squared distances) only the k-th candidate itself is too close
        // to call, so about one candidate per row is ranked in double precision. The rows lie 100 from
        // the origin in every coordinate: the search centres them first, so ε is that of rows around the
        // origin (uncentred, ‖f‖ ≈ 400 would make ε ≈ 1.01 (γ₁₈ + 3u) · 800² ≈ 0.8, within which many candidates tie).
        for (GramBackend backend : new GramBackend[] {new Nd4jGram(), new TorchGram()}) {
            SearchProfile profile = new SearchProfile();
            ExactKnn knn = new ExactKnn(backend).profiled(profile);
            knn.selfInclusive(shifted(gaussian(1100, 16, 9), 100), 20);
            knn.among(shifted(gaussian(40, 16, 10), 100), shifted(gaussian(1300, 16, 11), 100), 25);
            assertEquals(0, profile.rescued(), backend.name() + ": rows searched a second time");
            assertTrue(profile.bandRows() <= 2 * (1100 + 40), backend.name() + ": candidates ranked exactly: "
                    + profile.bandRows());
        }
    }

    @Test
    void identicalRowsAreNeighboursInIndexOrder() {
        // 60 copies of one row: centred, every row is exactly 0, all float32 distances are 0 and the error
        // bound ε is at its floor. No list can certify its row (everything ties with the k-th), so the
        // exhaustive search decides, by index: row i takes itself and the lowest other rows.
        double[][] x = new double[60][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {3, -1};
        }
        NeighbourSets sets = ExactKnn.withFastestBackend().selfInclusive(x, 5);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, sets.of(0));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, sets.of(2));
        assertArrayEquals(new int[] {0, 1, 2, 3, 37}, sets.of(37));
    }

    @Test
    void rowsFarFromTheCentreAreRankedInDoublePrecisionWhereFloat32CannotTell() {
        // One column: 100 rows spread over [−1001, −999] and 100 over [999, 1001], so the centre lies
        // between the groups and every centred row has |f| ≈ 1000. Each float32 D̃² = s_i + s_j − 2 f_i f_j is
        // then the difference of terms near 10⁶, whose float32 spacing is 0.06, while neighbours in a group
        // lie some 0.02 apart (squared: 4·10⁻⁴): float32 cannot order them at all. The error bound
        // ε = 1.01 (γ₃ + 3u) (|f_i| + max|f_j|)² ≈ 1.01 · 6 · 2⁻²⁴ · 2000² ≈ 1.4 covers that, and the
        // candidates are ranked by exact distance; compared here with brute force in double precision.
        Random rnd = new Random(31);
        double[][] x = new double[200][1];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = (i % 2 == 0 ? -1000 : 1000) + 2 * rnd.nextDouble() - 1;
        }
        assertMatchesBruteForce(ExactKnn.withFastestBackend(), x, 4);
        double[][] q = {x[1], {1000.5}, {-999.25}};
        NeighbourSets sets = ExactKnn.withFastestBackend().among(q, x, 3);
        for (int i = 0; i < q.length; i++) {
            assertArrayEquals(bruteForce(q, x, i, 3, false), sets.of(i), "query " + i);
        }
    }

    @Test
    void twoCandidatesTooCloseForTheErrorBoundAreRankedByExactDistance() {
        // Reference rows at −5, −4, …, 5 (row j at j − 5, centre 0) and one query at 10⁻⁷, k = 2. After
        // row 5 (squared distance 10⁻¹⁴) the candidates are row 6 at (1 − 10⁻⁷)² = 1 − 2·10⁻⁷ and row 4 at
        // (1 + 10⁻⁷)² = 1 + 2·10⁻⁷: they differ by 4·10⁻⁷, inside the band 2ε = 2 · 1.01 (γ₃ + 3u) · 5² ≈
        // 1.8·10⁻⁵ that float32 cannot call, so both are ranked in double precision: row 6 is nearer.
        // (Ranked by index alone, row 4 would win the tie.)
        double[][] ref = new double[11][1];
        for (int j = 0; j < ref.length; j++) {
            ref[j][0] = j - 5;
        }
        double[][] q = {{1e-7}};
        assertArrayEquals(new int[] {5, 6}, ExactKnn.withFastestBackend().among(q, ref, 2).of(0));
    }

    @Test
    void theFastestBackendHereIsLibtorchAndEachBackendNamesItself() {
        // libtorch comes with the library (DJL's PyTorch engine) and loads wherever this suite runs (the
        // tests above use TorchGram directly), so it is available and the fastest backend is chosen.
        assertTrue(TorchGram.available());
        assertEquals("pytorch", ExactKnn.withFastestBackend().backendName());
        assertEquals("nd4j", new ExactKnn(new Nd4jGram()).backendName());
    }

    /** ND4J's products, with the rows and columns of every call noted as [first row, rows, first column, end column]. */
    private static final class LoggedGram implements GramBackend {
        final List<String> calls = new ArrayList<>();
        private final GramBackend products = new Nd4jGram();

        @Override
        public String name() {
            return "logged nd4j";
        }

        @Override
        public Session load(float[] rightTransposed, int columns, int width) {
            Session session = products.load(rightTransposed, columns, width);
            return new Session() {
                @Override
                public void products(float[] left, int from, int rows, int colFrom, int colTo, Consumer<FloatBuffer> reader) {
                    calls.add(Arrays.toString(new int[] {from, rows, colFrom, colTo}));
                    session.products(left, from, rows, colFrom, colTo, reader);
                }

                @Override
                public void close() {
                    session.close();
                }
            };
        }
    }

    @Test
    void eachProductIsComputedOnceInFewLargeBackendCalls() {
        // Each backend call costs a synchronisation of its threads, so the search makes few, large ones:
        // panels of 512 rows by as many columns as fit 2²³ products. From 1024 rows on, 256 sampled
        // reference rows come first (right columns 0..255; reference row j is column 256 + j), and their
        // products with every left row are one call.
        // Self-inclusive, 1100 rows: the upper triangle in three panels, rows [0, 512) against columns
        // [0, 1100), [512, 1024) against [512, 1100), [1024, 1100) against [1024, 1100).
        LoggedGram logged = new LoggedGram();
        ExactKnn knn = new ExactKnn(logged);
        knn.selfInclusive(gaussian(1100, 16, 9), 20);
        assertEquals(4, logged.calls.size(), "backend calls");
        assertEquals(List.of("[0, 1100, 0, 256]", "[0, 512, 256, 1356]", "[512, 512, 768, 1356]",
                "[1024, 76, 1280, 1356]"), logged.calls);
        // Cross search, 1024 queries against 1300 reference rows: the sample, then two panels of 512 rows by
        // all 1300 columns.
        logged.calls.clear();
        knn.among(gaussian(1024, 16, 10), gaussian(1300, 16, 11), 25);
        assertEquals(3, logged.calls.size(), "backend calls");
        assertEquals(List.of("[0, 1024, 0, 256]", "[0, 512, 256, 1556]", "[512, 512, 256, 1556]"), logged.calls);
    }
}
