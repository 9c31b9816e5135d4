package org.msde4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.image.ImageRef;
import org.msde4j.image.PixelImages;
import org.msde4j.image.Pixels;

class GroundTruthTest {

    @Test
    void regionsJoinDiagonalNeighbours() {
        boolean[] flags = {
            true, false, false, true,
            false, true, false, false,
            false, false, false, true};
        int[] regions = new GroundTruth(4, 3, flags).regions();
        // (0,0) and (1,1) touch at a corner: one region; (3,0) alone; (3,2) alone
        assertArrayEquals(new int[] {0, -1, -1, 1, -1, 0, -1, -1, -1, -1, -1, 2}, regions);
    }

    @Test
    void resizingKeepsPixelsCoveredAtLeastHalf() {
        boolean[] flags = new boolean[16];
        flags[0] = flags[1] = flags[4] = flags[5] = true; // the top-left 2×2 block of a 4×4 mask
        flags[15] = true;                                 // one pixel of the bottom-right block
        GroundTruth half = new GroundTruth(4, 4, flags).resized(2, 2);
        assertArrayEquals(new boolean[] {true, false, false, false}, half.anomalous());
    }

    private static ImageRef png(Path file, int width, int height, int... values) throws IOException {
        ImageIO.write(PixelImages.toBufferedImage(new Pixels(width, height, 1, 255, values)), "png", file.toFile());
        return new ImageRef.File(file);
    }

    @Test
    void aMaskOfAnotherSizeNamesBothFiles(@TempDir Path dir) throws IOException {
        ImageRef image = png(dir.resolve("scan.png"), 3, 2, 0, 0, 0, 0, 0, 0);
        ImageRef mask = png(dir.resolve("scan-mask.png"), 2, 2, 0, 255, 0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GroundTruth.read(new Sample("scan.png", image, Split.TEST, 1, mask)));
        assertTrue(e.getMessage().contains("scan-mask.png is 2×2") && e.getMessage().contains("scan.png is 3×2"),
                e.getMessage());
    }

    @Test
    void readsNonZeroPixelsAndGivesNormalImagesAnEmptyMask(@TempDir Path dir) throws IOException {
        ImageRef image = png(dir.resolve("scan.png"), 3, 1, 10, 20, 30);
        ImageRef mask = png(dir.resolve("mask.png"), 3, 1, 0, 1, 255);
        GroundTruth t = GroundTruth.read(new Sample("scan.png", image, Split.TEST, 1, mask));
        assertArrayEquals(new boolean[] {false, true, true}, t.anomalous());
        GroundTruth normal = GroundTruth.read(new Sample("scan.png", image, Split.TEST, 0));
        assertEquals(0, normal.area());
        assertEquals(3, normal.width());
    }
}
