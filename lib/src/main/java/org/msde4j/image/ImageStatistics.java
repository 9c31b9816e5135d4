package org.msde4j.image;

/**
 * Size and grey-level summary of one decoded image: what {@link ImageProfile} compares with the
 * training images to tell an input unlike all of them (a 1×1 image, a huge noise image, a photo among
 * X-rays).
 *
 * @param width  columns
 * @param height rows
 * @param mean   mean sample value over all channels, as a fraction of the largest value (0 black, 1 white)
 * @param std    population standard deviation of those values, on the same scale
 */
public record ImageStatistics(int width, int height, double mean, double std) {

    /** The statistics of decoded pixels, in one pass. */
    public static ImageStatistics of(Pixels p) {
        double sum = 0;
        double squares = 0;
        for (int v : p.values()) {
            sum += v;
            squares += (double) v * v;
        }
        int n = p.values().length;
        double mean = sum / n;
        double variance = Math.max(0, squares / n - mean * mean);
        return new ImageStatistics(p.width(), p.height(), mean / p.maxValue(), Math.sqrt(variance) / p.maxValue());
    }

    /** Width over height. */
    public double aspectRatio() {
        return (double) width / height;
    }
}
