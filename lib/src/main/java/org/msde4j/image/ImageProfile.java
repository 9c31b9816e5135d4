package org.msde4j.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.msde4j.math.Quantiles;

/**
 * What the training images look like, in {@link ImageStatistics}: for each of width, height and
 * aspect ratio (compared on a log₂ scale) and mean and spread of intensity, the range from the 1st to
 * the 99th percentile of the training images. An input is out of distribution when a statistic lies
 * outside its range widened by half the range's width on each side — at least by half of
 * {@link #MIN_WIDTH_LOG2} (sizes: a factor √2; aspect ratio: a factor 2<sup>1/4</sup>) or
 * {@link #MIN_WIDTH_INTENSITY}. A detector trained on embeddings cannot tell such an input from a
 * normal one (a blank or noise image may score lower than any training image), so its score is
 * reported with a flag instead of being trusted.
 *
 * @param ranges one per statistic, in the order width, height, aspect ratio, mean, spread
 */
public record ImageProfile(List<Range> ranges) {

    /** Narrowest range of the log₂ sizes used to widen the accepted interval. */
    public static final double MIN_WIDTH_LOG2 = 1.0;
    /** Narrowest range of the intensity statistics used to widen the accepted interval. */
    public static final double MIN_WIDTH_INTENSITY = 0.1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One statistic's training range.
     *
     * @param name what it measures
     * @param low  1st percentile over the training images (log₂ for sizes and aspect ratio)
     * @param high 99th percentile
     * @param min  narrowest width used for the margin
     * @param log  whether the values are log₂ of the statistic
     */
    public record Range(String name, double low, double high, double min, boolean log) {

        boolean contains(double v) {
            double margin = Math.max(high - low, min) / 2;
            return v >= low - margin && v <= high + margin;
        }

        String describe(double v) {
            if (log) {
                return String.format(Locale.ROOT, "%s %s (training images %s–%s)", name, format(Math.pow(2, v)),
                        format(Math.pow(2, low)), format(Math.pow(2, high)));
            }
            return String.format(Locale.ROOT, "%s %.3f (training images %.3f–%.3f)", name, v, low, high);
        }

        private static String format(double v) {
            return Math.abs(v - Math.rint(v)) < 1e-9 ? String.valueOf((long) Math.rint(v))
                    : String.format(Locale.ROOT, "%.2f", v);
        }
    }

    private static final List<Feature> FEATURES = List.of(
            new Feature("width (px)", s -> log2(s.width()), MIN_WIDTH_LOG2, true),
            new Feature("height (px)", s -> log2(s.height()), MIN_WIDTH_LOG2, true),
            new Feature("aspect ratio", s -> log2(s.aspectRatio()), MIN_WIDTH_LOG2 / 2, true),
            new Feature("mean intensity", ImageStatistics::mean, MIN_WIDTH_INTENSITY, false),
            new Feature("intensity spread", ImageStatistics::std, MIN_WIDTH_INTENSITY, false));

    private record Feature(String name, ToDoubleFunction<ImageStatistics> value, double min, boolean log) {
    }

    /** The profile of the training images' statistics (at least one). */
    public static ImageProfile of(List<ImageStatistics> training) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("an image profile needs the statistics of at least one training image.");
        }
        List<Range> ranges = new ArrayList<>();
        for (Feature f : FEATURES) {
            double[] v = training.stream().mapToDouble(f.value()).toArray();
            ranges.add(new Range(f.name(), Quantiles.of(v, 0.01), Quantiles.of(v, 0.99), f.min(), f.log()));
        }
        return new ImageProfile(List.copyOf(ranges));
    }

    /** Why an image with {@code s} is unlike the training images, or empty when it is like them. */
    public Optional<String> outOfDistribution(ImageStatistics s) {
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < FEATURES.size(); i++) {
            double v = FEATURES.get(i).value().applyAsDouble(s);
            if (!ranges.get(i).contains(v)) {
                reasons.add(ranges.get(i).describe(v));
            }
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }

    /** As compact JSON, for a model file's metadata. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        for (Range r : ranges) {
            root.putObject(r.name()).put("low", r.low()).put("high", r.high());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@link #toJson()}. */
    public static ImageProfile fromJson(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        List<Range> ranges = new ArrayList<>();
        for (Feature f : FEATURES) {
            JsonNode r = root.path(f.name());
            if (r.isMissingNode()) {
                throw new IOException("image profile lacks \"" + f.name() + "\"");
            }
            ranges.add(new Range(f.name(), r.path("low").asDouble(), r.path("high").asDouble(), f.min(), f.log()));
        }
        return new ImageProfile(List.copyOf(ranges));
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }
}
