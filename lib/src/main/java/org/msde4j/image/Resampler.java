package org.msde4j.image;

/**
 * Resizes one image plane with a separable triangle (bilinear) filter that widens by the scale
 * factor when shrinking, so that every source pixel contributes (antialiasing). This is the
 * filter of Pillow's {@code Image.resize(size, BILINEAR)}, which torchvision's {@code Resize}
 * applies to PIL images in the paper's pipeline.
 *
 * <p>Output pixel {@code i} has its centre at source coordinate {@code c = (i + ½)·s}, where
 * {@code s = in / out}; source pixel {@code j} gets weight {@code max(0, 1 − |j + ½ − c| / r)}
 * with {@code r = max(s, 1)}, and the weights of each output pixel are normalised to sum to 1.
 * Equal sizes give the input back exactly; enlarging is plain bilinear interpolation with
 * half-pixel centres and clamped borders.
 */
public final class Resampler {

    private Resampler() {
    }

    /** Weights of one axis: output i reads source indices {@code first[i] … first[i]+weights[i].length−1}. */
    private record Axis(int[] first, double[][] weights) {

        static Axis of(int in, int out) {
            double scale = (double) in / out;
            double radius = Math.max(scale, 1.0);
            int[] first = new int[out];
            double[][] weights = new double[out][];
            for (int i = 0; i < out; i++) {
                double centre = (i + 0.5) * scale;
                int from = Math.max(0, (int) Math.floor(centre - radius));
                int to = Math.min(in - 1, (int) Math.ceil(centre + radius));
                double[] w = new double[to - from + 1];
                double sum = 0;
                for (int j = from; j <= to; j++) {
                    w[j - from] = Math.max(0, 1 - Math.abs(j + 0.5 - centre) / radius);
                    sum += w[j - from];
                }
                for (int k = 0; k < w.length; k++) {
                    w[k] /= sum;
                }
                first[i] = from;
                weights[i] = w;
            }
            return new Axis(first, weights);
        }
    }

    /**
     * Resizes a {@code width × height} row-major plane to {@code outWidth × outHeight}.
     *
     * @return a new plane, row-major
     */
    public static float[] resize(float[] plane, int width, int height, int outWidth, int outHeight) {
        if (width == outWidth && height == outHeight) {
            return plane.clone();
        }
        Axis horizontal = Axis.of(width, outWidth);
        Axis vertical = Axis.of(height, outHeight);
        float[] rows = new float[height * outWidth];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < outWidth; x++) {
                double[] w = horizontal.weights()[x];
                int base = y * width + horizontal.first()[x];
                double v = 0;
                for (int k = 0; k < w.length; k++) {
                    v += w[k] * plane[base + k];
                }
                rows[y * outWidth + x] = (float) v;
            }
        }
        float[] out = new float[outHeight * outWidth];
        for (int y = 0; y < outHeight; y++) {
            double[] w = vertical.weights()[y];
            int first = vertical.first()[y];
            for (int x = 0; x < outWidth; x++) {
                double v = 0;
                for (int k = 0; k < w.length; k++) {
                    v += w[k] * rows[(first + k) * outWidth + x];
                }
                out[y * outWidth + x] = (float) v;
            }
        }
        return out;
    }
}
