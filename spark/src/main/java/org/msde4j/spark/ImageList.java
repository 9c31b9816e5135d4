package org.msde4j.spark;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.msde4j.data.ImageFiles;

/**
 * The images a job scores, as a table with the columns {@code path} (string), optionally
 * {@code label} (0 normal, 1 anomaly) and, for folders, {@code content} (the file's bytes).
 *
 * <ul>
 *   <li>{@link Format#CSV}: a CSV file with a header and a {@code path} column, optionally {@code label};
 *       other columns (e.g. msde-score's {@code split}) are ignored;</li>
 *   <li>{@link Format#PARQUET}: a Parquet table with a string column {@code path}, optionally {@code label};</li>
 *   <li>{@link Format#IMAGES}: a folder tree read by Spark's {@code binaryFile} source: every file whose
 *       extension is one of {@link ImageFiles#EXTENSIONS}, recursively.</li>
 * </ul>
 * Relative paths of a list resolve against the folder that holds the list. Paths are Hadoop paths:
 * {@code file:}, {@code hdfs:}, {@code s3a:}…; a path without a scheme is on the cluster's default
 * file system, as everywhere in Spark.
 *
 * @param rows   the table
 * @param format how it was read
 * @param base   the folder relative paths resolve against
 */
public record ImageList(Dataset<Row> rows, Format format, String base) {

    /** The kinds of input. */
    public enum Format {
        CSV, PARQUET, IMAGES;

        /** CSV for a {@code .csv} file, PARQUET for a {@code .parquet} file or a folder of Parquet files, else IMAGES. */
        static Format detect(FileSystem fs, Path input) throws IOException {
            String name = input.getName().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                return CSV;
            }
            if (name.endsWith(".parquet")) {
                return PARQUET;
            }
            if (fs.getFileStatus(input).isDirectory()) {
                FileStatus[] parts = fs.globStatus(new Path(input, "*.parquet"));
                return parts != null && parts.length > 0 ? PARQUET : IMAGES;
            }
            throw new IOException("option --input: cannot tell what " + input + " is: give a .csv list, a .parquet table "
                    + "or a folder of images, or say it with --format csv|parquet|images.");
        }
    }

    /** Reads {@code input} as {@code format}, or as what it looks like when {@code format} is null. */
    public static ImageList read(SparkSession spark, String input, Format format) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path path = new Path(input);
        FileSystem fs = path.getFileSystem(conf);
        if (!fs.exists(path)) {
            throw new IOException("option --input: " + input + " does not exist: give a CSV list, a Parquet table or a "
                    + "folder of images.");
        }
        Path qualified = fs.makeQualified(path);
        Format f = format != null ? format : Format.detect(fs, qualified);
        return switch (f) {
            case CSV -> list(spark.read().option("header", true).csv(qualified.toString()), f, qualified);
            case PARQUET -> list(spark.read().parquet(qualified.toString()), f, qualified);
            case IMAGES -> new ImageList(spark.read().format("binaryFile")
                    .option("recursiveFileLookup", true)
                    .option("pathGlobFilter", "*.{" + String.join(",", extensions()) + "}")
                    .load(qualified.toString()).select("path", "content"), f, qualified.toString());
        };
    }

    /** Whether the table has labels. */
    public boolean labelled() {
        return Arrays.asList(rows.columns()).contains("label");
    }

    private static ImageList list(Dataset<Row> table, Format format, Path file) throws IOException {
        List<String> columns = Arrays.asList(table.columns());
        if (!columns.contains("path")) {
            throw new IOException(file + " has no column \"path\" (columns: " + String.join(", ", columns)
                    + "): give one image path per row in a column named path, and optionally label (0 normal, 1 anomaly).");
        }
        Dataset<Row> rows = table.select(functions.col("path").cast(DataTypes.StringType).as("path"));
        if (columns.contains("label")) {
            List<Row> bad = table.select("label").where(functions.col("label").cast(DataTypes.StringType)
                    .isin("0", "1").equalTo(false).or(functions.col("label").isNull())).limit(5).collectAsList();
            if (!bad.isEmpty()) {
                throw new IOException(file + " has labels other than 0 and 1 (e.g. \"" + bad.get(0).get(0)
                        + "\"): use 0 for normal and 1 for anomaly, or drop the label column.");
            }
            rows = table.select(functions.col("path").cast(DataTypes.StringType).as("path"),
                    functions.col("label").cast(DataTypes.IntegerType).as("label"));
        }
        return new ImageList(rows, format, file.getParent().toString());
    }

    /** Each extension in lower and upper case ({@code pathGlobFilter} is case-sensitive). */
    private static List<String> extensions() {
        return ImageFiles.EXTENSIONS.stream()
                .flatMap(e -> List.of(e, e.toUpperCase(Locale.ROOT)).stream()).toList();
    }
}
