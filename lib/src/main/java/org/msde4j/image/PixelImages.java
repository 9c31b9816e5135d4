package org.msde4j.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Converts {@link Pixels} to AWT images and PNG bytes (8 bits per sample, scaled from maxValue). */
public final class PixelImages {

    private PixelImages() {
    }

    /** An 8-bit grey or RGB image; samples are scaled by 255 / maxValue and rounded. */
    public static BufferedImage toBufferedImage(Pixels p) {
        BufferedImage img = new BufferedImage(p.width(), p.height(),
                p.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        double scale = 255.0 / p.maxValue();
        for (int y = 0; y < p.height(); y++) {
            for (int x = 0; x < p.width(); x++) {
                if (p.channels() == 1) {
                    img.getRaster().setSample(x, y, 0, (int) Math.round(p.get(x, y, 0) * scale));
                } else {
                    int r = (int) Math.round(p.get(x, y, 0) * scale);
                    int g = (int) Math.round(p.get(x, y, 1) * scale);
                    int b = (int) Math.round(p.get(x, y, 2) * scale);
                    img.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
        }
        return img;
    }

    /** PNG bytes of the image. */
    public static byte[] png(Pixels p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(toBufferedImage(p), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
