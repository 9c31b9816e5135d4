package org.msde4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.msde4j.data.GroundTruth;
import org.msde4j.embed.LocalEmbeddings;

/**
 * Local methods on patch embeddings made to order: a 2 × 2 grid of 3-dimensional N(0, 1) patches,
 * the anomalous test images with +8 on every feature of their top-left patch, so that each method
 * separates them perfectly and its map is highest where the mask is.
 */
class LocalEvaluationTest {

    private static final int[] LABELS = {0, 0, 0, 0, 1, 1, 1, 1};

    private static LocalEmbeddings images(int n, long seed, boolean shiftFrom4) {
        Random random = new Random(seed);
        float[] values = new float[n * 4 * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        for (int image = 4; shiftFrom4 && image < n; image++) {
            for (int c = 0; c < 3; c++) {
                values[image * 12 + c] += 8;
            }
        }
        return new LocalEmbeddings(IntStream.range(0, n).mapToObj(i -> "i" + i).toList(), 2, 2, 3, values, List.of());
    }

    /** On an 8 × 8 grid: nothing for the normal images, the top-left quadrant for the anomalous ones. */
    private static PixelTruth truth() {
        List<GroundTruth> truths = new ArrayList<>();
        for (int label : LABELS) {
            boolean[] mask = new boolean[64];
            for (int p = 0; p < 64 && label == 1; p++) {
                mask[p] = p / 8 < 4 && p % 8 < 4;
            }
            truths.add(new GroundTruth(8, 8, mask));
        }
        return new PixelTruth(IntStream.range(0, 8).toArray(), truths, 4, 4, 8);
    }

    @Test
    void patchCoreAndPadimRankTheShiftedImagesFirstAndTheirMapsPointAtTheShiftedPatch() {
        LocalEvaluation.Settings settings = LocalEvaluation.Settings.defaults()
                .withMethods(EnumSet.of(BuiltInMethod.PADIM, BuiltInMethod.PATCHCORE)).withReplicates(50);

        List<MethodResult> results = LocalEvaluation.run("toy", images(40, 1, false), images(8, 2, true), LABELS, truth(),
                settings);

        assertEquals(List.of(BuiltInMethod.PATCHCORE, BuiltInMethod.PADIM), results.stream().map(MethodResult::method).toList());
        for (MethodResult r : results) {
            assertEquals("toy", r.dataset());
            assertEquals(1.0, r.auroc().estimate(), 0, r.method().label());
            assertEquals(1.0, r.ap().estimate(), 0, r.method().label());
            assertEquals(40, r.trainRows());
            assertEquals(8, r.testRows());
            assertEquals(4, r.pixel().maskedAbnormal());
            assertEquals(4, r.pixel().abnormal());
            assertEquals(8, r.pixel().size());
            assertTrue(r.pixel().auroc() > 0.8, r.method().label() + " pixel AUROC " + r.pixel().auroc());
            assertTrue(r.pixel().aupro() > 0.5, r.method().label() + " AUPRO " + r.pixel().aupro());
            assertEquals(8, r.maps().maps().size(), "one map per test image");
        }
    }

    @Test
    void withoutGroundTruthThereAreNoPixelMetricsAndOnlyTheChosenMethodsRun() {
        LocalEvaluation.Settings settings = LocalEvaluation.Settings.defaults().withMethods(Set.of(BuiltInMethod.PADIM))
                .withReplicates(20);

        List<MethodResult> results = LocalEvaluation.run("toy", images(40, 1, false), images(8, 2, true), LABELS, null,
                settings);

        assertEquals(1, results.size());
        assertEquals(BuiltInMethod.PADIM, results.get(0).method());
        assertNull(results.get(0).pixel());
    }

    @Test
    void theSettingsHoldLocalMethodsOnly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalEvaluation.Settings.defaults().withMethods(Set.of(BuiltInMethod.PADIM, BuiltInMethod.GDE)));
        assertTrue(e.getMessage().contains("GDE (no MSDE) is not a local method"), e.getMessage());
        assertEquals(BuiltInMethod.locals(), LocalEvaluation.Settings.defaults().methods());
        assertTrue(LocalEvaluation.Settings.defaults().withOptional(true).optional());
        assertEquals(7, LocalEvaluation.Settings.defaults().withReplicates(7).replicates());
    }
}
