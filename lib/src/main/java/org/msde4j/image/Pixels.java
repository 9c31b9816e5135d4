package org.msde4j.image;

/**
 * A decoded image: width × height × channels integer samples in row-major, channel-last order
 * (HWC), each in [0, {@code maxValue}] (255 for 8-bit, 65535 for 16-bit data).
 *
 * @param width    columns
 * @param height   rows
 * @param channels 1 (grey) or 3 (RGB)
 * @param maxValue the largest value a sample can take
 * @param values   samples, length width·height·channels
 */
public record Pixels(int width, int height, int channels, int maxValue, int[] values) {

    /** Checks the shape and value range. */
    public Pixels {
        if (width < 1 || height < 1 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException("an image needs width, height ≥ 1 and 1 or 3 channels, got "
                    + width + "×" + height + "×" + channels + ".");
        }
        if (values.length != width * height * channels) {
            throw new IllegalArgumentException("an image of " + width + "×" + height + "×" + channels + " needs "
                    + width * height * channels + " values, got " + values.length + ".");
        }
        if (maxValue < 1) {
            throw new IllegalArgumentException("maxValue must be ≥ 1, got " + maxValue + ".");
        }
    }

    /** Sample at (x, y, channel c). */
    public int get(int x, int y, int c) {
        return values[(y * width + x) * channels + c];
    }
}
