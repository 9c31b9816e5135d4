package org.msde4j.spark;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * What a job did, written as {@code summary.json} (last, so that its presence marks a complete
 * output) and printed.
 *
 * @param job         always {@link ScoreArchiveJob#NAME}: marks the folder as this job's output
 * @param msde4j      the library's version
 * @param spark       Spark's version
 * @param master      where it ran
 * @param model       the model file
 * @param modelId     hex SHA-256 of the model file
 * @param backbone    the backbone as it was opened ({@code ssl:DIR}, {@code torchscript:…}, {@code pixels})
 * @param backboneId  the backbone's identity
 * @param input       the image list or folder
 * @param format      how the input was read
 * @param images      rows written (one per listed image)
 * @param scored      images with a score
 * @param missing     images whose file was not found
 * @param unreadable  images that could not be read or decoded
 * @param flagged     images above the threshold
 * @param threshold   the decision threshold
 * @param partitions  tasks the images were spread over
 * @param modelLoads  times the model and backbone were loaded, over all executors (one per executor JVM)
 * @param seconds     wall time from reading the input to the committed output
 * @param auroc       AUROC of the scores against the labels, when the input has both classes (else null)
 * @param ap          average precision, likewise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobSummary(String job, String msde4j, String spark, String master, String model, String modelId,
                         String backbone, String backboneId, String input, String format, long images, long scored,
                         long missing, long unreadable, long flagged, double threshold, int partitions, long modelLoads,
                         double seconds, Double auroc, Double ap) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** Images per second over the whole job. */
    public double imagesPerSecond() {
        return images / seconds;
    }

    /** As {@code summary.json}. */
    public String json() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lines a user reads at the end of a run. */
    public void print(PrintStream out, String folder) {
        out.printf(Locale.ROOT, "scored %d of %d images in %.1f s (%.1f images/s, %d tasks, %s): %d above the threshold %.4f%n",
                scored, images, seconds, imagesPerSecond(), partitions, master, flagged, threshold);
        if (missing + unreadable > 0) {
            out.printf(Locale.ROOT, "errors: %d missing, %d unreadable (rows with an error and no score in %s)%n",
                    missing, unreadable, ScoreArchiveJob.CSV);
        }
        if (auroc != null) {
            out.printf(Locale.ROOT, "AUROC %.4f, AP %.4f on the labelled images that were scored%n", auroc, ap);
        }
        out.printf(Locale.ROOT, "model and backbone loaded %d time%s (once per executor)%n", modelLoads,
                modelLoads == 1 ? "" : "s");
        out.println("wrote " + folder + " (" + ScoreArchiveJob.PARQUET + ", " + ScoreArchiveJob.CSV + ", "
                + ScoreArchiveJob.SUMMARY + ")");
    }
}
