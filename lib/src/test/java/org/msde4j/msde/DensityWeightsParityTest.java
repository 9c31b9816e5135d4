package org.msde4j.msde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.msde4j.testing.Fixtures.Csv;

/** Density weights, UMAP ρ/σ and the radius search reproduce the authors' code, batch by batch. */
class DensityWeightsParityTest {

    static List<ReferenceCases.Run> runs() {
        return ReferenceCases.weightRuns();
    }

    private static void assertRelative(double expected, double actual, double tol, String what) {
        assertTrue(Math.abs(expected - actual) <= tol * Math.max(1, Math.abs(expected)),
                what + ": expected " + expected + " but was " + actual);
    }

    private static void assertFloatUlps(double expected, float actual, int ulps, String what) {
        assertTrue(Math.abs(expected - actual) <= ulps * Math.ulp((float) expected),
                what + ": expected " + expected + " but was " + actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void weightsMatchTheReference(ReferenceCases.Run run) {
        DensityWeights computed = DensityWeights.compute(run.input(), run.options().tau(), run.rule(),
                RowOrder.AS_GIVEN, 0);
        Csv expected = run.weights();
        double[] w = computed.weights();
        assertEquals(expected.size(), w.length);
        double maxDiff = 0;
        for (int i = 0; i < w.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(expected.number(i, "weight") - w[i]));
        }
        assertTrue(maxDiff <= 1e-9, run + ": max |weight diff| = " + maxDiff);

        int row = 0;
        for (WeightBatch batch : computed.batches()) {
            for (int local = 0; local < batch.size(); local++, row++) {
                assertEquals(row, batch.rows()[local]);
                assertEquals(expected.integer(row, "local_index"), local);
                assertFloatUlps(expected.number(row, "umap_rho"), batch.profiles().rho()[local], 2, run + " rho of row " + row);
                // σ's bisection stops once |Σ exp − log₂15| < 1e-5; one float32 ulp of exp (glibc's expf
                // versus Java's rounded Math.exp) can stop it one halving earlier or later.
                assertRelative(expected.number(row, "umap_sigma"), batch.profiles().sigma()[local], 2e-5, run + " sigma of row " + row);
                for (int m = 0; m < DensityWeights.RADII; m++) {
                    assertEquals(expected.integer(row, "count_r" + m), batch.radii().counts()[m][local],
                            run + " count_r" + m + " of row " + row);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void radiusSearchesMatchTheReference(ReferenceCases.Run run) {
        DensityWeights computed = DensityWeights.compute(run.input(), run.options().tau(), run.rule(),
                RowOrder.AS_GIVEN, 0);
        Csv batches = run.batches();
        Csv searches = run.searches();
        assertEquals(batches.size(), computed.batches().size(), run + " batch count");
        int step = 0;
        for (int b = 0; b < batches.size(); b++) {
            WeightBatch batch = computed.batches().get(b);
            String at = run + " batch " + b;
            assertEquals(batches.integer(b, "start"), batch.rows()[0], at);
            assertEquals(batches.integer(b, "size"), batch.size(), at);
            assertEquals(batches.integer(b, "tau_eff"), batch.condition().tauEffective(), at);
            assertEquals(batches.integer(b, "q"), batch.condition().required(), at);
            assertRelative(batches.number(b, "min_dist"), batch.profiles().minDistance(), 1e-6, at + " min_dist");
            assertRelative(batches.number(b, "max_dist"), batch.profiles().maxDistance(), 1e-6, at + " max_dist");
            double first = batches.number(b, "eps_search1");
            if (Double.isNaN(first)) {
                assertNull(batch.search().first(), at);
            } else {
                assertRelative(first, batch.search().first(), 1e-6, at + " eps_search1");
            }
            assertEquals(batches.integer(b, "search2_run") == 1, batch.search().relaxedRun(), at);
            assertEquals(batches.integer(b, "eps_source"), batch.search().source().ordinal() + 1, at);
            assertRelative(batches.number(b, "eps_star"), batch.search().epsilon(), 1e-6, at + " eps_star");
            assertRelative(batches.number(b, "delta"), batch.radii().delta(), 1e-6, at + " delta");
            for (int m = 0; m < DensityWeights.RADII; m++) {
                assertRelative(batches.number(b, "radius" + m), batch.radii().radii()[m], 1e-6, at + " radius" + m);
            }
            for (SearchStep s : batch.search().trace()) {
                String st = at + " search step " + step;
                assertEquals(b, searches.integer(step, "batch"), st);
                assertEquals(searches.integer(step, "search"), s.search(), st);
                assertEquals(searches.integer(step, "step"), s.step(), st);
                assertRelative(searches.number(step, "mid"), s.mid(), 1e-6, st + " mid");
                assertEquals(searches.integer(step, "satisfied") == 1, s.satisfied(), st);
                step++;
            }
        }
        assertEquals(searches.size(), step, run + " total search steps");
    }
}
