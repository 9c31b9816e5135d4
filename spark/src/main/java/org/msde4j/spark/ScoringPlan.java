package org.msde4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkFiles;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.msde4j.pipeline.BackboneSpec;

/**
 * What every task needs, small and serializable: the names under which the model file and the
 * backbone's weights were shipped ({@link SparkContext#addFile}: each executor fetches them once),
 * the identities to check them against, the threshold, the batch size, the Hadoop configuration
 * for reading image paths, and a counter of model loads.
 *
 * <p>The files are shipped as copies named after their content ({@code model-ID.msde},
 * {@code backbone-ID…}), so two jobs of one Spark application never ship two files of one name.
 */
public final class ScoringPlan implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int ID_CHARS = 16;

    private final String modelFile;
    private final String modelId;
    private final String backbone;
    private final int imageSize;
    private final String backboneFile;
    private final String backboneIdentity;
    private final double threshold;
    private final int batchSize;
    private final String base;
    private final SerializableConfiguration hadoop;
    private final LongAccumulator loads;

    private ScoringPlan(String modelFile, String modelId, BackboneSpec backbone, String backboneFile, String backboneIdentity,
                        double threshold, int batchSize, String base, SerializableConfiguration hadoop, LongAccumulator loads) {
        this.modelFile = modelFile;
        this.modelId = modelId;
        this.backbone = backbone.toString();
        this.imageSize = backbone.imageSize();
        this.backboneFile = backboneFile;
        this.backboneIdentity = backboneIdentity;
        this.threshold = threshold;
        this.batchSize = batchSize;
        this.base = base;
        this.hadoop = hadoop;
        this.loads = loads;
    }

    /**
     * Ships {@code checked}'s model file and backbone weights, unless this Spark application has
     * shipped them before, and returns the plan for the tasks. The copies live in a folder of the
     * application ({@link #shippingFolder}) until the JVM exits: executors that join later fetch them
     * from there.
     *
     * @param threshold decision threshold (the model's own unless given)
     * @param base      folder that relative image paths resolve against
     */
    public static ScoringPlan ship(SparkSession spark, CheckedModel checked, double threshold, int batchSize, String base)
            throws IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("option --batch-size must be ≥ 1, got " + batchSize + ".");
        }
        SparkContext sc = spark.sparkContext();
        String model = "model-" + checked.modelId().substring(0, ID_CHARS) + ".msde";
        ship(sc, checked.file(), model);
        String backboneFile = null;
        if (checked.weights() != null) {
            Path weights = checked.weights();
            backboneFile = "backbone-" + checked.backboneIdentity().substring(0, ID_CHARS)
                    + (Files.isDirectory(weights) ? "" : "-" + weights.getFileName());
            ship(sc, weights, backboneFile);
        }
        return new ScoringPlan(model, checked.modelId(), checked.backbone(), backboneFile,
                checked.backboneIdentity(), threshold, batchSize, base, new SerializableConfiguration(sc.hadoopConfiguration()),
                sc.longAccumulator("msde4j model loads"));
    }

    /** Copies {@code from} (a file or a folder) as {@code name} into the application's folder and adds it, once. */
    private static synchronized void ship(SparkContext sc, Path from, String name) throws IOException {
        Path copy = shippingFolder(sc).resolve(name);
        if (Files.exists(copy)) {
            return;
        }
        Path partial = shippingFolder(sc).resolve(name + ".partial");
        copyTree(from, partial);
        Files.move(partial, copy);
        sc.addFile(copy.toUri().toString(), Files.isDirectory(copy));
    }

    /** The folder of the files this Spark application shipped, deleted when the JVM exits. */
    private static Path shippingFolder(SparkContext sc) throws IOException {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "msde4j-spark-" + sc.applicationId());
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(folder)));
        }
        return folder;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // the JVM is exiting; a folder left in the temporary directory is harmless
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** On an executor: the local copy of the model file. */
    Path localModel() {
        return Path.of(SparkFiles.get(modelFile));
    }

    /** On an executor: the backbone, opened from the local copy of its weights. */
    BackboneSpec localBackbone() {
        BackboneSpec spec = BackboneSpec.parse(backbone, imageSize, null, null);
        return backboneFile == null ? spec : spec.at(Path.of(SparkFiles.get(backboneFile)));
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
