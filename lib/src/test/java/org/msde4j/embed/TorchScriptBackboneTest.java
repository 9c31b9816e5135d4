package org.msde4j.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.image.Pixels;

class TorchScriptBackboneTest {

    private static final Preprocessing PROBE_INPUT = Preprocessing.unnormalised(8, 3);

    @Test
    void reproducesPyTorchOnTheGeneratorsProbe() throws IOException {
        try (Backbone b = TorchScriptBackbone.load(TinyModel.file(), PROBE_INPUT)) {
            float[][] out = b.embed(TinyModel.probe(), 1);
            assertEquals(1, out.length);
            assertArrayEquals(TinyModel.PROBE_OUTPUT, out[0], 1e-6f);
        }
    }

    @Test
    void embedsKnownPixelsThroughThePaperPreprocessing() throws IOException {
        // A constant grey image: after the paper preset every channel c holds (v − mean_c) / std_c,
        // and the tiny model's first three outputs are exactly those channel means.
        double v = 200.0 / 255;
        Pixels grey = constant(40, 30, 1, 200);
        try (Backbone b = TorchScriptBackbone.load(TinyModel.file(), Preprocessing.paper())) {
            float[] row = b.embed(List.of(grey))[0];
            assertEquals(7, row.length);
            assertEquals((v - 0.485) / 0.229, row[0], 1e-5);
            assertEquals((v - 0.456) / 0.224, row[1], 1e-5);
            assertEquals((v - 0.406) / 0.225, row[2], 1e-5);
        }
    }

    @Test
    void batchesGiveOneRowPerImageAndRepeatBitForBit() throws IOException {
        List<Pixels> images = List.of(gradient(0), gradient(7), gradient(13));
        try (Backbone b = TorchScriptBackbone.load(TinyModel.file(), Preprocessing.paper().withSize(32))) {
            float[][] first = b.embed(images);
            float[][] again = b.embed(images);
            float[][] single = b.embed(List.of(images.get(1)));
            assertEquals(3, first.length);
            for (int i = 0; i < 3; i++) {
                assertEquals(7, first[i].length);
                assertArrayEquals(first[i], again[i], 0f);
            }
            assertArrayEquals(first[1], single[0], 0f, "an image alone gives the same row as within a batch");
            assertNotEquals(first[0][3], first[2][3]);
        }
    }

    @Test
    void identityFollowsWeightsAndPreprocessing(@TempDir Path dir) throws IOException {
        Path copy = Files.copy(TinyModel.file(), dir.resolve("copy.pt"));
        String a;
        String b;
        String c;
        try (Backbone x = TorchScriptBackbone.load(TinyModel.file(), Preprocessing.paper());
             Backbone y = TorchScriptBackbone.load(copy, Preprocessing.paper());
             Backbone z = TorchScriptBackbone.load(copy, Preprocessing.paper().withSize(128))) {
            a = x.identity();
            b = y.identity();
            c = z.identity();
        }
        assertEquals(a, b, "same weights and preprocessing, same identity wherever the file lies");
        assertNotEquals(a, c);
        assertTrue(a.matches("[0-9a-f]{64}"));
    }

    @Test
    void aFileThatIsNotTorchScriptIsRefusedByName(@TempDir Path dir) throws IOException {
        Path bogus = Files.writeString(dir.resolve("weights.pt"), "not a model");
        IOException e = assertThrows(IOException.class, () -> TorchScriptBackbone.load(bogus, Preprocessing.paper()));
        assertTrue(e.getMessage().contains(bogus.toString()), e.getMessage());
        IOException missing = assertThrows(IOException.class,
                () -> TorchScriptBackbone.load(dir.resolve("nothing.pt"), Preprocessing.paper()));
        assertTrue(missing.getMessage().contains("nothing.pt"), missing.getMessage());
    }

    static Pixels constant(int w, int h, int channels, int value) {
        int[] v = new int[w * h * channels];
        java.util.Arrays.fill(v, value);
        return new Pixels(w, h, channels, 255, v);
    }

    static Pixels gradient(int phase) {
        int w = 48;
        int h = 40;
        int[] v = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = (x * 5 + y * phase) % 256;
            }
        }
        return new Pixels(w, h, 1, 255, v);
    }
}
