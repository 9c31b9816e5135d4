package org.msde4j.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.embed.SelfSupervisedOptions;

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
}
