package org.msde4j.detect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.msde4j.density.GaussianDensity;
import org.msde4j.density.Pca;
import org.msde4j.density.Standardizer;
import org.msde4j.math.Matrices;
import org.msde4j.msde.MeanShift;
import org.msde4j.msde.Msde;
import org.msde4j.msde.ShiftTrace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fitted MSDE detector: immutable; everything needed to score new rows.
 *
 * <p>It keeps the standardised training rows (the transductive mode re-runs MSDE on them with the
 * test rows), their density weights and shifted positions (the inductive mode moves test rows
 * towards these), the PCA + Gaussian fitted on the shifted rows, and a default threshold.
 */
public final class MsdeModel {

    private final DetectorOptions options;
    private final Standardizer standardizer;
    private final double[][] trainStandardized;
    private final double[] weights;
    private final double[][] trainShifted;
    private final GaussianScorer density;
    private final double[] trainScores;
    private final double threshold;
    private final FitSummary summary;
    private final Map<String, String> metadata;

    MsdeModel(DetectorOptions options, Standardizer standardizer, double[][] trainStandardized, double[] weights,
              double[][] trainShifted, GaussianScorer density, double[] trainScores, double threshold,
              FitSummary summary, Map<String, String> metadata) {
        this.options = options;
        this.standardizer = standardizer;
        this.trainStandardized = trainStandardized;
        this.weights = weights;
        this.trainShifted = trainShifted;
        this.density = density;
        this.trainScores = trainScores;
        this.threshold = threshold;
        this.summary = summary;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * A fitted model from its parts, for files that hold models inside (the local model file keeps
     * one per patch position); the parts must come from a fit ({@link #standardizer()},
     * {@link #trainStandardized()}, …).
     */
    public static MsdeModel restore(DetectorOptions options, Standardizer standardizer, double[][] trainStandardized,
                                    double[] weights, double[][] trainShifted, Pca pca, GaussianDensity gaussian,
                                    double[] trainScores, double threshold, FitSummary summary) {
        return new MsdeModel(options, standardizer, trainStandardized, weights, trainShifted,
                new GaussianScorer(pca, gaussian), trainScores, threshold, summary, new LinkedHashMap<>());
    }

    /** Scores raw test rows (same features as the training rows). */
    public ScoreResult score(double[][] test, ScoringMode mode) {
        Inputs.checkTest(test, standardizer.dimension());
        double[][] z = standardizer.transform(test);
        ShiftTrace shift;
        int offset;
        if (mode == ScoringMode.TRANSDUCTIVE) {
            double[][] union = Matrices.stack(trainStandardized, z);
            shift = Msde.run(union, options.msde(), MsdeDetector.knn(), null).shift();
            offset = trainStandardized.length;
        } else {
            shift = MeanShift.toward(z, trainShifted, weights, options.msde(), MsdeDetector.knn());
            offset = 0;
        }
        double[][] moved = new double[test.length][];
        for (int i = 0; i < moved.length; i++) {
            moved[i] = shift.position(offset + i);
        }
        return new ScoreResult(density.score(moved), threshold, mode, shift, offset);
    }

    /**
     * Transductive scores of rows that arrive in independent batches of at most {@code batchSize}:
     * the rows are put in a random order drawn with {@code seed} (test sets are often sorted by label,
     * which would make batches label-pure), cut into batches, and each batch is scored transductively
     * on its own. With {@code batchSize} ≥ the number of rows this is exactly
     * {@code score(test, TRANSDUCTIVE)}, in the given order.
     */
    public double[] scoreInBatches(double[][] test, int batchSize, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("option batch-size must be ≥ 1, got " + batchSize + ".");
        }
        if (batchSize >= test.length) {
            return score(test, ScoringMode.TRANSDUCTIVE).scores();
        }
        int[] order = java.util.stream.IntStream.range(0, test.length).toArray();
        java.util.Random rnd = new java.util.Random(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double[] out = new double[test.length];
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            double[][] batch = new double[end - start][];
            for (int b = start; b < end; b++) {
                batch[b - start] = test[order[b]];
            }
            double[] s = score(batch, ScoringMode.TRANSDUCTIVE).scores();
            for (int b = start; b < end; b++) {
                out[order[b]] = s[b - start];
            }
        }
        return out;
    }

    /** Scores an ND4J matrix of raw test rows. */
    public ScoreResult score(INDArray test, ScoringMode mode) {
        return score(Matrices.toRows(test, "test data"), mode);
    }

    /** This model as a {@link Scorer} in the given mode. */
    public Scorer scorer(ScoringMode mode) {
        return new Scorer() {
            @Override
            public String name() {
                return mode == ScoringMode.TRANSDUCTIVE ? "MSDE (transductive)" : "MSDE (inductive)";
            }

            @Override
            public double[] score(double[][] test) {
                return MsdeModel.this.score(test, mode).scores();
            }
        };
    }

    /** The same model with extra metadata (e.g. the backbone's identity) recorded in its file. */
    public MsdeModel withMetadata(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(metadata);
        merged.putAll(extra);
        return new MsdeModel(options, standardizer, trainStandardized, weights, trainShifted, density, trainScores,
                threshold, summary, merged);
    }

    /** Writes the model to one versioned file, atomically. */
    public void save(Path file) throws IOException {
        ModelFile.write(this, file);
    }

    /** Reads a model written by {@link #save}; fails clearly on truncated, corrupted or newer files. */
    public static MsdeModel load(Path file) throws IOException {
        return ModelFile.read(file);
    }

    /** Training-score quantile q as a threshold, e.g. 0.99. */
    public double thresholdAt(double q) {
        return org.msde4j.math.Quantiles.of(trainScores, q);
    }

    public DetectorOptions options() {
        return options;
    }

    public double threshold() {
        return threshold;
    }

    public FitSummary summary() {
        return summary;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public Standardizer standardizer() {
        return standardizer;
    }

    /** Density weight of each training row. */
    public double[] weights() {
        return weights.clone();
    }

    /** Shifted (standardised) training rows. */
    public double[][] trainShifted() {
        return Matrices.copy(trainShifted);
    }

    /** Standardised, unshifted training rows. */
    public double[][] trainStandardized() {
        return Matrices.copy(trainStandardized);
    }

    /** Mahalanobis score of each shifted training row. */
    public double[] trainScores() {
        return trainScores.clone();
    }

    public Pca pca() {
        return density.pca();
    }

    public GaussianDensity gaussian() {
        return density.gaussian();
    }

    /** Features per row. */
    public int dimension() {
        return standardizer.dimension();
    }

    GaussianScorer density() {
        return density;
    }

    double[][] trainStandardizedShared() {
        return trainStandardized;
    }

    double[][] trainShiftedShared() {
        return trainShifted;
    }

    double[] trainScoresShared() {
        return trainScores;
    }

    double[] weightsShared() {
        return weights;
    }
}
