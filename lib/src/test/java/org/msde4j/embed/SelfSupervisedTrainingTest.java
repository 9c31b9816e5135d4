package org.msde4j.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.detect.GdeBaseline;
import org.msde4j.eval.Metrics;
import org.msde4j.image.ImageRef;
import org.msde4j.io.Sha256;
import org.msde4j.testing.StandInBrains;

/** A real, small training run on stand-in brain slices (64 px sources, 32 px input, width 8). */
class SelfSupervisedTrainingTest {

    private static final SelfSupervisedOptions SMALL = SelfSupervisedOptions.defaults()
            .withArchitecture(ResNetArchitecture.resnet18Width(8))
            .withInputSize(32)
            .withEpochs(6)
            .withBatchSize(16);

    @TempDir
    Path dir;

    @Test
    void pretextLossFallsAndTrainedEmbeddingsSeparateAnomaliesBetterThanUntrained() throws IOException {
        List<ImageRef> train = StandInBrains.set("train", 160, 64, 1, false);
        List<ImageRef> test = new ArrayList<>(StandInBrains.set("normal", 40, 64, 2, false));
        test.addAll(StandInBrains.set("tumour", 40, 64, 3, true));
        int[] labels = new int[80];
        java.util.Arrays.fill(labels, 40, 80, 1);

        SelfSupervisedTraining.Report trained = SelfSupervisedTraining.train(train, SMALL, dir.resolve("trained"),
                SelfSupervisedTraining.Listener.NONE);
        SelfSupervisedTraining.train(train, SMALL.withEpochs(0), dir.resolve("untrained"), SelfSupervisedTraining.Listener.NONE);

        List<Double> loss = trained.loss();
        assertEquals(6, loss.size());
        assertTrue(loss.get(5) < 0.8 * loss.get(0), "pretext loss falls: " + loss);
        double trainedAuroc = auroc(dir.resolve("trained"), train, test, labels);
        double untrainedAuroc = auroc(dir.resolve("untrained"), train, test, labels);
        assertTrue(trainedAuroc > untrainedAuroc + 0.05,
                "trained AUROC " + trainedAuroc + " vs untrained " + untrainedAuroc);
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers() throws IOException {
        List<ImageRef> train = StandInBrains.set("train", 48, 64, 5, false);
        SelfSupervisedOptions quick = SMALL.withEpochs(1);
        SelfSupervisedTraining.train(train, quick, dir.resolve("a"), SelfSupervisedTraining.Listener.NONE);
        SelfSupervisedTraining.train(train, quick, dir.resolve("b"), SelfSupervisedTraining.Listener.NONE);
        SelfSupervisedTraining.train(train, quick.withSeed(7), dir.resolve("c"), SelfSupervisedTraining.Listener.NONE);
        String a = Sha256.of(dir.resolve("a").resolve(SelfSupervisedBackbone.WEIGHTS));
        assertEquals(a, Sha256.of(dir.resolve("b").resolve(SelfSupervisedBackbone.WEIGHTS)));
        assertTrue(!a.equals(Sha256.of(dir.resolve("c").resolve(SelfSupervisedBackbone.WEIGHTS))));
        try (Backbone x = SelfSupervisedBackbone.load(dir.resolve("a"));
             Backbone y = SelfSupervisedBackbone.load(dir.resolve("b"))) {
            assertEquals(x.identity(), y.identity());
            assertEquals(64, x.embed(List.of(StandInBrains.slice(64, 9, 0, false)))[0].length,
                    "width 8 · 2³ = 64 dimensions");
        }
        String meta = Files.readString(dir.resolve("a").resolve(SelfSupervisedBackbone.METADATA));
        assertTrue(meta.contains("\"seed\" : 42") && meta.contains("anatpaste") && meta.contains("\"images\" : 48"), meta);
    }

    @Test
    void damagedOrForeignDirectoriesAreRefusedWithTheReason() throws IOException {
        List<ImageRef> train = StandInBrains.set("train", 16, 64, 5, false);
        Path model = dir.resolve("model");
        SelfSupervisedTraining.train(train, SMALL.withEpochs(0), model, SelfSupervisedTraining.Listener.NONE);
        Path weights = model.resolve(SelfSupervisedBackbone.WEIGHTS);
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 1;
        Files.write(weights, bytes);
        IOException damaged = assertThrows(IOException.class, () -> SelfSupervisedBackbone.load(model));
        assertTrue(damaged.getMessage().contains("checksum"), damaged.getMessage());
        IOException empty = assertThrows(IOException.class, () -> SelfSupervisedBackbone.load(dir));
        assertTrue(empty.getMessage().contains(SelfSupervisedBackbone.METADATA), empty.getMessage());
    }

    private static double auroc(Path model, List<ImageRef> train, List<ImageRef> test, int[] labels) throws IOException {
        try (Backbone b = SelfSupervisedBackbone.load(model)) {
            double[][] x = Embedder.embed(b, train, Embedder.Options.defaults()).toDoubles();
            double[][] y = Embedder.embed(b, test, Embedder.Options.defaults()).toDoubles();
            return Metrics.auroc(GdeBaseline.fit(x, DetectorOptions.defaults()).score(y), labels);
        }
    }
}
