package org.msde4j.data;

import org.msde4j.image.ImageRef;

/**
 * One image of a dataset with its split and label, and where the dataset has one, its ground-truth
 * mask (an image of the same size, non-zero where the anomaly is).
 *
 * @param id    stable identifier within the dataset (relative path, or array entry)
 * @param image where the pixels come from
 * @param split TRAIN or TEST
 * @param label 0 normal, 1 anomaly
 * @param mask  the anomaly's mask, or null when the dataset has none for this image
 */
public record Sample(String id, ImageRef image, Split split, int label, ImageRef mask) {

    public Sample {
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("sample " + id + " has label " + label + "; labels are 0 (normal) or 1 (anomaly).");
        }
    }

    /** A sample without a mask. */
    public Sample(String id, ImageRef image, Split split, int label) {
        this(id, image, split, label, null);
    }

    /** The same sample with {@code value} as its mask. */
    public Sample withMask(ImageRef value) {
        return new Sample(id, image, split, label, value);
    }
}
