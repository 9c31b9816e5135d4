package org.msde4j.spark;

import java.io.PrintStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.msde4j.pipeline.BackboneSpec;
import org.msde4j.pipeline.EmbeddedDataset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code msde-spark-score}: the command line of {@link ScoreArchiveJob}, the main class for
 * {@code spark-submit} and for {@code ./jbang msde-spark-score}. The model is checked before Spark
 * starts; errors print as one line and exit with 1, usage errors with 2.
 */
@Command(name = ScoreArchiveJob.NAME, mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scores an archive of images on Apache Spark with a model file from msde-fit: each executor loads the "
                + "model and its backbone once, embeds its share of the images and scores them inductively. Writes "
                + "scores.parquet, scores.csv and summary.json into --out, all at once. An image that cannot be read "
                + "becomes a row with an error. Run it with spark-submit on a cluster, or here (master local[*]).")
public final class SparkScoreCommand implements Callable<Integer> {

    /** Log4j 2's property for its configuration file; set to quieter logging when Spark is started here. */
    private static final String LOG_CONFIGURATION = "log4j2.configurationFile";

    @Option(names = "--model", required = true, description = "Model file written by msde-fit (model.msde), on the driver's disk.")
    Path model;
    @Option(names = "--input", required = true, description = "The images: a CSV file with a header and a path column "
            + "(optionally label: 0 normal, 1 anomaly), a Parquet table with a path column, or a folder searched "
            + "recursively for images. Paths may be local, hdfs:, s3a:…; relative ones start at the list's folder.")
    String input;
    @Option(names = "--out", required = true, description = "Output folder; it appears only when the job has finished.")
    String out;
    @Option(names = "--overwrite", description = "Replace an earlier output of msde-spark-score in --out (never other files).")
    boolean overwrite;
    @Option(names = "--format", description = "How to read --input: csv, parquet or images (default: from its name and content).")
    String format;
    @Option(names = "--threshold", description = "Decision threshold on the score (default: the model's, the 95th percentile of its training scores).")
    Double threshold;
    @Option(names = "--backbone", description = "A copy of the model's backbone to use where the recorded one is not on the "
            + "driver's disk (ssl:DIR, torchscript:PATH_OR_URL, pixels); it must be the same backbone.")
    String backbone;
    @Option(names = "--image-size", defaultValue = "0", description = "Input size when --backbone is given (default: ${DEFAULT-VALUE}, the backbone's default).")
    int imageSize;
    @Option(names = "--master", description = "Spark master (default: the one spark-submit sets, else local[*]: every core of this machine).")
    String master;
    @Option(names = "--partitions", defaultValue = "0", description = "Tasks to spread a list over (default: ${DEFAULT-VALUE}, one per "
            + ScoreArchiveJob.IMAGES_PER_TASK + " images, at least one per core).")
    int partitions;
    @Option(names = "--batch-size", defaultValue = "32", description = "Images per backbone call (default: ${DEFAULT-VALUE}).")
    int batchSize;
    @Option(names = "--cache", description = "Where a backbone given by URL is cached on the driver (default: $MSDE4J_CACHE or ~/.msde4j/cache).")
    Path cache;
    @Option(names = "--offline", description = "Never use the network.")
    boolean offline;

    public static void main(String[] args) {
        if (System.getProperty("spark.master") == null && System.getProperty(LOG_CONFIGURATION) == null) {
            URL local = SparkScoreCommand.class.getResource("log4j2-local.properties");
            System.setProperty(LOG_CONFIGURATION, String.valueOf(local));
        }
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns its exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new SparkScoreCommand())
                .setOut(new java.io.PrintWriter(out, true))
                .setErr(new java.io.PrintWriter(err, true))
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println(ScoreArchiveJob.NAME + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                    if (System.getenv("MSDE4J_DEBUG") != null) {
                        e.printStackTrace(cmd.getErr());
                    }
                    return 1;
                });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        ImageList.Format f = format == null ? null : switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> ImageList.Format.CSV;
            case "parquet" -> ImageList.Format.PARQUET;
            case "images" -> ImageList.Format.IMAGES;
            default -> throw new IllegalArgumentException("option --format: \"" + format + "\" is not csv, parquet or images.");
        };
        BackboneSpec override = backbone == null ? null : BackboneSpec.parse(backbone, imageSize, null, null);
        CheckedModel checked = CheckedModel.check(model, override, cache != null ? cache : EmbeddedDataset.defaultCache(),
                offline, System.out);
        System.out.println("model " + model + ": backbone " + checked.backboneName() + ", threshold "
                + String.format(Locale.ROOT, "%.4f", threshold != null ? threshold : checked.model().threshold()));
        SparkSession.Builder builder = SparkSession.builder().appName(ScoreArchiveJob.NAME);
        if (master != null || !new SparkConf().contains("spark.master")) {
            builder.master(master != null ? master : "local[*]").config("spark.ui.showConsoleProgress", true)
                    .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "localhost");
        }
        SparkSession spark = builder.getOrCreate();
        try {
            JobSummary summary = ScoreArchiveJob.run(spark, checked, new ScoreArchiveJob.Options(input, f, out, overwrite,
                    threshold, batchSize, partitions));
            summary.print(System.out, out);
        } finally {
            spark.stop();
        }
        return 0;
    }
}
