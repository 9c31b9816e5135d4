package org.msde4j.embed;

import java.util.List;

/**
 * The embeddings of a list of images: one row of {@code dimension} floats per embedded image, in
 * input order, with the images that were skipped listed apart.
 *
 * @param names     names of the embedded images, one per row
 * @param dimension floats per row
 * @param values    rows back to back (row-major, length {@code names.size() · dimension})
 * @param skipped   images left out, in input order (empty unless {@link BadImagePolicy#SKIP})
 */
public record Embeddings(List<String> names, int dimension, float[] values, List<SkippedImage> skipped) {

    public Embeddings {
        values = values.clone();
        names = List.copyOf(names);
        skipped = List.copyOf(skipped);
        if ((long) names.size() * dimension != values.length) {
            throw new IllegalArgumentException(names.size() + " rows of " + dimension + " need "
                    + (long) names.size() * dimension + " values, got " + values.length + ".");
        }
    }

    /** A copy of the rows, back to back. */
    @Override
    public float[] values() {
        return values.clone();
    }

    /** Number of rows. */
    public int size() {
        return names.size();
    }

    /** Row {@code i} as doubles. */
    public double[] row(int i) {
        double[] out = new double[dimension];
        for (int j = 0; j < dimension; j++) {
            out[j] = values[i * dimension + j];
        }
        return out;
    }

    /** All rows as doubles, the input of {@code MsdeDetector} and the baselines. */
    public double[][] toDoubles() {
        double[][] out = new double[size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = row(i);
        }
        return out;
    }
}
