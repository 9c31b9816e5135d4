package org.msde4j.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.data.synthetic.Difficulty;
import org.msde4j.data.synthetic.SyntheticBrainMri;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.detect.GdeBaseline;
import org.msde4j.eval.Metrics;
import org.msde4j.image.ImageRef;
import org.msde4j.io.Sha256;
import org.msde4j.knn.ExactKnn;
import org.msde4j.knn.TorchGram;
import org.msde4j.testing.BrainSlices;

/**
 * Real, small training runs on synthetic brain-MRI slices at 64 px with a ResNet-18 layout of width
 * 16, the narrowest that libtorch's convolutions handle repeatably ({@link ResNetArchitecture}).
 */
class SelfSupervisedTrainingTest {

    /** The default pretext (AnatPaste) at width 16, 12 epochs, read out at three scales, 10 % held out. */
    private static final SelfSupervisedOptions SMALL = SelfSupervisedOptions.defaults()
            .withArchitecture(ResNetArchitecture.resnet18Width(16))
            .withReadout(Readout.parse(SelfSupervisedOptions.MULTI_SCALE))
            .withHeldOut(0.1)
            .withInputSize(64)
            .withEpochs(12)
            .withBatchSize(32)
            .withThreads(1);

    /** AnatPaste read out by the global average, nothing held out: the training before issue 13. */
    private static final SelfSupervisedOptions PASTE = SMALL.withHeldOut(0)
            .withReadout(Readout.globalAverage(ResNetArchitecture.resnet18Width(16)));

    @TempDir
    Path dir;

    @Test
    void anatPasteLossFallsAndTrainedEmbeddingsSeparateAnomaliesBetterThanUntrained() throws IOException {
        List<ImageRef> train = BrainSlices.set("train", 256, 64, 1, null);
        List<ImageRef> test = new ArrayList<>(BrainSlices.set("normal", 40, 64, 2, null));
        test.addAll(BrainSlices.set("tumour", 40, 64, 3, Difficulty.EASY));
        int[] labels = new int[80];
        java.util.Arrays.fill(labels, 40, 80, 1);

        SelfSupervisedTraining.Report trained = SelfSupervisedTraining.train(train, PASTE, dir.resolve("trained"),
                SelfSupervisedTraining.Listener.NONE);
        SelfSupervisedTraining.train(train, PASTE.withEpochs(0), dir.resolve("untrained"), SelfSupervisedTraining.Listener.NONE);

        List<Double> loss = trained.loss();
        assertEquals(12, loss.size());
        assertTrue(loss.get(loss.size() - 1) < 0.8 * loss.get(0), "pretext loss falls: " + loss);
        double trainedAuroc = auroc(dir.resolve("trained"), train, test, labels);
        double untrainedAuroc = auroc(dir.resolve("untrained"), train, test, labels);
        assertTrue(trainedAuroc > untrainedAuroc + 0.05,
                "trained AUROC " + trainedAuroc + " vs untrained " + untrainedAuroc);
    }

