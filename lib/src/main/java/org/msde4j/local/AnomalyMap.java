package org.msde4j.local;

import org.msde4j.image.Resampler;

/**
 * An anomaly map at image resolution: the patch-grid map upsampled bilinearly ({@link Resampler},
 * half-pixel centres) to the image's size, then smoothed by a Gaussian of standard deviation σ
 * pixels (PatchCore and anomalib use σ = 4 at the model's input size), which turns the blocky
 * grid into the blob a lesion would cause. The kernel reaches 4σ each way and is renormalised over
 * the taps inside the image at its borders.
 */
public final class AnomalyMap {

    /** σ in pixels of the model's input, as PatchCore and anomalib smooth. */
    public static final double DEFAULT_SIGMA = 4;

    private AnomalyMap() {
    }

    /**
     * The map of a {@code gridHeight × gridWidth} grid on a {@code width × height} image, smoothed
     * with σ = {@code sigma} image pixels (0: no smoothing). Row-major.
     */
    public static float[] toImage(float[] grid, int gridHeight, int gridWidth, int width, int height, double sigma) {
        float[] up = Resampler.resize(grid, gridWidth, gridHeight, width, height);
        if (!(sigma > 0)) {
            return up;
        }
        double[] kernel = kernel(sigma);
        return blur(blur(up, width, height, kernel, true), width, height, kernel, false);
    }

    /** The Gaussian weights for offsets 0, 1, … ⌈4σ⌉ (not normalised). */
    private static double[] kernel(double sigma) {
        int radius = (int) Math.ceil(4 * sigma);
        double[] k = new double[radius + 1];
        for (int i = 0; i <= radius; i++) {
            k[i] = Math.exp(-0.5 * i * i / (sigma * sigma));
        }
        return k;
    }

    /** One pass of the separable blur, along rows ({@code horizontal}) or columns. */
    private static float[] blur(float[] in, int width, int height, double[] kernel, boolean horizontal) {
        float[] out = new float[in.length];
        int radius = kernel.length - 1;
        int length = horizontal ? width : height;
        int lines = horizontal ? height : width;
        for (int line = 0; line < lines; line++) {
            for (int i = 0; i < length; i++) {
                double sum = 0;
                double weight = 0;
                for (int o = Math.max(-radius, -i); o <= Math.min(radius, length - 1 - i); o++) {
                    int j = i + o;
                    double w = kernel[Math.abs(o)];
                    sum += w * in[horizontal ? line * width + j : j * width + line];
                    weight += w;
                }
                out[horizontal ? line * width + i : i * width + line] = (float) (sum / weight);
            }
        }
        return out;
    }
}
