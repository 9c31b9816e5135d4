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