    /**
     * Denoising: the reconstruction loss falls on the training batches and on the held-out normals
     * (10 % of 96 = 10 images the network never trains on), one held-out value per epoch, and the
     * weights saved are those of the epoch where the held-out loss was lowest.
     */
    @Test
    void denoisingLearnsWhatHoldsForHeldOutNormalsAndKeepsItsBestEpoch() throws IOException {
        List<ImageRef> train = BrainSlices.set("train", 96, 64, 1, null);
        SelfSupervisedTraining.Report report = SelfSupervisedTraining.train(train, SMALL.withPretext(DenoisingTask.coarseNoise()).withEpochs(6), dir.resolve("dae"),
                SelfSupervisedTraining.Listener.NONE);
        List<Double> heldOut = report.heldOutLoss();
        assertEquals(report.loss().size(), heldOut.size());
        assertTrue(report.loss().get(report.loss().size() - 1) < 0.8 * report.loss().get(0), "training loss " + report.loss());
        assertTrue(heldOut.get(heldOut.size() - 1) < 0.8 * heldOut.get(0), "held-out loss " + heldOut);
        int argmin = 0;
        for (int i = 1; i < heldOut.size(); i++) {
            argmin = heldOut.get(i) < heldOut.get(argmin) ? i : argmin;
        }
        assertEquals(argmin + 1, report.bestEpoch());
        String meta = Files.readString(dir.resolve("dae").resolve(SelfSupervisedBackbone.METADATA));
        assertTrue(meta.contains("\"heldOut\" : 10") && meta.contains("denoising") && meta.contains("\"readout\" : \""
                + SelfSupervisedOptions.MULTI_SCALE + "\""), meta);
        try (Backbone b = SelfSupervisedBackbone.load(dir.resolve("dae"))) {
            assertEquals(Readout.parse(SelfSupervisedOptions.MULTI_SCALE).dimension(ResNetArchitecture.resnet18Width(16)),
                    b.embed(List.of(SyntheticBrainMri.normalSlice(64, 3)))[0].length);
        }
    }

