package org.msde4j.data;

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
import org.msde4j.image.ImageRef;

class FolderLayoutTest {

    private static void images(Path dir, int n, int seed) throws IOException {
        for (int i = 0; i < n; i++) {
            FixtureTrees.writePng(dir.resolve("p" + i + ".png"), seed + i);
        }
    }

    @Test
    void camelyon16Folders(@TempDir Path dir) throws IOException {
        images(dir.resolve("train/good"), 4, 0);
        images(dir.resolve("test/good"), 2, 10);
        images(dir.resolve("test/Ungood"), 3, 20);
        Files.writeString(dir.resolve("test/Ungood/readme.txt"), "not an image");
        FolderLayout layout = FolderLayout.of("train/good", "test/good", "test/Ungood");
        Dataset data = layout.load(dir, "camelyon16");
        assertEquals(new SplitCounts(4, 0, 2, 3), data.counts());
        assertTrue(data.samples().stream().anyMatch(s -> s.id().equals("test/Ungood/p2.png") && s.label() == 1));
    }

    @Test
    void brats2021IgnoresTheAnnotationMasks(@TempDir Path dir) throws IOException {
        images(dir.resolve("train"), 3, 0);
        images(dir.resolve("test/normal"), 2, 10);
        images(dir.resolve("test/tumor"), 2, 20);
        images(dir.resolve("test/annotation"), 2, 30);
        FolderLayout layout = new FolderLayout(List.of(new FolderLayout.Folder("train", FolderLayout.Role.TRAIN, 0),
                new FolderLayout.Folder("test/normal", FolderLayout.Role.TEST, 0),
                new FolderLayout.Folder("test/tumor", FolderLayout.Role.TEST, 1)), List.of("test/annotation"), 0, 0);
        assertEquals(new SplitCounts(3, 0, 2, 2), layout.load(dir, "brats2021").counts());
    }

    @Test
    void brats2021MasksComeFromTheAnnotationFolder(@TempDir Path dir) throws IOException {
        images(dir.resolve("train"), 3, 0);
        images(dir.resolve("test/normal"), 2, 10);
        images(dir.resolve("test/tumor"), 3, 20);
        FixtureTrees.writePng(dir.resolve("test/annotation/p0.png"), 30);
        FixtureTrees.writePng(dir.resolve("test/annotation/p2_mask.png"), 31);
        FolderLayout layout = new FolderLayout(List.of(new FolderLayout.Folder("train", FolderLayout.Role.TRAIN, 0),
                new FolderLayout.Folder("test/normal", FolderLayout.Role.TEST, 0),
                new FolderLayout.Folder("test/tumor", FolderLayout.Role.TEST, 1, "test/annotation")),
                List.of("test/annotation"), 0, 0);
        Dataset data = layout.load(dir, "brats2021");
        assertEquals(new SplitCounts(3, 0, 2, 3), data.counts(), "masks are not images to score");
        java.util.Map<String, ImageRef> masks = new java.util.HashMap<>();
        data.samples().stream().filter(s -> s.mask() != null).forEach(s -> masks.put(s.id(), s.mask()));
        assertEquals(java.util.Map.of("test/tumor/p0.png", new ImageRef.File(dir.resolve("test/annotation/p0.png")),
                "test/tumor/p2.png", new ImageRef.File(dir.resolve("test/annotation/p2_mask.png"))), masks,
                "p1 has no mask; p2's follows MVTec's NAME_mask convention");
    }

    @Test
    void normalAndAbnormalFoldersSplitLikeAnomalibsFolder(@TempDir Path dir) throws IOException {
        images(dir.resolve("normal"), 20, 0);
        images(dir.resolve("abnormal"), 5, 100);
        Dataset a = FolderLayout.normalAbnormal("normal", "abnormal", 0.25, 7).load(dir, "mine");
        assertEquals(new SplitCounts(15, 0, 5, 5), a.counts());
        Dataset b = FolderLayout.normalAbnormal("normal", "abnormal", 0.25, 7).load(dir, "mine");
        assertEquals(a.test().stream().map(Sample::id).toList(), b.test().stream().map(Sample::id).toList(), "same seed, same split");
        Dataset c = FolderLayout.normalAbnormal("normal", "abnormal", 0.25, 8).load(dir, "mine");
        assertNotEquals(a.test().stream().map(Sample::id).toList(), c.test().stream().map(Sample::id).toList());
        assertEquals(Split.TRAIN, a.samples().get(0).split(), "training samples come first");
    }

    @Test
    void missingOrEmptyFoldersAreNamed(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("train/good"));
        FolderLayout layout = FolderLayout.of("train/good", "test/good", "test/Ungood");
        IOException empty = assertThrows(IOException.class, () -> layout.load(dir, "x"));
        assertTrue(empty.getMessage().contains(dir.resolve("train/good") + " holds no images"), empty.getMessage());
        images(dir.resolve("train/good"), 1, 0);
        IOException missing = assertThrows(IOException.class, () -> layout.load(dir, "x"));
        assertTrue(missing.getMessage().contains(dir.resolve("test/good") + " does not exist"), missing.getMessage());
    }
}
