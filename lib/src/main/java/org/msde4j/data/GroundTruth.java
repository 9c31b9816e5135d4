package org.msde4j.data;

import java.io.IOException;
import java.util.Arrays;
import org.msde4j.image.ImageDecoder;
import org.msde4j.image.Pixels;
import org.msde4j.image.Resampler;

/**
 * Where the anomaly of one image is: a width × height grid, row-major from the top row, true on
 * anomalous pixels. A mask file marks them with any non-zero value (in any channel); a normal image
 * has an empty mask.
 *
 * @param width     columns
 * @param height    rows
 * @param anomalous one flag per pixel
 */
public record GroundTruth(int width, int height, boolean[] anomalous) {

    /** Checks the shape. */
    public GroundTruth {
        if (width < 1 || height < 1 || anomalous.length != width * height) {
            throw new IllegalArgumentException("a ground-truth mask of " + width + "×" + height + " needs "
                    + (long) width * height + " flags, got " + anomalous.length + ".");
        }
    }

    /** A mask with no anomalous pixel, as a normal image has. */
    public static GroundTruth empty(int width, int height) {
        return new GroundTruth(width, height, new boolean[width * height]);
    }

    /** The pixels of a decoded mask image that are non-zero in any channel. */
    public static GroundTruth of(Pixels mask) {
        boolean[] out = new boolean[mask.width() * mask.height()];
        int channels = mask.channels();
        int[] v = mask.values();
        for (int i = 0; i < out.length; i++) {
            for (int c = 0; c < channels; c++) {
                out[i] |= v[i * channels + c] != 0;
            }
        }
        return new GroundTruth(mask.width(), mask.height(), out);
    }

    /**
     * The ground truth of a test sample: its mask file, checked to be the size of its image; an
     * empty mask at the image's size for a normal sample without one.
     *
     * @throws IOException           when a file cannot be read
     * @throws IllegalStateException for an abnormal sample without a mask (callers leave those out)
     * @throws IllegalArgumentException when the mask and the image differ in size (naming both files)
     */
    public static GroundTruth read(Sample sample) throws IOException {
        Pixels image = ImageDecoder.read(sample.image());
        if (sample.mask() == null) {
            if (sample.label() == 1) {
                throw new IllegalStateException("abnormal sample " + sample.id() + " has no mask.");
            }
            return empty(image.width(), image.height());
        }
        Pixels mask = ImageDecoder.read(sample.mask());
        if (mask.width() != image.width() || mask.height() != image.height()) {
            throw new IllegalArgumentException("mask " + sample.mask().name() + " is " + mask.width() + "×" + mask.height()
                    + " pixels but its image " + sample.image().name() + " is " + image.width() + "×" + image.height()
                    + ": a mask must have its image's size — regenerate or resize the mask.");
        }
        return of(mask);
    }

    /** Anomalous pixels. */
    public int area() {
        int a = 0;
        for (boolean b : anomalous) {
            a += b ? 1 : 0;
        }
        return a;
    }

    /**
     * The mask on another grid: the share of each new pixel covered by anomalous pixels (antialiased
     * bilinear, {@link Resampler}) decides, anomalous from one half.
     */
    public GroundTruth resized(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return this;
        }
        float[] plane = new float[anomalous.length];
        for (int i = 0; i < plane.length; i++) {
            plane[i] = anomalous[i] ? 1 : 0;
        }
        float[] share = Resampler.resize(plane, width, height, newWidth, newHeight);
        boolean[] out = new boolean[share.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = share[i] >= 0.5f;
        }
        return new GroundTruth(newWidth, newHeight, out);
    }

    /**
     * The connected anomalous regions (8-connectivity, as the MVTec AD evaluation labels them): for
     * each pixel the index of its region, or −1 outside every region.
     */
    public int[] regions() {
        int[] label = new int[anomalous.length];
        Arrays.fill(label, -1);
        int[] stack = new int[anomalous.length];
        int next = 0;
        for (int start = 0; start < anomalous.length; start++) {
            if (!anomalous[start] || label[start] >= 0) {
                continue;
            }
            int top = 0;
            stack[top++] = start;
            label[start] = next;
            while (top > 0) {
                int p = stack[--top];
                int x = p % width;
                int y = p / width;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (nx >= 0 && ny >= 0 && nx < width && ny < height) {
                            int q = ny * width + nx;
                            if (anomalous[q] && label[q] < 0) {
                                label[q] = next;
                                stack[top++] = q;
                            }
                        }
                    }
                }
            }
            next++;
        }
        return label;
    }
}
