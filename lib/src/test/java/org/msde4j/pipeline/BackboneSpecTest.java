package org.msde4j.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.data.Sample;
import org.msde4j.data.Split;
import org.msde4j.embed.SelfSupervisedOptions;
import org.msde4j.image.ImageRef;
import org.msde4j.testing.BrainSlices;

class BackboneSpecTest {

    @TempDir
    Path dir;

    private static BackboneSpec parse(String text) {
        return BackboneSpec.parse(text, 0, null, SelfSupervisedOptions.defaults());
    }

    @Test
    void weightsAreTheFileOrFolderTheBackboneLoadsFrom() {
        Path cache = dir.resolve("cache");
        assertEquals(Path.of("/m/resnet.pt"), parse("torchscript:/m/resnet.pt").weights(cache));
        assertEquals(Path.of("/b/ssl-1"), parse("ssl:/b/ssl-1").weights(cache));
        Path fetched = parse("torchscript:https://host/models/r18.pt").weights(cache);
        assertEquals(cache.resolve("models"), fetched.getParent());
        assertEquals(true, fetched.getFileName().toString().endsWith("-r18.pt"));
        assertNull(parse("pixels").weights(cache));
        assertNull(parse("ssl").weights(cache), "ssl still to be trained");
    }

    @Test
    void aCopyOfTheWeightsOpensTheSameBackbone() throws IOException {
        Path original = dir.resolve("tiny.pt");
        try (InputStream in = getClass().getResourceAsStream("/org/msde4j/embed/tiny-embedder.pt")) {
            Files.copy(in, original);
        }
        Path copy = Files.copy(original, Files.createDirectories(dir.resolve("worker")).resolve("shipped.pt"));
        BackboneSpec spec = BackboneSpec.parse("torchscript:" + original, 32, null, null);
        BackboneSpec moved = spec.at(copy);
        assertEquals(copy, moved.weights(dir));
        assertEquals(32, moved.imageSize());
        try (BackboneSpec.Ready a = spec.open("d", List.of(), dir, true, System.out);
             BackboneSpec.Ready b = moved.open("d", List.of(), dir, true, System.out)) {
            assertEquals(a.backbone().identity(), b.backbone().identity());
            assertEquals(a.backbone().preprocessing().key(), b.backbone().preprocessing().key());
        }
        assertThrows(IllegalArgumentException.class, () -> parse("pixels").at(copy));
    }

    /**
     * 60 normal images, fewer than 100: the default embeds raw pixels at 16 px and says why and how to train
     * anyway; asked to train on few normals, it trains (0 epochs here: the initialised network, quickly).
     */
    @Test
    void fewNormalsGetRawPixelsUnlessTrainingIsAskedFor() throws IOException {
        List<Sample> normals = new ArrayList<>();
        List<ImageRef> slices = BrainSlices.set("train", 60, 32, 1, null);
        for (int i = 0; i < slices.size(); i++) {
            normals.add(new Sample("n" + i, slices.get(i), Split.TRAIN, 0, null));
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (BackboneSpec.Ready ready = BackboneSpec.defaults().open("d", normals, dir, true,
                new PrintStream(log, true, StandardCharsets.UTF_8))) {
            assertEquals("pixels", ready.spec());
            assertEquals(16, ready.backbone().preprocessing().size());
            assertEquals(0.0, ready.trainingSeconds());
        }
        String said = log.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("60 normal training images, fewer than 100") && said.contains("--ssl-epochs"), said);
        BackboneSpec training = BackboneSpec.parse("ssl", 32, null, SelfSupervisedOptions.defaults().withEpochs(0))
                .trainingOnFewNormals();
        try (BackboneSpec.Ready ready = training.open("d", normals, dir, true, System.out)) {
            assertTrue(ready.spec().startsWith("ssl:"), ready.spec());
        }
    }
}
