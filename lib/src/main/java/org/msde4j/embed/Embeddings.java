package org.msde4j.embed;

import java.util.List;
import org.msde4j.image.ImageStatistics;

/**
 * The embeddings of a list of images: one row of {@code dimension} floats per embedded image, in
 * input order, with the images that were skipped listed apart.
 *
 * @param names     names of the embedded images, one per row
 * @param dimension floats per row
 * @param values    rows back to back (row-major, length {@code names.size() · dimension})
 * @param skipped   images left out, in input order (empty unless {@link BadImagePolicy#SKIP})
 * @param statistics size and intensity of each embedded image, one per row (empty when not known)
 */
public record Embeddings(List<String> names, int dimension, float[] values, List<SkippedImage> skipped,
                         List<ImageStatistics> statistics) {

    public Embeddings {
        values = values.clone();
        names = List.copyOf(names);
        skipped = List.copyOf(skipped);
        statistics = List.copyOf(statistics);
        if ((long) names.size() * dimension != values.length) {
            throw new IllegalArgumentException(names.size() + " rows of " + dimension + " need "
                    + (long) names.size() * dimension + " values, got " + values.length + ".");
        }
        if (!statistics.isEmpty() && statistics.size() != names.size()) {
            throw new IllegalArgumentException(names.size() + " rows need as many image statistics, got "
                    + statistics.size() + ".");
        }
    }

    /** Embeddings without image statistics. */
    public Embeddings(List<String> names, int dimension, float[] values, List<SkippedImage> skipped) {
        this(names, dimension, values, skipped, List.of());
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
