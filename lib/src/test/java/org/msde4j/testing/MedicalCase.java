package org.msde4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.msde4j.testing.Fixtures.Csv;

/**
 * The authors' medical case (fixture case B, {@code medical-small}): raw and standardised rows,
 * labels, the published figures of the manifest, and the inductive scores worked out from the
 * authors' fitted positions, weights, PCA and Gaussian by {@link Oracles}.
 */
public final class MedicalCase {

    /** The medical paper's shift settings, as the fixtures ran them. */
    public static final int K = 50;
    public static final double ETA = 0.33;
    public static final double TOLERANCE = 0.01;
    public static final int MAX_ITERATIONS = 8;

    private MedicalCase() {
    }

    /** Columns {@code prefix0…} of a file under {@code medical-small/}. */
    public static double[][] matrix(String file, String prefix) {
        return Csv.read(Fixtures.reference("medical-small/" + file)).matrix(prefix);
    }

    public static double[][] trainRaw() {
        return matrix("train_raw.csv", "x");
    }

    public static double[][] testRaw() {
        return matrix("test_raw.csv", "x");
    }

    /** 0 for the 100 normal test rows, 1 for the 100 anomalies. */
    public static int[] labels() {
        return Arrays.stream(Csv.read(Fixtures.reference("medical-small/test_labels.csv")).numbers("label"))
                .mapToInt(x -> (int) x).toArray();
    }

    /** The manifest's results for this case. */
    public static JsonNode results() {
        try {
            return new ObjectMapper().readTree(Fixtures.reference("manifest.json").toFile())
                    .get("results").get("medical-small");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** AUROC of the authors' transductive MSDE scores, variant "reference" or "count". */
    public static double transductiveAuroc(String variant) {
        return results().get("runs").get(variant).get("auroc").asDouble();
    }

    /** AUROC of the authors' PCA + Gaussian scores without MSDE. */
    public static double noMsdeAuroc() {
        return results().get("no_msde").get("auroc").asDouble();
    }

    /**
     * Inductive scores from the authors' fit: each standardised test row shifted alone towards the
     * authors' shifted training rows with their weights, then scored by the authors' PCA and Gaussian.
     */
    public static double[] inductiveScores(String variant) {
        String dir = variant + "/";
        double[][] shifted = Oracles.inductiveShift(matrix("test_std.csv", "x"), matrix(dir + "shifted_train.csv", "y"),
                Csv.read(Fixtures.reference("medical-small/" + dir + "weights_train.csv")).numbers("weight"),
                K, ETA, TOLERANCE, MAX_ITERATIONS);
        return Oracles.mahalanobis(shifted,
                Csv.read(Fixtures.reference("medical-small/" + dir + "pca_mean.csv")).numbers("mean"),
                matrix(dir + "pca_components.csv", "c"),
                Csv.read(Fixtures.reference("medical-small/" + dir + "gde_mean.csv")).numbers("mean"),
                matrix(dir + "gde_cov_inv.csv", "c"));
    }
}
