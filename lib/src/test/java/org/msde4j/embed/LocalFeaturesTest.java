package org.msde4j.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.data.Split;
import org.msde4j.image.ImageRef;
import org.msde4j.io.Npy;
import org.msde4j.testing.BrainSlices;

class LocalFeaturesTest {

    /**
     * The patch embeddings PyTorch 1.13 computed for the generator's probe, printed by
     * {@code scripts/dev/make-test-torchscript.py tiny-features} (avg_pool2d 3×3 without padding in
     * the mean, interpolate bilinear with align_corners=False, cat): patches (0, 0), (3, 5), (7, 7).
     */
    private static final float[][] PYTORCH_PATCHES = {
        {0.2331534f, 0.1549158f, 0.0525902f, 0.1929331f, 0.0f, 0.0594971f, 0.0f, 0.0f, 0.0263292f, 0.0773231f},
        {0.3765419f, 0.2540605f, 0.0530764f, 0.4621263f, 0.0f, 0.0372391f, 0.0f, 7.97e-05f, 0.017008f, 0.0653596f},
        {0.0636348f, 0.0272178f, 0.0120848f, 0.3895853f, 0.0f, 0.0408733f, 0.0f, 0.0f, 0.0368126f, 0.0744143f}};

    private static Path fixture(String name) {
        try {
            return Paths.get(LocalFeaturesTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The generator's probe: sin(0.37 k) for k = 0 … 767, as (1, 3, 16, 16). */
    private static float[] probe() {
        float[] x = new float[3 * 16 * 16];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) Math.sin(0.37 * k);
        }
        return x;
    }

    @Test
    void torchScriptFeatureMapsBecomeThePatchEmbeddingsPyTorchComputes() throws IOException {
        try (Backbone b = TorchScriptBackbone.load(fixture("tiny-features.pt"), Preprocessing.unnormalised(16, 3))) {
            LocalFeatures features = LocalFeatures.of(b);
            assertEquals(List.of(8, 8, 10), List.of(features.height(), features.width(), features.depth()),
                    "maps at strides 2 and 4 of a 16 px input: the 8 × 8 grid of the finer, 4 + 6 channels");
            float[] patches = features.embed(probe(), 1)[0];
            int[][] at = {{0, 0}, {3, 5}, {7, 7}};
            for (int i = 0; i < at.length; i++) {
                int from = (at[i][0] * 8 + at[i][1]) * 10;
                assertArrayEquals(PYTORCH_PATCHES[i], java.util.Arrays.copyOfRange(patches, from, from + 10), 1e-5f,
                        "patch " + java.util.Arrays.toString(at[i]));
            }
            assertEquals(6, b.embed(probe(), 1)[0].length, "the global embedding: the last map, averaged");
        }
    }

    @Test
    void backbonesWithoutFeatureMapsAreRefusedWithAWayOut() throws IOException {
        try (Backbone vectors = TorchScriptBackbone.load(TinyModel.file(), Preprocessing.unnormalised(16, 3))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LocalFeatures.of(vectors));
            assertTrue(e.getMessage().contains("returns [(batch, 7)], no feature map")
                    && e.getMessage().contains("make-test-torchscript.py resnet18-features"), e.getMessage());
        }
        try (Backbone pixels = new RawPixelBackbone(Preprocessing.unnormalised(32, 1))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LocalFeatures.of(pixels));
            assertTrue(e.getMessage().contains("has no spatial feature maps") && e.getMessage().contains("--backbone ssl"),
                    e.getMessage());
        }
    }

    @Test
    void theSelfSupervisedResNetGivesTheMapsOfTheChosenStages(@TempDir Path dir) throws IOException {
        List<ImageRef> train = BrainSlices.set("train", 8, 64, 5, null);
        SelfSupervisedOptions untrained = SelfSupervisedOptions.defaults().withArchitecture(ResNetArchitecture.resnet18Width(16))
                .withInputSize(64).withEpochs(0);
        SelfSupervisedTraining.train(train, untrained, dir.resolve("ssl"), SelfSupervisedTraining.Listener.NONE);
        try (Backbone b = SelfSupervisedBackbone.load(dir.resolve("ssl"))) {
            LocalFeatures patchCore = LocalFeatures.of(b, LocalFeatures.PATCHCORE_STRIDES);
            assertEquals(List.of(8, 8, 32 + 64), List.of(patchCore.height(), patchCore.width(), patchCore.depth()),
                    "64 px / 8 = 8; layer2 has 2 · 16 channels, layer3 4 · 16");
            LocalFeatures features = LocalFeatures.of(b);
            assertEquals(List.of(16, 16, 16 + 32), List.of(features.height(), features.width(), features.depth()),
                    "the default, layer1 + layer2: 64 px / 4 = 16; 16 + 32 channels");
            IllegalArgumentException deep = assertThrows(IllegalArgumentException.class, () -> LocalFeatures.of(b, 8, 64));
            assertTrue(deep.getMessage().contains("has no feature map at stride 64"), deep.getMessage());
            EmbeddingCache cache = new EmbeddingCache(dir.resolve("cache"));
            LocalEmbeddings first = cache.embedLocal("brains", Split.TRAIN, train, features, Embedder.Options.defaults());
            LocalEmbeddings again = cache.embedLocal("brains", Split.TRAIN, train, features, Embedder.Options.defaults());
            assertArrayEquals(first.values(), again.values(), 0f);
            assertEquals(8, first.size());
            assertNotEquals(first.patch(0, 0)[0], first.patch(1, 0)[0], "another image, other features");
            EmbeddingCache.Key key = new EmbeddingCache.Key("brains", Split.TRAIN, features.identity(),
                    features.preprocessing().key());
            assertArrayEquals(new long[] {8, 16, 16, 48}, Npy.read(cache.arrayFile(key)).shape(), "images × h × w × d");
            assertTrue(Files.readString(cache.sidecarFile(key)).contains("\"grid\""));
            assertNotEquals(b.identity(), features.identity(), "patch entries never collide with global ones");
        }
    }
}
