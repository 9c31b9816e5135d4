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

    /** The image scaled down (antialiased, {@link Resampler}) so that its longer side is at most {@code maxSide}. */
    public static Pixels thumbnail(Pixels p, int maxSide) {
        int longer = Math.max(p.width(), p.height());
        if (longer <= maxSide) {
            return p;
        }
        int w = Math.max(1, Math.round((float) p.width() * maxSide / longer));
        int h = Math.max(1, Math.round((float) p.height() * maxSide / longer));
        int[] out = new int[w * h * p.channels()];
        for (int c = 0; c < p.channels(); c++) {
            float[] plane = new float[p.width() * p.height()];
            for (int i = 0; i < plane.length; i++) {
                plane[i] = p.values()[i * p.channels() + c];
            }
            float[] small = Resampler.resize(plane, p.width(), p.height(), w, h);
            for (int i = 0; i < small.length; i++) {
                out[i * p.channels() + c] = Math.max(0, Math.min(p.maxValue(), Math.round(small[i])));
            }
        }
        return new Pixels(w, h, p.channels(), p.maxValue(), out);
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
