package org.msde4j.embed;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.msde4j.image.ImageRef;
import org.msde4j.image.Pixels;

/** Small seeded images for embedding tests. */
final class TestImages {

    private TestImages() {
    }

    /** Image {@code i}: a 12 × 10 grey pattern that differs from image to image. */
    static Pixels pattern(int i) {
        int w = 12;
        int h = 10;
        int[] v = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = (x * (i + 3) + y * (2 * i + 1) + i * 17) % 256;
            }
        }
        return new Pixels(w, h, 1, 255, v);
    }

    /**
     * {@code n} array entries of {@link #pattern}, counting how often pixels are produced; their source
     * content is named (the patterns are fixed), as a MedMNIST file's digest names an {@code .npz}.
     */
    static List<ImageRef> arrays(int n, AtomicInteger decoded) {
        List<ImageRef> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            refs.add(new ImageRef.Array("patterns", i, () -> {
                decoded.incrementAndGet();
                return pattern(index);
            }, "patterns, version 1"));
        }
        return refs;
    }

    /** Writes {@link #pattern}{@code (i)} as a PNG. */
    static Path png(Path dir, String name, int i) throws IOException {
        Pixels p = pattern(i);
        BufferedImage img = new BufferedImage(p.width(), p.height(), BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setPixels(0, 0, p.width(), p.height(), p.values());
        Path file = dir.resolve(name);
        ImageIO.write(img, "png", file.toFile());
        return file;
    }
}
