package org.msde4j.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.msde4j.data.Split;
import org.msde4j.image.ImageFormatException;
import org.msde4j.image.ImageRef;
import org.msde4j.io.Npy;

class EmbeddingCacheTest {

    @TempDir
    Path dir;

    private final Backbone raw = new RawPixelBackbone(Preprocessing.unnormalised(5, 1));
    private final AtomicInteger decoded = new AtomicInteger();

    @Test
    void computesOnceThenReadsTheSameValues() throws IOException {
        EmbeddingCache cache = new EmbeddingCache(dir);
        List<ImageRef> images = TestImages.arrays(7, decoded);
        Embeddings first = cache.embed("patterns", Split.TRAIN, images, raw, Embedder.Options.defaults());
        assertEquals(7, decoded.get());
        Embeddings second = cache.embed("patterns", Split.TRAIN, images, raw, Embedder.Options.defaults());
        assertEquals(7, decoded.get(), "a valid entry is read, not recomputed");
        assertArrayEquals(first.values(), second.values(), 0f);
        assertEquals(first.names(), second.names());

        EmbeddingCache.Key key = key("patterns", Split.TRAIN, raw);
        Npy.Array npy = Npy.read(cache.arrayFile(key));
        assertArrayEquals(new long[] {7, 25}, npy.shape());
        assertEquals("<f4", npy.dtype());
        assertTrue(Files.readString(cache.sidecarFile(key)).contains(raw.identity()));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "only the .npy and its sidecar: no temporary files left");
        }
    }

    @Test
    void everyKeyFieldSelectsItsOwnEntry() throws IOException {
        EmbeddingCache cache = new EmbeddingCache(dir);
        List<ImageRef> images = TestImages.arrays(4, decoded);
        Backbone larger = new RawPixelBackbone(Preprocessing.unnormalised(6, 1));
        cache.embed("patterns", Split.TRAIN, images, raw, Embedder.Options.defaults());
        cache.embed("patterns", Split.TEST, images, raw, Embedder.Options.defaults());
        cache.embed("other", Split.TRAIN, images, raw, Embedder.Options.defaults());
        Embeddings resized = cache.embed("patterns", Split.TRAIN, images, larger, Embedder.Options.defaults());
        assertEquals(16, decoded.get(), "four different keys, four computations");
        assertEquals(36, resized.dimension());
        assertNotEquals(cache.arrayFile(key("patterns", Split.TRAIN, raw)), cache.arrayFile(key("patterns", Split.TRAIN, larger)));
    }

    @Test
    void aChangedImageListIsRecomputed() throws IOException {
        EmbeddingCache cache = new EmbeddingCache(dir);
        cache.embed("patterns", Split.TRAIN, TestImages.arrays(4, decoded), raw, Embedder.Options.defaults());
        Embeddings more = cache.embed("patterns", Split.TRAIN, TestImages.arrays(6, decoded), raw, Embedder.Options.defaults());
        assertEquals(10, decoded.get());
        assertEquals(6, more.size());
    }

    @Test
    void aDamagedArrayFileIsNeverReused() throws IOException {
        EmbeddingCache cache = new EmbeddingCache(dir);
        List<ImageRef> images = TestImages.arrays(3, decoded);
        Embeddings good = cache.embed("patterns", Split.TRAIN, images, raw, Embedder.Options.defaults());
        Path npy = cache.arrayFile(key("patterns", Split.TRAIN, raw));
        byte[] bytes = Files.readAllBytes(npy);
        bytes[bytes.length - 1] ^= 0x40;
        Files.write(npy, bytes);
        Embeddings again = cache.embed("patterns", Split.TRAIN, images, raw, Embedder.Options.defaults());
        assertEquals(6, decoded.get(), "a checksum mismatch means recompute");
        assertArrayEquals(good.values(), again.values(), 0f);
    }

    @Test
    void anEntryWithSkippedImagesIsReusedOnlyWhenSkippingIsAllowed() throws IOException {
        EmbeddingCache cache = new EmbeddingCache(dir);
        List<ImageRef> images = new ArrayList<>(TestImages.arrays(3, decoded));
        images.add(new ImageRef.File(Files.createFile(dir.resolve("empty.png"))));
        Embedder.Options skip = Embedder.Options.defaults().withBadImagePolicy(BadImagePolicy.SKIP);
        Embeddings first = cache.embed("mixed", Split.TEST, images, raw, skip);
        Embeddings reused = cache.embed("mixed", Split.TEST, images, raw, skip);
        assertEquals(3, decoded.get());
        assertEquals(first.skipped(), reused.skipped());
        assertEquals(1, reused.skipped().size());
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> cache.embed("mixed", Split.TEST, images, raw, Embedder.Options.defaults()));
        assertTrue(e.getMessage().contains("empty.png"), e.getMessage());
    }

    @Test
    void anImageEditedInPlaceIsEmbeddedAgainEvenWithItsOldModificationTime() throws IOException {
        EmbeddingCache cache = new EmbeddingCache(dir.resolve("cache"));
        Path images = Files.createDirectories(dir.resolve("images"));
        List<ImageRef> refs = List.of(new ImageRef.File(TestImages.png(images, "a.png", 0)),
                new ImageRef.File(TestImages.png(images, "b.png", 1)));
        Embeddings first = cache.embed("scans", Split.TEST, refs, raw, Embedder.Options.defaults());
        Path sidecar = cache.sidecarFile(key("scans", Split.TEST, raw));
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(sidecar);
        cache.embed("scans", Split.TEST, refs, raw, Embedder.Options.defaults());
        assertEquals(written, Files.getLastModifiedTime(sidecar), "unchanged images: the entry is read, not rewritten");

        java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(images.resolve("b.png"));
        Path replaced = TestImages.png(images, "b.png", 5);
        Files.setLastModifiedTime(replaced, before);
        Embeddings second = cache.embed("scans", Split.TEST, refs, raw, Embedder.Options.defaults());
        Embeddings fresh = Embedder.embed(raw, refs, Embedder.Options.defaults());
        assertArrayEquals(fresh.values(), second.values(), 0f, "the edited image is embedded anew");
        assertArrayEquals(first.row(0), second.row(0), 0.0);
        assertTrue(!java.util.Arrays.equals(first.row(1), second.row(1)), "b.png's embedding changed");
        assertEquals(List.of(12, 12), second.statistics().stream().map(org.msde4j.image.ImageStatistics::width).toList(),
                "image statistics come with the embeddings");
    }

    @Test
    void arrayEntriesWithoutANamedSourceAreKeyedByTheirPixels() throws IOException {
        EmbeddingCache cache = new EmbeddingCache(dir);
        int[] shift = {0};
        List<ImageRef> refs = List.of(new ImageRef.Array("set", 0, () -> TestImages.pattern(shift[0])));
        Embeddings first = cache.embed("set", Split.TRAIN, refs, raw, Embedder.Options.defaults());
        shift[0] = 3;
        Embeddings second = cache.embed("set", Split.TRAIN, refs, raw, Embedder.Options.defaults());
        assertArrayEquals(Embedder.embed(raw, refs, Embedder.Options.defaults()).values(), second.values(), 0f);
        assertTrue(!java.util.Arrays.equals(first.values(), second.values()));
    }

    private static EmbeddingCache.Key key(String dataset, Split split, Backbone b) {
        return new EmbeddingCache.Key(dataset, split, b.identity(), b.preprocessing().key());
    }
}
