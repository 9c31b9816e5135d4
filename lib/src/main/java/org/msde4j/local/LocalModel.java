package org.msde4j.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.msde4j.embed.LocalEmbeddings;
import org.msde4j.math.Quantiles;

/**
 * A fitted local detector: immutable; scores the patch embeddings of new images into anomaly maps
 * and image scores, and saves itself to a {@link LocalModelFile}.
 *
 * <p>Every local model keeps the shape of the patch grid it was fitted on, its image-score rule,
 * the image scores of its own training images (in-sample, so they run lower than those of unseen
 * normal images) and a default decision threshold: their {@code thresholdQuantile} quantile.
 */
public abstract class LocalModel {

    /**
     * What every local model records besides its own arrays.
     *
     * @param height      rows of the patch grid
     * @param width       columns of the patch grid
     * @param depth       floats per patch
     * @param imageScore  how a map becomes an image score
     * @param trainScores in-sample image scores of (up to {@value LocalModel#THRESHOLD_IMAGES} of) the training images
     * @param threshold   default decision threshold on the image score
     * @param normalLevel median in-sample patch score of the training images: sets the colour scale of maps
     * @param metadata    free-form facts recorded in the file (the backbone, the dataset)
     */
    public record Basics(int height, int width, int depth, ImageScore imageScore, double[] trainScores, double threshold,
                         double normalLevel, Map<String, String> metadata) {

        public Basics {
            trainScores = trainScores.clone();
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }

        /**
         * The training images whose in-sample scores give the threshold and the normal level: all of
         * them up to {@value #THRESHOLD_IMAGES}, else that many spread evenly over the list (scoring a
         * thousand training images' patches against their own bank would cost as much as the fit).
         */
        static LocalEmbeddings sample(LocalEmbeddings train) {
            if (train.size() <= THRESHOLD_IMAGES) {
                return train;
            }
            int[] which = new int[THRESHOLD_IMAGES];
            for (int i = 0; i < which.length; i++) {
                which[i] = (int) ((long) i * train.size() / THRESHOLD_IMAGES);
            }
            return train.images(which);
        }

        /** The basics of a fit on {@code train}, scored in-sample by {@code trainMaps}. */
        static Basics of(LocalEmbeddings train, ImageScore rule, AnomalyMaps trainMaps, double thresholdQuantile) {
            double[] scores = trainMaps.scores();
            return new Basics(train.height(), train.width(), train.depth(), rule, scores,
                    Quantiles.of(scores, thresholdQuantile), trainMaps.medianPatchScore(), Map.of());
        }

        @Override
        public double[] trainScores() {
            return trainScores.clone();
        }
    }

    /** Training images scored in-sample for the threshold, at most. */
    static final int THRESHOLD_IMAGES = 256;

    private final String kind;
    private final LocalDetector detector;
    private final Basics basics;

    LocalModel(String kind, LocalDetector detector, Basics basics) {
        this.kind = kind;
        this.detector = detector;
        this.basics = basics;
    }

    /** The kind written into model files: {@code patchcore}, {@code padim} or {@code patch-msde}. */
    public String kind() {
        return kind;
    }

    /** A short name for tables, e.g. {@code PatchCore}. */
    public String name() {
        return detector.name();
    }

    /** The detector (with its settings) this model was fitted by. */
    public LocalDetector detector() {
        return detector;
    }

    /**
     * Anomaly maps and image scores of the images whose patch embeddings are {@code test}.
     *
     * @throws IllegalArgumentException when {@code test} is not on the grid the model was fitted on
     */
    public AnomalyMaps score(LocalEmbeddings test) {
        checkGrid(test);
        return scoreChecked(test).withLevels(basics.normalLevel(), basics.threshold());
    }

    /** {@link #score} of embeddings already known to be on the model's grid. */
    abstract AnomalyMaps scoreChecked(LocalEmbeddings test);

    /** Fails unless there is an image-score rule and the threshold quantile is in (0, 1). */
    static void checkScoring(ImageScore imageScore, double thresholdQuantile) {
        if (imageScore == null || !(thresholdQuantile > 0 && thresholdQuantile < 1)) {
            throw new IllegalArgumentException("an image-score rule and a threshold quantile in (0, 1) are needed, got "
                    + imageScore + " and " + thresholdQuantile + ".");
        }
    }

    /** The same model with {@code basics} (used to add metadata). */
    abstract LocalModel with(Basics basics);

    /** The model's own settings, for the file header and reports. */
    public Map<String, Object> settings() {
        return detector.settings();
    }

    /** The model's fitted arrays by name, for the model file. */
    abstract Map<String, double[][]> arrays();

    /** Grid, image-score rule, training scores, threshold, metadata. */
    public Basics basics() {
        return basics;
    }

    /** The default decision threshold on the image score. */
    public double threshold() {
        return basics.threshold();
    }

    /** Facts recorded with the model (the backbone, the dataset). */
    public Map<String, String> metadata() {
        return basics.metadata();
    }

    /** The same model with extra metadata recorded in its file. */
    public LocalModel withMetadata(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(basics.metadata());
        merged.putAll(extra);
        return with(new Basics(basics.height(), basics.width(), basics.depth(), basics.imageScore(), basics.trainScores(),
                basics.threshold(), basics.normalLevel(), merged));
    }

    /** Writes the model to one versioned file, atomically. */
    public void save(Path file) throws IOException {
        LocalModelFile.write(this, file);
    }

    /** Reads a model written by {@link #save}. */
    public static LocalModel load(Path file) throws IOException {
        return LocalModelFile.read(file);
    }

    /** Fails unless {@code test} has the patch grid this model was fitted on. */
    void checkGrid(LocalEmbeddings test) {
        if (test.height() != basics.height() || test.width() != basics.width() || test.depth() != basics.depth()) {
            throw new IllegalArgumentException("the patch embeddings to score are " + test.height() + "×" + test.width() + "×"
                    + test.depth() + " but " + name() + " was fitted on " + basics.height() + "×" + basics.width() + "×"
                    + basics.depth() + ": embed the images with the model's own backbone and input size.");
        }
    }

}
