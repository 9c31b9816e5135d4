/**
 * msde4j on Apache Spark: embeds and scores image archives with a fitted MSDE model.
 *
 * <p>{@link org.msde4j.spark.ScoreArchiveJob} reads an image list ({@link org.msde4j.spark.ImageList}: a CSV
 * {@code path[,label]}, a Parquet table of paths, or a folder tree through Spark's {@code binaryFile}
 * source), ships the model file and its backbone to every executor once ({@link org.msde4j.spark.ScoringPlan}),
 * where they are loaded once per executor JVM ({@link org.msde4j.spark.ExecutorModels}); each partition is
 * decoded, embedded with the model's own backbone and scored inductively in batches
 * ({@link org.msde4j.spark.PartitionScorer}); an image that cannot be read becomes a row with an error.
 * The scores are written as Parquet and CSV into a folder that appears complete or not at all
 * ({@link org.msde4j.spark.StagedOutput}), with a {@link org.msde4j.spark.JobSummary}.
 * {@link org.msde4j.spark.SparkScoreCommand} is the command line, for {@code spark-submit} and for
 * {@code ./jbang msde-spark-score}. Depends on the msde4j library; the library knows nothing of Spark.
 */
package org.msde4j.spark;
