package org.msde4j.detect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.msde4j.density.GaussianDensity;
import org.msde4j.density.Pca;
import org.msde4j.density.Standardizer;
import org.msde4j.knn.ExactKnn;
import org.msde4j.math.Matrices;
import org.msde4j.math.Quantiles;
import org.msde4j.math.Sampling;
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
 *
 * <p>Scoring, one method per meaning: {@link #score(double[])} and {@link #score(double[][])} are
 * inductive (a row's score depends on that row alone); {@link #scoreTransductive} is the paper's
 * protocol (the batch is shifted with the training rows); {@link #diagnose} and
 * {@link #diagnoseTransductive} add the shift run, for plots.
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
    private final ExactKnn knn;

    /** Most fits {@link #transductiveThreshold(int)} runs. */
    public static final int MAX_CROSS_FITS = Calibration.MAX_CROSS_FITS;

    MsdeModel(DetectorOptions options, Standardizer standardizer, double[][] trainStandardized, double[] weights,
              double[][] trainShifted, GaussianScorer density, double[] trainScores, FitSummary summary,
              Map<String, String> metadata, Calibration calibration, ExactKnn knn) {
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
        this.knn = knn;
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
                new GaussianScorer(pca, gaussian), trainScores, summary, new LinkedHashMap<>(), Calibration.pending(),
                ExactKnn.withFastestBackend());
    }

    /**
     * The inductive anomaly score of one raw row x (same features as the training rows): x is
     * standardised to z, moved by at most T_max steps z ← z + η (m(z) − z), m(z) = Σⱼ wⱼ x̃ⱼ / Σⱼ wⱼ
     * over its k nearest shifted training rows x̃ⱼ with their density weights wⱼ (the training rows
     * stay put; {@link MeanShift#toward}), and scored by the Mahalanobis distance of its PCA
     * projection to the training Gaussian. Equals {@code score(new double[][] {x})[0]}.
     */
    public double score(double[] x) {
        if (x == null) {
            throw new IllegalArgumentException("the row to score is null: pass " + dimension() + " features.");
        }
        return score(new double[][] {x})[0];
    }

    /**
     * Inductive anomaly scores of raw rows, one per row as {@link #score(double[])}: each row moves on
     * its own towards the fitted training rows, so its score never depends on the other rows of the
     * call (the deployment protocol). Higher = more anomalous; flag scores above {@link #threshold()}.
     */
    public double[] score(double[][] rows) {
        return diagnose(rows).scores();
    }

    /** {@link #score(double[][])} of the rows of an ND4J matrix, as {@link MsdeDetector#fit(INDArray, DetectorOptions)} fits on one. */
    public double[] score(INDArray rows) {
        return score(Matrices.toRows(rows, "test data"));
    }

    /** Inductive scores of {@code rows} ({@link #score(double[][])}) with decisions at {@link #threshold()}. */
    public ScoreResult decide(double[][] rows) {
        return new ScoreResult(score(rows), ScoringMode.INDUCTIVE, this::threshold);
    }

    /**
     * The paper's transductive protocol: the batch B is standardised and stacked under the n
     * standardised training rows, density weights are recomputed on the union, and all n + |B| rows
     * are shifted together by the blurring mean shift ({@link Msde#run}); the batch rows are then
     * scored by their Mahalanobis distance to the training Gaussian. A score therefore depends on
     * the other rows of the batch. The result's threshold is the one cross-fitted for batches of
     * |B| rows ({@link #transductiveThreshold(int)}), found only when asked for.
     */
    public ScoreResult scoreTransductive(double[][] batch) {
        double[] scores = diagnoseTransductive(batch).scores();
        return new ScoreResult(scores, ScoringMode.TRANSDUCTIVE, () -> transductiveThreshold(scores.length));
    }

    /** The inductive scores of {@link #score(double[][])} with the shift run that moved the rows (test rows from 0). */
    public ShiftDiagnostics diagnose(double[][] rows) {
        Inputs.checkTest(rows, dimension());
        return shiftTowardTraining(standardizer.transform(rows));
    }

    /**
     * The transductive scores of {@link #scoreTransductive} with the union run that moved the rows
     * (training rows first, the batch from row n on).
     */
    public ShiftDiagnostics diagnoseTransductive(double[][] batch) {
        Inputs.checkTest(batch, dimension());
        double[][] union = Matrices.stack(trainStandardized, standardizer.transform(batch));
        ShiftTrace shift = Msde.run(union, options.msde(), knn, null).shift();
        return scored(shift, trainStandardized.length, batch.length);
    }

    /** Inductive scores of standardised rows (cross-fitting scores the training rows the model keeps). */
    double[] scoreStandardized(double[][] z) {
        return shiftTowardTraining(z).scores();
    }

    private ShiftDiagnostics shiftTowardTraining(double[][] z) {
        return scored(MeanShift.toward(z, trainShifted, weights, options.msde(), knn), 0, z.length);
    }

    private ShiftDiagnostics scored(ShiftTrace shift, int firstTestRow, int rows) {
        double[][] moved = new double[rows][];
        for (int i = 0; i < moved.length; i++) {
            moved[i] = shift.position(firstTestRow + i);
        }
        return new ShiftDiagnostics(density.score(moved), shift, firstTestRow);
    }

    /**
     * Transductive scores of rows that arrive in independent batches of at most {@code batchSize}:
     * the rows are put in a random order drawn with {@code seed} (test sets are often sorted by label,
     * which would make batches label-pure), cut into batches, and each batch is scored transductively
     * on its own. With {@code batchSize} ≥ the number of rows this is exactly
     * {@code scoreTransductive(test)}, in the given order.
     */
    public double[] scoreInBatches(double[][] test, int batchSize, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("option batch-size must be ≥ 1, got " + batchSize + ".");
        }
        if (batchSize >= test.length) {
            return scoreTransductive(test).scores();
        }
        int[] order = Sampling.permutation(test.length, seed);
        double[] out = new double[test.length];
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            double[][] batch = new double[end - start][];
            for (int b = start; b < end; b++) {
                batch[b - start] = test[order[b]];
            }
            double[] s = scoreTransductive(batch).scores();
            for (int b = start; b < end; b++) {
                out[order[b]] = s[b - start];
            }
        }
        return out;
    }

    /** This model as a {@link Scorer} of the given protocol ({@link #score(double[][])} or {@link #scoreTransductive}). */
    public MsdeScorer scorer(ScoringMode mode) {
        return new MsdeScorer(this, mode);
    }

    /** The same model with extra metadata (e.g. the backbone's identity) recorded in its file. */
    public MsdeModel withMetadata(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(metadata);
        merged.putAll(extra);
        return new MsdeModel(options, standardizer, trainStandardized, weights, trainShifted, density, trainScores,
                summary, merged, calibration, knn);
    }

    /**
     * The same model searching neighbours with {@code engine} (e.g. one pinned to ND4J); scores are
     * unchanged, since every engine returns the exact neighbours ({@link ExactKnn}).
     */
    public MsdeModel withKnn(ExactKnn engine) {
        return new MsdeModel(options, standardizer, trainStandardized, weights, trainShifted, density, trainScores,
                summary, metadata, calibration, Objects.requireNonNull(engine, "engine"));
    }

    /** The kNN search this model scores with: the one given at fit, or the fastest here for a loaded model. */
    public ExactKnn knn() {
        return knn;
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
        return Quantiles.of(thresholds().inductive(), q);
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
