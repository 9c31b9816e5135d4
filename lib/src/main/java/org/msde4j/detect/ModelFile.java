package org.msde4j.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.BufferedInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.msde4j.Version;
import org.msde4j.density.GaussianDensity;
import org.msde4j.density.Pca;
import org.msde4j.density.Standardizer;
import org.msde4j.io.AtomicFiles;
import org.msde4j.knn.ExactKnn;
import org.msde4j.msde.MsdeOptions;
import org.msde4j.msde.RowOrder;
import org.msde4j.msde.WeightRule;

/**
 * The model file: one self-checking binary file per fitted {@link MsdeModel}.
 *
 * <pre>
 * magic      8 bytes  0x89 'M' 'S' 'D' 'E' '4' 'J' '\n'
 * format     int      {@value #FORMAT} (files of a newer format are refused with a clear message)
 * library    UTF      version of the msde4j that wrote it
 * length     long     payload bytes
 * payload    int + UTF-8 JSON header (options, thresholds, summary, metadata, array shapes),
 *            then each array's doubles, big-endian, in header order
 * checksum   long     CRC-32 of the payload
 * </pre>
 * Format 2 (out-of-fold thresholds) adds the option {@code thresholdFolds}, the header object
 * {@code thresholds} (quantile, folds, the inductive threshold) and the arrays
 * {@code thresholds.foldOf} and {@code thresholds.inductive} (the fold of each training row and its
 * out-of-fold inductive score); the summary's warnings include the cross-fitting's. Transductive
 * thresholds depend on the batch size and are cross-fitted when scoring. Format 1 files still load:
 * their one threshold was the in-sample quantile of {@code train.scores}, so they get in-sample
 * {@link Thresholds}, a warning that says so, and the option {@code thresholdFolds} = 0.
 * Written atomically (temporary file, then move); truncation and corruption are detected before
 * any value is used.
 */
final class ModelFile {

    static final int FORMAT = 2;
    private static final byte[] MAGIC = {(byte) 0x89, 'M', 'S', 'D', 'E', '4', 'J', '\n'};
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFile() {
    }

    static void write(MsdeModel model, Path file) throws IOException {
        Map<String, double[][]> arrays = new LinkedHashMap<>();
        arrays.put("standardizer.mean", new double[][] {model.standardizer().mean()});
        arrays.put("standardizer.scale", new double[][] {model.standardizer().scale()});
        arrays.put("train.standardized", model.trainStandardizedShared());
        arrays.put("train.weights", new double[][] {model.weightsShared()});
        arrays.put("train.shifted", model.trainShiftedShared());
        arrays.put("train.scores", new double[][] {model.trainScoresShared()});
        Pca pca = model.density().pca();
        arrays.put("pca.mean", new double[][] {pca.mean()});
        arrays.put("pca.components", pca.componentRows());
        arrays.put("pca.explainedVariance", new double[][] {pca.explainedVariance()});
        GaussianDensity g = model.density().gaussian();
        arrays.put("gaussian.mean", new double[][] {g.mean()});
        arrays.put("gaussian.precision", g.precision());
        Thresholds t = model.thresholds();
        arrays.put("thresholds.foldOf", new double[][] {Arrays.stream(t.foldOf()).asDoubleStream().toArray()});
        arrays.put("thresholds.inductive", new double[][] {t.inductive()});

        ObjectNode header = JSON.createObjectNode();
        header.put("library", Version.current());
        header.set("options", optionsJson(model.options()));
        header.putObject("thresholds").put("quantile", t.quantile()).put("folds", t.folds())
                .put("inductive", t.inductiveThreshold());
        header.set("summary", JSON.valueToTree(model.summary()));
        header.set("metadata", JSON.valueToTree(model.metadata()));
        ArrayNode shapes = header.putArray("arrays");
        for (Map.Entry<String, double[][]> e : arrays.entrySet()) {
            double[][] a = e.getValue();
            shapes.addObject().put("name", e.getKey()).put("rows", a.length).put("cols", a.length == 0 ? 0 : a[0].length);
        }
        byte[] json = JSON.writeValueAsBytes(header);
        long length = 4L + json.length;
        for (double[][] a : arrays.values()) {
            length += 8L * a.length * (a.length == 0 ? 0 : a[0].length);
        }
        long payloadLength = length;
        AtomicFiles.write(file, out -> {
            DataOutputStream data = new DataOutputStream(out);
            data.write(MAGIC);
            data.writeInt(FORMAT);
            data.writeUTF(Version.current());
            data.writeLong(payloadLength);
            CheckedOutputStream checked = new CheckedOutputStream(data, new CRC32());
            DataOutputStream payload = new DataOutputStream(checked);
            payload.writeInt(json.length);
            payload.write(json);
            for (double[][] a : arrays.values()) {
                for (double[] row : a) {
                    for (double v : row) {
                        payload.writeDouble(v);
                    }
                }
            }
            payload.flush();
            data.writeLong(checked.getChecksum().getValue());
            data.flush();
        });
    }

    /** The file name msde-fit gives a model inside its output folder. */
    static final String NAME = "model.msde";

