package org.msde4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.msde4j.Version;
import org.msde4j.data.ImageFiles;
import org.msde4j.eval.Metrics;

/**
 * Embeds and scores the images of an {@link ImageList} with a checked model, on the executors, and
 * writes {@code scores.parquet}, {@code scores.csv} (one file) and {@code summary.json} into an
 * output folder that appears complete or not at all ({@link StagedOutput}).
 *
 * <p>Output columns: {@code path} (as listed; the file's URI for a folder), {@code label} (when the
 * list has labels), {@code score} (the inductive MSDE score, higher = more anomalous),
 * {@code anomalous} (score above the threshold), {@code threshold}, {@code backbone_id},
 * {@code model_id}, {@code error} (why an image has no score). List rows keep their order.
 */
public final class ScoreArchiveJob {

    /** The job's name, recorded in its summary. */
    public static final String NAME = "msde-spark-score";
    public static final String PARQUET = "scores.parquet";
    public static final String CSV = "scores.csv";
    public static final String SUMMARY = "summary.json";

    /** Images per task when the job chooses the number of tasks. */
    static final int IMAGES_PER_TASK = 256;

    /**
     * What to score and where to write.
     *
     * @param input      the image list or folder
     * @param format     how to read it, or null to tell from the input
     * @param out        the output folder
     * @param overwrite  replace an earlier output of this job in {@code out}
     * @param threshold  decision threshold, or null for the model's own
     * @param batchSize  images per backbone call
     * @param partitions tasks to spread a list over, or 0 for one per {@value #IMAGES_PER_TASK} images
     *                   (at least the cluster's default parallelism); a folder keeps Spark's file
     *                   partitions unless given
     */
    public record Options(String input, ImageList.Format format, String out, boolean overwrite, Double threshold,
                          int batchSize, int partitions) {
    }

    private ScoreArchiveJob() {
    }

    /** Runs the job; fails before any task runs when the output folder may not be written. */
    public static JobSummary run(SparkSession spark, CheckedModel model, Options options) throws IOException {
        long start = System.nanoTime();
        try (StagedOutput output = StagedOutput.begin(spark.sparkContext().hadoopConfiguration(), options.out(),
                options.overwrite())) {
            ImageList list = ImageList.read(spark, options.input(), options.format());
            double threshold = options.threshold() != null ? options.threshold() : model.model().threshold();
            ScoringPlan plan = ScoringPlan.ship(spark, model, threshold, options.batchSize(), list.base());
            Dataset<Row> rows = partitioned(spark, list, options.partitions());
            int partitions = rows.rdd().getNumPartitions();
            JavaRDD<Row> scored = rows.javaRDD().mapPartitions(new PartitionScorer(plan, list.labelled()));
            Dataset<Row> result = spark.createDataFrame(scored, PartitionScorer.schema(list.labelled()))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            JobSummary summary;
            try {
                result.write().parquet(output.path(PARQUET).toString());
                writeCsv(result, output);
                summary = summarize(spark, result, model, list, options, threshold, partitions, plan.loads().value(),
                        (System.nanoTime() - start) / 1e9);
            } finally {
                result.unpersist();
            }
            try (OutputStream out = output.fs().create(output.path(SUMMARY), false)) {
                out.write(summary.json().getBytes(StandardCharsets.UTF_8));
            }
            output.commit();
            return summary;
        }
    }

    /**
     * A list spread over tasks in contiguous ranges of rows (so the output keeps the list's order);
     * a folder as Spark's file source split it, unless a number of tasks is given.
     */
    private static Dataset<Row> partitioned(SparkSession spark, ImageList list, int partitions) throws IOException {
        Dataset<Row> rows = list.rows();
        if (list.format() == ImageList.Format.IMAGES) {
            if (rows.isEmpty()) {
                throw new IOException("option --input: " + list.base() + " holds no image files (" + String.join(", ",
                        ImageFiles.EXTENSIONS) + "), in any sub-folder.");
            }
            return partitions > 0 ? rows.repartition(partitions) : rows;
        }
        long n = rows.count();
        if (n == 0) {
            throw new IOException("option --input: " + list.base() + " lists no images: give one path per row.");
        }
        int tasks = partitions > 0 ? partitions
                : (int) Math.max(spark.sparkContext().defaultParallelism(), (n + IMAGES_PER_TASK - 1) / IMAGES_PER_TASK);
        String order = "_msde4j_row";
        return rows.withColumn(order, monotonically_increasing_id()).repartitionByRange(tasks, col(order))
                .sortWithinPartitions(order).drop(order);
    }

    /** One CSV file with a header, the partitions one after another. */
    private static void writeCsv(Dataset<Row> written, StagedOutput output) throws IOException {
        Path parts = output.path("_csv-parts");
        written.coalesce(1).write().option("header", true).csv(parts.toString());
        FileStatus[] part = output.fs().globStatus(new Path(parts, "part-*"));
        if (part == null || part.length != 1) {
            throw new IOException("Spark wrote " + (part == null ? 0 : part.length) + " CSV parts into " + parts
                    + ", expected one.");
        }
        if (!output.fs().rename(part[0].getPath(), output.path(CSV))) {
            throw new IOException("could not move " + part[0].getPath() + " to " + output.path(CSV) + ".");
        }
        output.fs().delete(parts, true);
    }

    private static JobSummary summarize(SparkSession spark, Dataset<Row> written, CheckedModel model, ImageList list,
                                        Options options, double threshold, int partitions, long loads, double seconds) {
        Row counts = written.agg(count(lit(1)), count(col("score")), countWhere(col("anomalous")),
                countWhere(col("error").startsWith(PartitionScorer.MISSING + ":")),
                countWhere(col("error").startsWith(PartitionScorer.UNREADABLE + ":"))).first();
        Double auroc = null;
        Double ap = null;
        if (list.labelled()) {
            List<Row> scored = written.where(col("score").isNotNull().and(col("label").isNotNull()))
                    .select("score", "label").collectAsList();
            double[] scores = scored.stream().mapToDouble(r -> r.getDouble(0)).toArray();
            int[] labels = scored.stream().mapToInt(r -> r.getInt(1)).toArray();
            int anomalies = Arrays.stream(labels).sum();
            if (anomalies > 0 && anomalies < labels.length) {
                auroc = Metrics.auroc(scores, labels);
                ap = Metrics.averagePrecision(scores, labels);
            }
        }
        return new JobSummary(NAME, Version.current(), spark.version(), spark.sparkContext().master(),
                model.file().toAbsolutePath().toString(), model.modelId(), model.backbone().toString(), model.backboneIdentity(),
                options.input(), list.format().name().toLowerCase(Locale.ROOT), counts.getLong(0), counts.getLong(1),
                counts.getLong(3), counts.getLong(4), counts.getLong(2), threshold, partitions, loads, seconds, auroc, ap);
    }

    private static Column countWhere(Column condition) {
        return sum(when(condition, 1).otherwise(0)).cast("long");
    }
}
