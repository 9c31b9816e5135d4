package org.msde4j.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.msde4j.image.ImageRef;
import org.msde4j.image.Pixels;

/**
 * Seeded stand-ins for axial brain MRI slices, until the project's synthetic brain-MRI data set
 * is available: a dark background, a bright skull ring, an elliptical brain with smooth texture
 * and darker ventricles; an anomalous slice adds a bright, soft-edged disc (a "tumour") inside the
 * brain. 8-bit grey, {@code size × size}.
 */
public final class StandInBrains {

    private StandInBrains() {
    }

    /** Slice {@code index} of a set made with {@code seed}. */
    public static Pixels slice(int size, long seed, int index, boolean anomalous) {
        Random r = new Random(seed * 1_000_003L + index);
        double cx = size * (0.5 + 0.04 * r.nextGaussian());
        double cy = size * (0.5 + 0.04 * r.nextGaussian());
        double a = size * (0.32 + 0.05 * r.nextDouble());
        double b = size * (0.38 + 0.05 * r.nextDouble());
        double f1 = 2 * Math.PI * (2 + 3 * r.nextDouble()) / size;
        double f2 = 2 * Math.PI * (2 + 3 * r.nextDouble()) / size;
        double p1 = 2 * Math.PI * r.nextDouble();
        double p2 = 2 * Math.PI * r.nextDouble();
        double tissue = 0.42 + 0.06 * r.nextGaussian();
        double ventricle = 0.12 + 0.05 * r.nextDouble();
        double tx = 0;
        double ty = 0;
        double radius = 0;
        if (anomalous) {
            double angle = 2 * Math.PI * r.nextDouble();
            double distance = 0.55 * r.nextDouble();
            tx = cx + distance * a * Math.cos(angle);
            ty = cy + distance * b * Math.sin(angle);
            radius = size * (0.05 + 0.05 * r.nextDouble());
        }
        int[] v = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double dx = (x + 0.5 - cx) / a;
                double dy = (y + 0.5 - cy) / b;
                double rho = Math.sqrt(dx * dx + dy * dy);
                double value = 0.03;
                if (rho < 1.0) {
                    value = tissue + 0.08 * Math.sin(f1 * x + p1) * Math.cos(f2 * y + p2);
                    if (Math.abs(dx) < 0.25 && Math.abs(dy) < 0.35 && rho < 0.4) {
                        value = ventricle;
                    }
                } else if (rho < 1.12) {
                    value = 0.85;
                }
                if (anomalous) {
                    double d = Math.hypot(x + 0.5 - tx, y + 0.5 - ty) / radius;
                    if (d < 1.3) {
                        value += (0.9 - value) * Math.min(1, 1.3 - d) / 1.0;
                    }
                }
                value += 0.02 * r.nextGaussian();
                v[y * size + x] = (int) Math.max(0, Math.min(255, Math.round(value * 255)));
            }
        }
        return new Pixels(size, size, 1, 255, v);
    }

    /** {@code n} slices as array entries named {@code name[i]}. */
    public static List<ImageRef> set(String name, int n, int size, long seed, boolean anomalous) {
        List<ImageRef> refs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            refs.add(new ImageRef.Array(name, i, () -> slice(size, seed, index, anomalous)));
        }
        return refs;
    }
}
