package org.msde4j.embed;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The patch embeddings of a list of images ({@link LocalFeatures}): images × height × width ×
 * depth floats, one vector per grid position of each image, in input order, with the images that
 * were skipped listed apart. Position (y, x) of image i covers roughly the input pixels
 * [y·s, (y+1)·s) × [x·s, (x+1)·s), s = input size / height.
 *
 * <p>The values are kept as given (not copied again on each access: they are large); read them
 * through the accessors, which copy.
 */
public final class LocalEmbeddings {

    private final List<String> names;
    private final int height;
    private final int width;
    private final int depth;
    private final float[] values;
    private final List<SkippedImage> skipped;

    /**
     * @param names   names of the embedded images, one per image
     * @param height  rows of the grid
     * @param width   columns of the grid
     * @param depth   floats per patch
     * @param values  image by image, row by row, position by position (length images·height·width·depth);
     *                owned by the new object from now on
     * @param skipped images left out, in input order
     */
    public LocalEmbeddings(List<String> names, int height, int width, int depth, float[] values, List<SkippedImage> skipped) {
        if (height < 1 || width < 1 || depth < 1 && !names.isEmpty()) {
            throw new IllegalArgumentException("a patch grid needs height, width and depth ≥ 1, got " + height + "×" + width
                    + "×" + depth + ".");
        }
        if ((long) names.size() * height * width * depth != values.length) {
            throw new IllegalArgumentException(names.size() + " images of " + height + "×" + width + "×" + depth + " need "
                    + (long) names.size() * height * width * depth + " values, got " + values.length + ".");
        }
        this.names = List.copyOf(names);
        this.height = height;
        this.width = width;
        this.depth = depth;
        this.values = values;
        this.skipped = List.copyOf(skipped);
    }

    /** Names of the embedded images, one per image. */
    public List<String> names() {
        return names;
    }

    /** Images. */
    public int size() {
        return names.size();
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Floats per patch. */
    public int depth() {
        return depth;
    }

    /** Patches per image: height · width. */
    public int positions() {
        return height * width;
    }

    /** Images left out, in input order. */
    public List<SkippedImage> skipped() {
        return skipped;
    }

    /** The embedding of patch {@code position} (= y · width + x) of image {@code image}, as doubles. */
    public double[] patch(int image, int position) {
        double[] out = new double[depth];
        int base = (image * positions() + position) * depth;
        for (int c = 0; c < depth; c++) {
            out[c] = values[base + c];
        }
        return out;
    }

    /** All patches of the given images, image by image and position by position: one row per patch. */
    public double[][] patchRows(int[] images) {
        double[][] out = new double[images.length * positions()][];
        int r = 0;
        for (int image : images) {
            for (int p = 0; p < positions(); p++) {
                out[r++] = patch(image, p);
            }
        }
        return out;
    }

    /** All patches of all images, one row each. */
    public double[][] patchRows() {
        return patchRows(java.util.stream.IntStream.range(0, size()).toArray());
    }

    /** The patch embeddings of the images at positions {@code which}, in that order (a copy). */
    public LocalEmbeddings images(int[] which) {
        int per = positions() * depth;
        float[] out = new float[which.length * per];
        List<String> picked = new ArrayList<>(which.length);
        for (int i = 0; i < which.length; i++) {
            System.arraycopy(values, which[i] * per, out, i * per, per);
            picked.add(names.get(which[i]));
        }
        return new LocalEmbeddings(picked, height, width, depth, out, List.of());
    }

    /** A copy of all values, image by image (length images · height · width · depth). */
    public float[] values() {
        return values.clone();
    }

    /**
     * A read-only view of all values without a copy (image by image, position by position, channel
     * by channel), for code that streams over every patch.
     */
    public FloatBuffer view() {
        return FloatBuffer.wrap(values).asReadOnlyBuffer();
    }

    /** The values without a copy, for the cache. */
    float[] shared() {
        return values;
    }
}
