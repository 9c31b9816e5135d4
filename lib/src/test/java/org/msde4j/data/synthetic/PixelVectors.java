package org.msde4j.data.synthetic;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.msde4j.data.Sample;
import org.msde4j.image.ImageRef;

/**
 * The raw-pixel measurement of the synthetic difficulty levels: each grey image is block-averaged
 * to side × side and flattened to a vector in [0, 1]. Private to the measurement code (the
 * library's pixel backbone replaces it at merge).
 */
final class PixelVectors {

    private PixelVectors() {
    }

    /** One row per sample. */
    static double[][] of(List<Sample> samples, int side) {
        return samples.parallelStream().map(s -> blockAverage(read(s), side)).toArray(double[][]::new);
    }

    private static Raster read(Sample sample) {
        try {
            BufferedImage image = ImageIO.read(((ImageRef.File) sample.image()).path().toFile());
            return image.getRaster();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mean of each (w/side) × (h/side) block of band 0, scaled by 1/255. */
    private static double[] blockAverage(Raster raster, int side) {
        int bw = raster.getWidth() / side;
        int bh = raster.getHeight() / side;
        double[] out = new double[side * side];
        for (int by = 0; by < side; by++) {
            for (int bx = 0; bx < side; bx++) {
                double sum = 0;
                for (int y = by * bh; y < (by + 1) * bh; y++) {
                    for (int x = bx * bw; x < (bx + 1) * bw; x++) {
                        sum += raster.getSample(x, y, 0);
                    }
                }
                out[by * side + bx] = sum / (bw * bh * 255.0);
            }
        }
        return out;
    }
}
