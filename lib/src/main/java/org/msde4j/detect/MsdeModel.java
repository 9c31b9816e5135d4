package org.msde4j.detect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * towards these), and the PCA + Gaussian fitted on the shifted rows. Its decision thresholds come
 * from out-of-fold scores of the training rows ({@link Thresholds}; for transductive scores, one per
 * batch size, {@link #transductiveThreshold(int)}). They are cross-fitted once, when first needed —
 * the first call of {@link #threshold()}, {@link #thresholds()}, {@link #summary()}, {@link #save},
 * or a decision ({@link ScoreResult#anomalous()}) — which costs about K fits; scores alone never do.
 */
public final class MsdeModel {

    private final DetectorOptions options;
    private final Standardizer standardizer;
    private final double[][] trainStandardized;
    private final double[] weights;
    private final double[][] trainShifted;
    private final GaussianScorer density;
    private final double[] trainScores;
    private final FitSummary summary;
    private final Map<String, String> metadata;
    private final Calibration calibration;

    /** Most fits {@link #transductiveThreshold(int)} runs. */
    public static final int MAX_CROSS_FITS = Calibration.MAX_CROSS_FITS;

    MsdeModel(DetectorOptions options, Standardizer standardizer, double[][] trainStandardized, double[] weights,
              double[][] trainShifted, GaussianScorer density, double[] trainScores, FitSummary summary,
              Map<String, String> metadata, Calibration calibration) {
        this.options = options;
        this.standardizer = standardizer;
        this.trainStandardized = trainStandardized;
        this.weights = weights;
        this.trainShifted = trainShifted;
        this.density = density;
        this.trainScores = trainScores;
        this.summary = summary;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.calibration = calibration;
    }

    /**
     * A fitted model from its parts, for files that hold models inside (the local model file keeps
     * one per patch position); the parts must come from a fit ({@link #standardizer()},
     * {@link #trainStandardized()}, …). Its thresholds are cross-fitted when first needed, like a fresh fit's.
     */
    public static MsdeModel restore(DetectorOptions options, Standardizer standardizer, double[][] trainStandardized,
                                    double[] weights, double[][] trainShifted, Pca pca, GaussianDensity gaussian,
                                    double[] trainScores, FitSummary summary) {
        return new MsdeModel(options, standardizer, trainStandardized, weights, trainShifted,
                new GaussianScorer(pca, gaussian), trainScores, summary, new LinkedHashMap<>(), Calibration.pending());
    }

    /**
     * Scores raw test rows (same features as the training rows); the result's threshold is the one
     * that holds for scores of this mode and, transductively, of this many rows.
     */
    public ScoreResult score(double[][] test, ScoringMode mode) {
        Inputs.checkTest(test, standardizer.dimension());
        return score(standardizer.transform(test), mode, test.length);
    }

    /** Scores of standardised rows (cross-fitting scores the training rows the model keeps). */
    double[] scoreStandardized(double[][] z, ScoringMode mode) {
        return score(z, mode, z.length).scores();
    }

    private ScoreResult score(double[][] z, ScoringMode mode, int rows) {
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
        double[][] moved = new double[rows][];
        for (int i = 0; i < moved.length; i++) {
            moved[i] = shift.position(offset + i);
        }
        return new ScoreResult(density.score(moved), mode, shift, offset,
                mode == ScoringMode.INDUCTIVE ? this::threshold : () -> transductiveThreshold(rows));
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
        int[] order = org.msde4j.math.Sampling.permutation(test.length, seed);
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
                summary, merged, calibration);
    }

    /** Writes the model to one versioned file, atomically. */
    public void save(Path file) throws IOException {
        ModelFile.write(this, file);
    }

    /**
     * Reads a model written by {@link #save} — the file, or a folder holding it as {@code model.msde}
     * (msde-fit's output folder); fails clearly on truncated, corrupted or newer files.
     */
    public static MsdeModel load(Path file) throws IOException {
        return ModelFile.read(file);
    }

    /** The q-quantile of the training rows' out-of-fold inductive scores (see {@link Thresholds}), e.g. q = 0.99. */
    public double thresholdAt(double q) {
        return org.msde4j.math.Quantiles.of(thresholds().inductive(), q);
    }

    public DetectorOptions options() {
        return options;
    }

    /**
     * The decision threshold of inductive scores (the default mode of msde-score): the q-quantile of
     * the training rows' out-of-fold inductive scores; cross-fitted on the first call.
     */
    public double threshold() {
        return thresholds().inductiveThreshold();
    }

    /**
     * The decision threshold of transductive scores of batches of {@code batchSize} rows (a
     * transductive score depends on the rows shifted with it): the q-quantile of out-of-fold
     * transductive scores of held-out training rows in batches of h = n·b/(n + b), each shifted with a
     * model fitted on the other n − h rows, so that h against n − h matches b against n; ⌊n/h⌋ fits,
     * remembered for the next call.
     *
     * @throws IllegalArgumentException when the batch is too large for fold models to keep enough rows,
     *                                  or so small that cross-fitting would take more than
     *                                  {@value #MAX_CROSS_FITS} fits
     */
    public double transductiveThreshold(int batchSize) {
        return calibration.transductive(this, batchSize);
    }

    /** The inductive threshold and the out-of-fold scores it comes from; cross-fitted on the first call. */
    public Thresholds thresholds() {
        return calibration.get(this).thresholds();
    }

    /** What the fit did, with every warning, those of the cross-fitting included (which the first call runs). */
    public FitSummary summary() {
        return summary(true);
    }

    /** The fit's summary; with {@code crossFitted}, plus the warnings of the thresholds' cross-fitting. */
    FitSummary summary(boolean crossFitted) {
        if (!crossFitted) {
            return summary;
        }
        List<String> warnings = new ArrayList<>(summary.warnings());
        calibration.get(this).warnings().stream().filter(w -> !warnings.contains(w)).forEach(warnings::add);
        return new FitSummary(summary.rows(), summary.dimension(), summary.pcaComponents(), summary.iterations(),
                summary.meanDisplacement(), summary.knnBackend(), summary.seconds(), List.copyOf(warnings));
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

    /** Mahalanobis score of each shifted training row (in-sample: the model was fitted on these rows). */
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
