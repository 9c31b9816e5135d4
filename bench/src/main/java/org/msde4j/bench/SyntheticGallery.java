package org.msde4j.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.msde4j.data.synthetic.Difficulty;
import org.msde4j.data.synthetic.SyntheticBrainMri;
import org.msde4j.image.Pixels;
import org.msde4j.io.AtomicFiles;

/**
 * Writes the picture grid of {@code docs/data.md}: two rows of normal slices, then one row of
 * tumour slices per difficulty (easy, medium, hard), 8 columns, 128 px tiles.
 *
 * <p>Run: {@code ./jbang msde-bench synthetic-gallery docs/synthetic-brain-mri.png}
 */
public final class SyntheticGallery {

    private static final int COLUMNS = 8;
    private static final int TILE = 128;
    private static final int GAP = 4;

    private SyntheticGallery() {
    }

    /** @param out the PNG file written */
    static void run(Path out) throws IOException {
        Difficulty[] rows = {null, null, Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD};
        int width = COLUMNS * TILE + (COLUMNS + 1) * GAP;
        int height = rows.length * TILE + (rows.length + 1) * GAP;
        BufferedImage grid = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        int[] background = new int[width * height];
        java.util.Arrays.fill(background, 255);
        grid.getRaster().setPixels(0, 0, width, height, background);
        for (int row = 0; row < rows.length; row++) {
            for (int col = 0; col < COLUMNS; col++) {
                long seed = 1000L * row + col;
                Pixels p = rows[row] == null ? SyntheticBrainMri.normalSlice(TILE, seed)
                        : SyntheticBrainMri.tumourSlice(TILE, seed, rows[row]);
                grid.getRaster().setPixels(GAP + col * (TILE + GAP), GAP + row * (TILE + GAP), TILE, TILE, p.values());
            }
        }
        AtomicFiles.write(out, stream -> ImageIO.write(grid, "png", stream));
        System.out.println("wrote " + out.toAbsolutePath());
    }
}
