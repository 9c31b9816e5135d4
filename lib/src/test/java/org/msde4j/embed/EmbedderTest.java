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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.image.ImageFormatException;
import org.msde4j.image.ImageRef;

class EmbedderTest {

    private final Backbone raw = new RawPixelBackbone(Preprocessing.unnormalised(6, 1));

    @Test
    void rowsFollowTheInputOrderWhateverTheBatchSize() throws IOException {
        AtomicInteger decoded = new AtomicInteger();
        List<ImageRef> images = TestImages.arrays(11, decoded);
        Embeddings byFour = Embedder.embed(raw, images, Embedder.Options.defaults().withBatchSize(4));
        Embeddings byOne = Embedder.embed(raw, images, Embedder.Options.defaults().withBatchSize(1));
        assertEquals(11, byFour.size());
        assertEquals(36, byFour.dimension());
        assertArrayEquals(byOne.values(), byFour.values(), 0f);
        for (int i = 0; i < 11; i++) {
            assertArrayEquals(raw.preprocessing().apply(TestImages.pattern(i)), toFloats(byFour.row(i)), 0f);
            assertEquals("patterns[" + i + "]", byFour.names().get(i));
        }
    }

    @Test
    void imagesAreDecodedOneBatchAtATime() throws IOException {
        AtomicInteger decoded = new AtomicInteger();
        List<ImageRef> images = TestImages.arrays(10, decoded);
        List<String> seen = new ArrayList<>();
        EmbeddingListener listener = (done, total) -> seen.add(done + "/" + total + " decoded " + decoded.get());
        Embedder.embed(raw, images, Embedder.Options.defaults().withBatchSize(4).withListener(listener));
        assertEquals(List.of("4/10 decoded 4", "8/10 decoded 8", "10/10 decoded 10"), seen);
    }

    @Test
    void aBadFileInAFolderFailsByNameOrIsSkippedAndReported(@TempDir Path dir) throws IOException {
        TestImages.png(dir, "a.png", 0);
        TestImages.png(dir, "b.png", 1);
        Files.createFile(dir.resolve("c-empty.png"));
        Files.writeString(dir.resolve("d-readme.txt"), "not an image");
        Files.write(dir.resolve("e-corrupt.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 26, '\n', 0, 0, 0});
        TestImages.png(dir, "f.png", 2);
        List<ImageRef> folder;
        try (Stream<Path> files = Files.list(dir)) {
            folder = files.sorted().map(p -> (ImageRef) new ImageRef.File(p)).toList();
        }

        ImageFormatException failure = assertThrows(ImageFormatException.class,
                () -> Embedder.embed(raw, folder, Embedder.Options.defaults().withBatchSize(2)));
        assertTrue(failure.getMessage().contains("c-empty.png") && failure.getMessage().contains("image 3 of 6")
                && failure.getMessage().contains("SKIP"), failure.getMessage());

        List<SkippedImage> heard = new ArrayList<>();
        EmbeddingListener listener = new EmbeddingListener() {
            @Override
            public void progress(int done, int total) {
            }

            @Override
            public void skipped(SkippedImage image) {
                heard.add(image);
            }
        };
        Embeddings kept = Embedder.embed(raw, folder, Embedder.Options.defaults().withBatchSize(2)
                .withBadImagePolicy(BadImagePolicy.SKIP).withListener(listener));
        assertEquals(3, kept.size());
        assertEquals(List.of(2, 3, 4), kept.skipped().stream().map(SkippedImage::index).toList());
        assertEquals(kept.skipped(), heard);
        assertTrue(kept.skipped().get(0).reason().contains("0 bytes"));
        assertTrue(kept.skipped().get(1).reason().contains("not an image"));
        assertTrue(kept.skipped().get(2).reason().contains("could not be decoded"));
        for (int r = 0; r < 3; r++) {
            assertArrayEquals(raw.preprocessing().apply(TestImages.pattern(r)), toFloats(kept.row(r)), 0f,
                    "good images keep their own embeddings");
        }
        assertTrue(kept.names().get(2).endsWith("f.png"));
    }

    @Test
    void aNonFiniteBackboneOutputStopsTheRun() {
        Backbone broken = new Backbone() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Preprocessing preprocessing() {
                return raw.preprocessing();
            }

            @Override
            public String identity() {
                return "x";
            }

            @Override
            public float[][] embed(float[] input, int count) {
                float[][] rows = new float[count][2];
                rows[count - 1][1] = Float.NaN;
                return rows;
            }

            @Override
            public void close() {
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Embedder.embed(broken, TestImages.arrays(3, new AtomicInteger()), Embedder.Options.defaults()));
        assertTrue(e.getMessage().contains("patterns[2]") && e.getMessage().contains("NaN"), e.getMessage());
    }

    static float[] toFloats(double[] row) {
        float[] f = new float[row.length];
        for (int i = 0; i < row.length; i++) {
            f[i] = (float) row[i];
        }
        return f;
    }
}
