package org.msde4j.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.detect.MsdeDetector;
import org.msde4j.detect.MsdeModel;
import org.msde4j.detect.ScoringMode;
import org.msde4j.embed.LocalEmbeddings;
import org.msde4j.msde.MsdeOptions;
import org.msde4j.testing.Synthetic;

class LocalDetectorsTest {

    /** Three training images of a 1 × 2 grid with 2-d patches; the test image's distances are worked out by hand. */
    private static final LocalEmbeddings TRAIN = Patches.of(1, 2, new double[][] {
        {0, 0}, {10, 0},
        {0, 1}, {10, 1},
        {1, 0}, {11, 0}});

    @Test
    void patchCoreScoresTheDistanceToTheNearestBankPatch() {
        PatchCoreModel model = PatchCore.defaults().withCoresetShare(1).fit(TRAIN);
        assertEquals(6, model.bankSize());
        // (3, 4): nearest (0, 1) at √(9 + 9) = √18 … no: (1, 0) at √(4 + 16) = √20, (0, 1) at √(9 + 9) = √18 → √18;
        // (10, 0.5): (10, 0) and (10, 1) at 0.5
        AnomalyMaps maps = model.score(Patches.of(1, 2, new double[][] {{3, 4}, {10, 0.5}}));
        assertArrayEquals(new float[] {(float) Math.sqrt(18), 0.5f}, maps.maps().get(0), 1e-6f);
        assertEquals(Math.sqrt(18), maps.scores()[0], 1e-6, "the image score is the largest patch score");
        AnomalyMaps mean = PatchCore.defaults().withCoresetShare(1).withImageScore(new ImageScore(2)).fit(TRAIN)
                .score(Patches.of(1, 2, new double[][] {{3, 4}, {10, 0.5}}));
        assertEquals((Math.sqrt(18) + 0.5) / 2, mean.scores()[0], 1e-6, "the mean of the top 2");
    }

    @Test
    void padimScoresTheMahalanobisDistanceAtEachPosition() {
        // position 0: (0, 0), (0, 1), (1, 0): mean (1/3, 1/3), covariance [[1/3, −1/6], [−1/6, 1/3]] + 0.01 I
        // position 1: the same shifted by (10, 0)
        PadimModel model = Padim.defaults().fit(TRAIN);
        double a = 1.0 / 3 + 0.01;
        double b = -1.0 / 6;
        double det = a * a - b * b;
        double[] x = {1 - 1.0 / 3, 1 - 1.0 / 3}; // (1, 1) at position 0 and (11, 1) at position 1
        double quad = (a * x[0] * x[0] - 2 * b * x[0] * x[1] + a * x[1] * x[1]) / det;
        AnomalyMaps maps = model.score(Patches.of(1, 2, new double[][] {{1, 1}, {11, 1}}));
        assertEquals(Math.sqrt(quad), maps.maps().get(0)[0], 1e-5);
        assertEquals(Math.sqrt(quad), maps.maps().get(0)[1], 1e-5);
    }

    @Test
    void padimKeepsASeededSubsetOfFeatures() {
        Padim padim = new Padim(3, 0.01, ImageScore.max(), 0.95, 7);
        int[] kept = padim.kept(10);
        assertEquals(3, kept.length);
        assertArrayEquals(kept, padim.kept(10));
        assertTrue(kept[0] < kept[1] && kept[1] < kept[2] && kept[2] < 10, Arrays.toString(kept));
        assertArrayEquals(new int[] {0, 1}, padim.kept(2), "all features when there are no more than asked for");
    }

    private static final MsdeOptions SMALL_MSDE = MsdeOptions.defaults().withK(8).withTau(12);

    /** 60 training images and 10 test images of a 1 × 2 grid, the two positions drawn apart (float values, as patches are stored). */
    private static final double[][][] TRAIN_AT = {asFloats(Synthetic.normals(60, 4, 0, 21)), asFloats(Synthetic.normals(60, 4, 3, 23))};
    private static final double[][][] TEST_AT = {asFloats(Synthetic.normals(10, 4, 0.7, 22)), asFloats(Synthetic.normals(10, 4, 2, 24))};

    private static double[][] asFloats(double[][] rows) {
        return Arrays.stream(rows).map(r -> Arrays.stream(r).map(v -> (float) v).toArray()).toArray(double[][]::new);
    }

    /** Image by image, position by position. */
    private static LocalEmbeddings grid(double[][][] at) {
        double[][] rows = new double[at[0].length * 2][];
        for (int i = 0; i < at[0].length; i++) {
            rows[2 * i] = at[0][i];
            rows[2 * i + 1] = at[1][i];
        }
        return Patches.of(1, 2, rows);
    }

    /**
     * MSDE on patches is the image-level MSDE detector fitted at each position on that position's
     * patches, scoring the test patches of the position: inductively one by one, transductively all
     * together.
     */
    @Test
    void patchMsdeIsTheMsdeDetectorAtEachPosition() {
        DetectorOptions options = DetectorOptions.defaults().withMsde(SMALL_MSDE);
        PatchMsdeModel model = new PatchMsde(options, ImageScore.max(), 0.95).fit(grid(TRAIN_AT));
        LocalEmbeddings test = grid(TEST_AT);
        for (ScoringMode mode : ScoringMode.values()) {
            AnomalyMaps maps = mode == ScoringMode.TRANSDUCTIVE ? model.scoreTransductive(test) : model.score(test);
            for (int p = 0; p < 2; p++) {
                MsdeModel alone = MsdeDetector.fit(TRAIN_AT[p], options);
                double[] expected = mode == ScoringMode.TRANSDUCTIVE ? alone.scoreTransductive(TEST_AT[p]).scores()
                        : alone.score(TEST_AT[p]);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], maps.maps().get(i)[p], 1e-5 * expected[i], mode + ", position " + p
                            + ", image " + i + " (maps hold floats)");
                }
            }
        }
    }

    @Test
    void fitsAreDeterministicAndGridsAreChecked() {
        LocalEmbeddings train = Patches.of(2, 3, Synthetic.normals(180, 5, 0, 3));
        LocalEmbeddings test = Patches.of(2, 3, Synthetic.normals(24, 5, 0.5, 4));
        for (LocalDetector d : new LocalDetector[] {PatchCore.defaults().withCoresetShare(0.3), Padim.defaults(),
                PatchMsde.defaults().withMsde(SMALL_MSDE.withK(10))}) {
            assertArrayEquals(d.fit(train).score(test).scores(), d.fit(train).score(test).scores(), 0, d.name());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> d.fit(train).score(Patches.of(3, 2, Synthetic.normals(24, 5, 0.5, 4))));
            assertTrue(e.getMessage().contains("are 3×2×5 but " + d.name() + " was fitted on 2×3×5"), e.getMessage());
        }
    }
}