    @Test
    void fewerNormalsThanABatchOrATooSmallTimeBudgetAreRefusedBeforeTraining() {
        List<ImageRef> twenty = BrainSlices.set("train", 20, 64, 1, null);
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class, () -> SelfSupervisedTraining.train(
                twenty, SMALL, dir.resolve("a"), SelfSupervisedTraining.Listener.NONE));
        assertTrue(batch.getMessage().contains("16 normal images to train on (of 20, 4 held out)")
                && batch.getMessage().contains("batch of 32") && batch.getMessage().contains("--batch"), batch.getMessage());
        List<ImageRef> forty = BrainSlices.set("train", 40, 64, 1, null);
        IllegalArgumentException budget = assertThrows(IllegalArgumentException.class, () -> SelfSupervisedTraining.train(
                forty, SMALL.withMinutes(1e-6), dir.resolve("b"), SelfSupervisedTraining.Listener.NONE));
        assertTrue(budget.getMessage().contains("one epoch") && budget.getMessage().contains("--train-minutes"),
                budget.getMessage());
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class, () -> SelfSupervisedTraining.train(
                twenty.subList(0, 5), SMALL.withBatchSize(1), dir.resolve("c"), SelfSupervisedTraining.Listener.NONE));
        assertTrue(few.getMessage().contains("at least 2 normal images to train on, got 5 of which 4 are held out"),
                few.getMessage());
        assertTrue(!Files.exists(dir.resolve("a")) && !Files.exists(dir.resolve("b")) && !Files.exists(dir.resolve("c")),
                "nothing is written");
    }

    /** The default pretext and readout on two libtorch threads, as on a 2-core machine. */
    @Test
    void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers() throws IOException {
        List<ImageRef> train = BrainSlices.set("train", 48, 64, 5, null);
        SelfSupervisedOptions quick = SMALL.withEpochs(1).withThreads(2);
        SelfSupervisedTraining.train(train, quick, dir.resolve("a"), SelfSupervisedTraining.Listener.NONE);
        SelfSupervisedTraining.train(train, quick, dir.resolve("b"), SelfSupervisedTraining.Listener.NONE);
        SelfSupervisedTraining.train(train, quick.withSeed(7), dir.resolve("c"), SelfSupervisedTraining.Listener.NONE);
        String a = Sha256.of(dir.resolve("a").resolve(SelfSupervisedBackbone.WEIGHTS));
        assertEquals(a, Sha256.of(dir.resolve("b").resolve(SelfSupervisedBackbone.WEIGHTS)));
        assertTrue(!a.equals(Sha256.of(dir.resolve("c").resolve(SelfSupervisedBackbone.WEIGHTS))));
        try (Backbone x = SelfSupervisedBackbone.load(dir.resolve("a"));
             Backbone y = SelfSupervisedBackbone.load(dir.resolve("b"))) {
            assertEquals(x.identity(), y.identity());
            assertEquals(32 * 4 * 4 + 64 * 2 * 2 + 128, x.embed(List.of(SyntheticBrainMri.normalSlice(64, 9L * 1_000_003L + 0)))[0].length,
                    "stage 2 (32 channels) on 4 × 4 cells, stage 3 (64) on 2 × 2, stage 4 (128) globally");
        }
        String meta = Files.readString(dir.resolve("a").resolve(SelfSupervisedBackbone.METADATA));
        assertTrue(meta.contains("\"seed\" : 42") && meta.contains("anatpaste") && meta.contains("\"images\" : 48"), meta);
    }

    /**
     * The same seed gives the same weights (two libtorch threads) after other libtorch work in this
     * JVM — another training, embedding, a kNN search by libtorch, and another intra-op thread count
     * set on this thread, which also becomes the process default — and in a fresh JVM. Training
     * leaves this thread's count and the process default as they were.
     */
    @Test
    void theSameSeedGivesTheSameWeightsAfterOtherLibtorchWorkAndInAFreshJvm() throws Exception {
        String first = RepeatabilityProbe.weights(dir.resolve("first"));
        int callerThreads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        try {
            SelfSupervisedTraining.train(BrainSlices.set("other", 40, 64, 6, null),
                    SMALL.withArchitecture(ResNetArchitecture.resnet18Width(16)).withEpochs(1).withSeed(3),
                    dir.resolve("other"), SelfSupervisedTraining.Listener.NONE);
            try (Backbone b = SelfSupervisedBackbone.load(dir.resolve("first"))) {
                Embedder.embed(b, RepeatabilityProbe.images().subList(0, 33), Embedder.Options.defaults());
            }
            new ExactKnn(new TorchGram()).selfInclusive(gaussian(500, 16), 10);
            assertEquals(first, RepeatabilityProbe.weights(dir.resolve("again")), "same seed after other work");
            assertEquals(1, JniUtils.getNumThreads(), "this thread's intra-op thread count is left alone");
            assertEquals(1, threadsOfANewThread(), "the process default is restored");
        } finally {
            JniUtils.setNumThreads(callerThreads);
        }
        assertEquals(first, weightsFromAFreshJvm(dir.resolve("fresh")), "same seed in a fresh JVM");
    }

    private static double[][] gaussian(int n, int d) {
        Random random = new Random(2);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return x;
    }

    private static int threadsOfANewThread() throws InterruptedException {
        int[] count = new int[1];
        Thread t = new Thread(() -> count[0] = JniUtils.getNumThreads());
        t.start();
        t.join();
        return count[0];
    }

    private static String weightsFromAFreshJvm(Path out) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java, "-cp", classpath, RepeatabilityProbe.class.getName(), out.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        Matcher m = Pattern.compile("weights ([0-9a-f]{64})").matcher(output);
        assertTrue(m.find(), output);
        return m.group(1);
    }

    @Test
    void anImageEmbedsTheSameAloneAsWithinABatch() throws IOException {
        Path model = dir.resolve("untrained");
        SelfSupervisedTraining.train(BrainSlices.set("train", 16, 64, 5, null), SMALL.withEpochs(0), model,
                SelfSupervisedTraining.Listener.NONE);
        List<ImageRef> images = BrainSlices.set("probe", 5, 64, 11, null);
        try (Backbone b = SelfSupervisedBackbone.load(model)) {
            Embeddings together = Embedder.embed(b, images, Embedder.Options.defaults());
            for (int i = 0; i < images.size(); i++) {
                Embeddings alone = Embedder.embed(b, images.subList(i, i + 1), Embedder.Options.defaults());
                assertArrayEquals(together.row(i), alone.row(0), 0.0, "image " + i);
            }
        }
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
                PASTE.withLearningRate(1e6).withEpochs(3), model, SelfSupervisedTraining.Listener.NONE));
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
