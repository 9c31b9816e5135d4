package org.msde4j.embed;

import java.util.Arrays;
import java.util.List;
import org.msde4j.image.Resampler;

/**
 * Turns a backbone's intermediate feature maps into one embedding per patch, as PatchCore (Roth et
 * al., "Towards Total Recall in Industrial Anomaly Detection", CVPR 2022, §3.1) and PaDiM (Defard et
 * al., ICPR 2020) do:
 * <ol>
 *   <li>each map is averaged over a 3 × 3 neighbourhood (stride 1; at the border over the positions
 *       that exist), so a patch embedding also sees its surroundings;</li>
 *   <li>every map is upsampled to the grid of the finest one, bilinearly with half-pixel centres
 *       ({@link Resampler}, which when enlarging equals PyTorch's
 *       {@code interpolate(mode="bilinear", align_corners=False)});</li>
 *   <li>the maps are concatenated along the channels: position (y, x) of the grid gets the
 *       channels of the first map, then of the second, …</li>
 * </ol>
 * A map is {@code (channels, height, width)}, row-major; the result is {@code (height, width,
 * channels)}: one vector per grid position.
 */
final class PatchAggregation {

    /** One feature map of one image. */
    record FeatureMap(int channels, int height, int width, float[] values) {
        FeatureMap {
            if ((long) channels * height * width != values.length) {
                throw new IllegalArgumentException("a feature map of " + channels + "×" + height + "×" + width
                        + " needs " + (long) channels * height * width + " values, got " + values.length + ".");
            }
        }
    }

    private PatchAggregation() {
    }

    /** The patch embeddings, {@code (height, width, Σ channels)}, on the grid of the finest map. */
    static float[] patches(List<FeatureMap> maps) {
        FeatureMap finest = maps.get(0);
        for (FeatureMap m : maps) {
            if (m.height() * m.width() > finest.height() * finest.width()) {
                finest = m;
            }
        }
        int h = finest.height();
        int w = finest.width();
        int depth = maps.stream().mapToInt(FeatureMap::channels).sum();
        float[] out = new float[h * w * depth];
        int offset = 0;
        for (FeatureMap m : maps) {
            FeatureMap smooth = localAverage(m);
            for (int c = 0; c < m.channels(); c++) {
                int area = m.height() * m.width();
                float[] plane = Resampler.resize(Arrays.copyOfRange(smooth.values(), c * area, (c + 1) * area),
                        m.width(), m.height(), w, h);
                for (int p = 0; p < h * w; p++) {
                    out[p * depth + offset + c] = plane[p];
                }
            }
            offset += m.channels();
        }
        return out;
    }

    /** Each value replaced by the mean of the 3 × 3 neighbourhood that lies inside the map. */
    static FeatureMap localAverage(FeatureMap m) {
        int h = m.height();
        int w = m.width();
        float[] in = m.values();
        float[] out = new float[in.length];
        for (int c = 0; c < m.channels(); c++) {
            int base = c * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double sum = 0;
                    int count = 0;
                    for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
                        for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
                            sum += in[base + yy * w + xx];
                            count++;
                        }
                    }
                    out[base + y * w + x] = (float) (sum / count);
                }
            }
        }
        return new FeatureMap(m.channels(), h, w, out);
    }
}
