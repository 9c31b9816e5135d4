package org.msde4j.data;

import org.msde4j.image.ImageRef;

/**
 * One image of a dataset with its split and label.
 *
 * @param id    stable identifier within the dataset (relative path, or array entry)
 * @param image where the pixels come from
 * @param split TRAIN or TEST
 * @param label 0 normal, 1 anomaly
 */
public record Sample(String id, ImageRef image, Split split, int label) {

    public Sample {
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("sample " + id + " has label " + label + "; labels are 0 (normal) or 1 (anomaly).");
        }
    }
}
