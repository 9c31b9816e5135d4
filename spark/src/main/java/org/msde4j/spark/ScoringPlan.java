package org.msde4j.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.msde4j.io.Archives;
import org.msde4j.pipeline.BackboneSpec;

/**
 * What every task needs, small and serializable: the model file and the backbone's weights as
 * broadcast variables (each executor fetches a broadcast once, from the driver or from other
 * executors, whatever number of tasks it runs), the identities to check them against, the
 * threshold, the batch size, the Hadoop configuration for reading image paths, and a counter of
 * model loads.
 *
 * <p>Broadcasts rather than {@link SparkContext#addFile}: on Spark 4 the jobs of a session only
 * see the files added to that session, and Spark ships files, not folders.
 */
public final class ScoringPlan implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Broadcast<byte[]> modelFile;
    private final String modelId;
    private final String backbone;
    private final int imageSize;
    private final Broadcast<byte[]> weights;
    private final String weightsName;
    private final boolean weightsFolder;
    private final String backboneIdentity;
    private final double threshold;
    private final int batchSize;
    private final String base;
    private final SerializableConfiguration hadoop;
    private final LongAccumulator loads;

    private ScoringPlan(JavaSparkContext sc, CheckedModel checked, double threshold, int batchSize, String base)
            throws IOException {
        this.modelFile = sc.broadcast(Files.readAllBytes(checked.file()));
        this.modelId = checked.modelId();
        this.backbone = checked.backbone().toString();
        this.imageSize = checked.backbone().imageSize();
        Path w = checked.weights();
        this.weights = w == null ? null : sc.broadcast(Files.isDirectory(w) ? zip(w) : Files.readAllBytes(w));
        this.weightsName = w == null ? null : w.getFileName().toString();
        this.weightsFolder = w != null && Files.isDirectory(w);
        this.backboneIdentity = checked.backboneIdentity();
        this.threshold = threshold;
        this.batchSize = batchSize;
        this.base = base;
        this.hadoop = new SerializableConfiguration(sc.hadoopConfiguration());
        this.loads = sc.sc().longAccumulator("msde4j model loads");
    }

    /**
     * Broadcasts {@code checked}'s model file and backbone weights and returns the plan for the tasks.
     *
     * @param threshold decision threshold (the model's own unless given)
     * @param base      folder that relative image paths resolve against
     */
    public static ScoringPlan ship(SparkSession spark, CheckedModel checked, double threshold, int batchSize, String base)
            throws IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("option --batch-size must be ≥ 1, got " + batchSize + ".");
        }
        return new ScoringPlan(JavaSparkContext.fromSparkContext(spark.sparkContext()), checked, threshold, batchSize, base);
    }

    /** The files of {@code folder} (and its sub-folders), zipped. */
    private static byte[] zip(Path folder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new ZipEntry(folder.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** On an executor: writes the model file into {@code dir}; returns its path. */
    Path writeModel(Path dir) throws IOException {
        return Files.write(dir.resolve("model.msde"), modelFile.value());
    }

    /** On an executor: writes the backbone's weights into {@code dir}; returns how to open the backbone from there. */
    BackboneSpec writeBackbone(Path dir) throws IOException {
        BackboneSpec spec = BackboneSpec.parse(backbone, imageSize, null, null);
        if (weights == null) {
            return spec;
        }
        Path copy = dir.resolve(weightsName);
        if (weightsFolder) {
            Path zip = Files.write(dir.resolve(weightsName + ".zip"), weights.value());
            Archives.extract(zip, copy);
        } else {
            Files.write(copy, weights.value());
        }
        return spec.at(copy);
    }

    /** What identifies the loaded model and backbone in an executor (one load per key and JVM). */
    String key() {
        return modelId + "/" + backboneIdentity;
    }

    String modelId() {
        return modelId;
    }

    String backboneIdentity() {
        return backboneIdentity;
    }

    double threshold() {
        return threshold;
    }

    int batchSize() {
        return batchSize;
    }

    String base() {
        return base;
    }

    Configuration hadoop() {
        return hadoop.value();
    }

    /** Model loads so far, over all executors (read on the driver after the job). */
    LongAccumulator loads() {
        return loads;
    }
}