    static MsdeModel read(Path given) throws IOException {
        Path file = given;
        if (Files.isDirectory(given)) {
            file = given.resolve(NAME);
            if (!Files.isRegularFile(file)) {
                throw new IOException(given + " is a folder without a " + NAME + " in it: give the model file written by "
                        + "msde-fit (DIR/" + NAME + "), or the folder msde-fit wrote it into.");
            }
        }
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new IOException("model file " + file + " does not exist: fit a model first (msde-fit) or check the path.");
        }
        long payloadLength = checkIntegrity(file, size);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            in.skipNBytes(MAGIC.length);
            int format = in.readInt();
            in.skipNBytes(size - payloadLength - 8 - MAGIC.length - 4);
            return parse(in, format);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " passed its checksum but could not be read (" + e.getMessage()
                    + "): it may come from an incompatible msde4j build; re-fit the model.", e);
        }
    }

    /** Checks signature, format, length and checksum; returns the payload length. */
    private static long checkIntegrity(Path file, long size) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] magic = new byte[MAGIC.length];
            if (size < MAGIC.length || in.read(magic) != MAGIC.length || !Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not an msde4j model file (its first bytes are not the msde4j "
                        + "signature): pass a file written by msde-fit or MsdeModel.save.");
            }
            int format = in.readInt();
            String writer = in.readUTF();
            if (format > FORMAT) {
                throw new IOException(file + " was written by msde4j " + writer + " in model format " + format
                        + "; this msde4j (" + Version.current() + ") reads formats up to " + FORMAT
                        + ": upgrade msde4j, or re-fit the model with this version.");
            }
            if (format < 1) {
                throw new IOException(file + " declares an invalid model format " + format + ": the file is corrupted.");
            }
            long length = in.readLong();
            long expected = MAGIC.length + 4 + 2 + writer.getBytes(StandardCharsets.UTF_8).length + 8 + length + 8;
            if (length < 0 || size != expected) {
                throw new IOException(file + " is truncated or damaged: expected " + expected + " bytes, found " + size
                        + " (an interrupted copy or download?): copy it again or re-fit the model.");
            }
            CRC32 crc = new CRC32();
            byte[] buf = new byte[1 << 16];
            long left = length;
            while (left > 0) {
                int r = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (r < 0) {
                    throw new EOFException();
                }
                crc.update(buf, 0, r);
                left -= r;
            }
            if (crc.getValue() != in.readLong()) {
                throw new IOException(file + " is corrupted: its checksum does not match its content. "
                        + "Copy it again or re-fit the model.");
            }
            return length;
        } catch (EOFException e) {
            throw new IOException(file + " is truncated: it ended before its header was complete. "
                    + "Copy it again or re-fit the model.", e);
        }
    }

    private static MsdeModel parse(DataInputStream in, int format) throws IOException {
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        JsonNode header = JSON.readTree(json);
        Map<String, double[][]> arrays = new LinkedHashMap<>();
        for (JsonNode shape : header.get("arrays")) {
            int rows = shape.get("rows").asInt();
            int cols = shape.get("cols").asInt();
            double[][] a = new double[rows][cols];
            for (double[] row : a) {
                for (int c = 0; c < cols; c++) {
                    row[c] = in.readDouble();
                }
            }
            arrays.put(shape.get("name").asText(), a);
        }
        DetectorOptions options = optionsFrom(header.get("options"), format);
        Standardizer standardizer = Standardizer.of(arrays.get("standardizer.mean")[0], arrays.get("standardizer.scale")[0]);
        Pca pca = Pca.of(arrays.get("pca.mean")[0], arrays.get("pca.components"),
                arrays.get("pca.explainedVariance")[0]);
        GaussianDensity gaussian = GaussianDensity.of(arrays.get("gaussian.mean")[0], arrays.get("gaussian.precision"));
        FitSummary summary = JSON.treeToValue(header.get("summary"), FitSummary.class);
        Map<String, String> metadata = new LinkedHashMap<>();
        header.get("metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
        double[] trainScores = arrays.get("train.scores")[0];
        Calibration calibration = format == 1
                ? Calibration.known(Thresholds.inSample(options.thresholdQuantile(), trainScores), List.of(
                        "the decision threshold is in-sample (a model file of format 1, written before out-of-fold "
                        + "thresholds): new normal images are flagged more or less often than the quantile says. Re-fit "
                        + "the model with this msde4j."))
                : Calibration.known(new Thresholds(header.get("thresholds").get("quantile").asDouble(),
                        header.get("thresholds").get("folds").asInt(),
                        Arrays.stream(arrays.get("thresholds.foldOf")[0]).mapToInt(v -> (int) v).toArray(),
                        arrays.get("thresholds.inductive")[0]), List.of());
        return new MsdeModel(options, standardizer, arrays.get("train.standardized"), arrays.get("train.weights")[0],
                arrays.get("train.shifted"), new GaussianScorer(pca, gaussian), trainScores, summary, metadata, calibration,
                ExactKnn.withFastestBackend());
    }

    private static ObjectNode optionsJson(DetectorOptions o) {
        ObjectNode n = JSON.createObjectNode();
        MsdeOptions m = o.msde();
        n.put("k", m.k()).put("tau", m.tau()).put("eta", m.eta()).put("maxIterations", m.maxIterations())
                .put("tolerance", m.tolerance()).put("weightRule", m.weightRule().name())
                .put("rowOrder", m.rowOrder().name()).put("seed", m.seed())
                .put("pcaComponents", o.pcaComponents()).put("ridge", o.ridge())
                .put("thresholdQuantile", o.thresholdQuantile()).put("thresholdFolds", o.thresholdFolds());
        return n;
    }

    private static DetectorOptions optionsFrom(JsonNode n, int format) {
        MsdeOptions m = new MsdeOptions(n.get("k").asInt(), n.get("tau").asInt(), n.get("eta").asDouble(),
                n.get("maxIterations").asInt(), n.get("tolerance").asDouble(),
                WeightRule.valueOf(n.get("weightRule").asText()), RowOrder.valueOf(n.get("rowOrder").asText()),
                n.get("seed").asLong());
        return new DetectorOptions(m, n.get("pcaComponents").asInt(), n.get("ridge").asDouble(),
                n.get("thresholdQuantile").asDouble(), format == 1 ? 0 : n.get("thresholdFolds").asInt());
    }
}
