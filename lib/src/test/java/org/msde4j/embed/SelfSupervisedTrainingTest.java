package org.msde4j.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.msde4j.data.synthetic.Difficulty;
import org.msde4j.data.synthetic.SyntheticBrainMri;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.detect.GdeBaseline;
import org.msde4j.eval.Metrics;
import org.msde4j.image.ImageRef;
import org.msde4j.io.Sha256;
import org.msde4j.testing.BrainSlices;

/**
 * Real, small training runs on synthetic brain-MRI slices at 64 px with a ResNet-18 layout of width
 * 8 (64-d embedding). The first run, 256 normal slices × 12 epochs, measured: pretext loss
 * 0.74 → 0.25, GDE AUROC 0.87 trained against 0.72 untrained on 40 + 40 test slices (EASY tumours).
 */
class SelfSupervisedTrainingTest {

    private static final SelfSupervisedOptions SMALL = SelfSupervisedOptions.defaults()
            .withArchitecture(ResNetArchitecture.resnet18Width(8))
            .withInputSize(64)
            .withEpochs(12)
            .withBatchSize(32);

    @TempDir
    Path dir;

    @Test
    void pretextLossFallsAndTrainedEmbeddingsSeparateAnomaliesBetterThanUntrained() throws IOException {
        List<ImageRef> train = BrainSlices.set("train", 256, 64, 1, null);
        List<ImageRef> test = new ArrayList<>(BrainSlices.set("normal", 40, 64, 2, null));
        test.addAll(BrainSlices.set("tumour", 40, 64, 3, Difficulty.EASY));
        int[] labels = new int[80];
        java.util.Arrays.fill(labels, 40, 80, 1);

        SelfSupervisedTraining.Report trained = SelfSupervisedTraining.train(train, SMALL, dir.resolve("trained"),
                SelfSupervisedTraining.Listener.NONE);
        SelfSupervisedTraining.train(train, SMALL.withEpochs(0), dir.resolve("untrained"), SelfSupervisedTraining.Listener.NONE);

        List<Double> loss = trained.loss();
        assertEquals(12, loss.size());
        assertTrue(loss.get(loss.size() - 1) < 0.8 * loss.get(0), "pretext loss falls: " + loss);
        double trainedAuroc = auroc(dir.resolve("trained"), train, test, labels);
        double untrainedAuroc = auroc(dir.resolve("untrained"), train, test, labels);
        assertTrue(trainedAuroc > untrainedAuroc + 0.05,
                "trained AUROC " + trainedAuroc + " vs untrained " + untrainedAuroc);
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers() throws IOException {
        List<ImageRef> train = BrainSlices.set("train", 48, 64, 5, null);
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
            assertEquals(64, x.embed(List.of(SyntheticBrainMri.normalSlice(64, 9L * 1_000_003L + 0)))[0].length,
                    "width 8 · 2³ = 64 dimensions");
        }
        String meta = Files.readString(dir.resolve("a").resolve(SelfSupervisedBackbone.METADATA));
        assertTrue(meta.contains("\"seed\" : 42") && meta.contains("anatpaste") && meta.contains("\"images\" : 48"), meta);
    }

    @Test
    void anImageEmbedsToTheSameBitsAloneAndInAnyBatch() throws IOException {
        List<ImageRef> images = BrainSlices.set("any", 11, 64, 6, null);
        SelfSupervisedTraining.train(images, SMALL.withEpochs(0), dir.resolve("net"), SelfSupervisedTraining.Listener.NONE);
        try (Backbone b = SelfSupervisedBackbone.load(dir.resolve("net"))) {
            float[] together = Embedder.embed(b, images, Embedder.Options.defaults()).values();
            for (int batch : new int[] {1, 2, 5}) {
                float[] split = Embedder.embed(b, images, Embedder.Options.defaults().withBatchSize(batch)).values();
                assertArrayEquals(together, split, "batches of " + batch + " against one batch of 11");
            }
        }
    }

    @Test
    void damagedOrForeignDirectoriesAreRefusedWithTheReason() throws IOException {
        List<ImageRef> train = BrainSlices.set("train", 16, 64, 5, null);
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

    @Test
    void divergenceStopsTrainingWithAdviceInsteadOfSavingBrokenWeights() {
        List<ImageRef> train = BrainSlices.set("train", 64, 64, 5, null);
        Path model = dir.resolve("diverged");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SelfSupervisedTraining.train(train,
                SMALL.withLearningRate(1e6).withEpochs(3), model, SelfSupervisedTraining.Listener.NONE));
        assertTrue(e.getMessage().contains("diverged") && e.getMessage().contains("lower the learning rate"), e.getMessage());
        assertTrue(!Files.exists(model.resolve(SelfSupervisedBackbone.METADATA)), "nothing is saved");
    }

    private static double auroc(Path model, List<ImageRef> train, List<ImageRef> test, int[] labels) throws IOException {
        try (Backbone b = SelfSupervisedBackbone.load(model)) {
            double[][] x = Embedder.embed(b, train, Embedder.Options.defaults()).toDoubles();
            double[][] y = Embedder.embed(b, test, Embedder.Options.defaults()).toDoubles();
            return Metrics.auroc(GdeBaseline.fit(x, DetectorOptions.defaults()).score(y), labels);
        }
    }
}
