package org.msde4j.embed;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.msde4j.image.ImageDecoder;
import org.msde4j.image.ImageFormatException;
import org.msde4j.image.ImageRef;
import org.msde4j.image.ImageStatistics;
import org.msde4j.image.Pixels;

/**
 * Embeds a list of images in batches, streaming: only one batch of decoded images and one input
 * tensor are in memory at a time, besides the growing result (4 bytes per value). An image that
 * cannot be decoded stops the run with an error naming it, or is skipped and reported, as the
 * {@link BadImagePolicy} says; a backbone output that is not finite always stops the run. Each
 * embedded image's {@link ImageStatistics} come along, computed from the decoded pixels.
 */
public final class Embedder {

    /**
     * @param batchSize  images per backbone call (≥ 1)
     * @param onBadImage fail or skip on an image that cannot be decoded
     * @param listener   progress hook
     */
    public record Options(int batchSize, BadImagePolicy onBadImage, EmbeddingListener listener) {

        public Options {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize + ".");
            }
        }

        /** Batches of 32, fail on a bad image, no progress output. */
        public static Options defaults() {
            return new Options(32, BadImagePolicy.FAIL, EmbeddingListener.NONE);
        }

        public Options withBatchSize(int value) {
            return new Options(value, onBadImage, listener);
        }

        public Options withBadImagePolicy(BadImagePolicy value) {
            return new Options(batchSize, value, listener);
        }

        public Options withListener(EmbeddingListener value) {
            return new Options(batchSize, onBadImage, value);
        }
    }

    private Embedder() {
    }

    /** Embeds {@code images} with {@code backbone}, in order. */
    public static Embeddings embed(Backbone backbone, List<ImageRef> images, Options options) throws IOException {
        return embed(backbone.name(), backbone.preprocessing(), backbone::embed, images, options);
    }

    /** The patch embeddings of {@code images} by {@code features}, in order. */
    public static LocalEmbeddings embed(LocalFeatures features, List<ImageRef> images, Options options) throws IOException {
        Embeddings rows = embed(features.name(), features.preprocessing(), features::embed, images, options);
        return new LocalEmbeddings(rows.names(), features.height(), features.width(), features.depth(), rows.values(),
                rows.skipped());
    }

    /** Preprocessed images in, one fixed-length float row per image out. */
    @FunctionalInterface
    private interface Encoder {
        float[][] encode(float[] input, int count);
    }

    private static Embeddings embed(String name, Preprocessing p, Encoder encoder, List<ImageRef> images, Options options)
            throws IOException {
        int length = p.length();
        float[] input = new float[options.batchSize() * length];
        List<String> names = new ArrayList<>(images.size());
        List<SkippedImage> skipped = new ArrayList<>();
        List<ImageStatistics> statistics = new ArrayList<>(images.size());
        float[] values = new float[0];
        int dimension = -1;
        for (int from = 0; from < images.size(); from += options.batchSize()) {
            int to = Math.min(images.size(), from + options.batchSize());
            List<String> batch = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                ImageRef ref = images.get(i);
                try {
                    Pixels pixels = ImageDecoder.read(ref);
                    p.apply(pixels, input, batch.size() * length);
                    statistics.add(ImageStatistics.of(pixels));
                    batch.add(ref.name());
                } catch (ImageFormatException e) {
                    if (options.onBadImage() == BadImagePolicy.FAIL) {
                        throw new ImageFormatException(e.image(), e.problem() + " (image " + (i + 1) + " of "
                                + images.size() + ")", BadImagePolicy.REMEDY);
                    }
                    SkippedImage s = new SkippedImage(i, e.image(), e.problem());
                    skipped.add(s);
                    options.listener().skipped(s);
                }
            }
            if (!batch.isEmpty()) {
                float[][] rows = encoder.encode(input, batch.size());
                if (dimension < 0) {
                    dimension = rows[0].length;
                    values = new float[images.size() * dimension];
                }
                for (int r = 0; r < rows.length; r++) {
                    check(rows[r], dimension, batch.get(r), name);
                    System.arraycopy(rows[r], 0, values, (names.size() + r) * dimension, dimension);
                }
                names.addAll(batch);
            }
            options.listener().progress(to, images.size());
        }
        int d = Math.max(dimension, 0);
        return new Embeddings(names, d, Arrays.copyOf(values, names.size() * d), skipped, statistics);
    }

    private static void check(float[] row, int dimension, String image, String backbone) {
        if (row.length != dimension) {
            throw new IllegalStateException("backbone " + backbone + " gave " + row.length + " values for image "
                    + image + " but " + dimension + " for earlier images: its output must have a fixed size.");
        }
        for (float v : row) {
            if (!Float.isFinite(v)) {
                throw new IllegalStateException("backbone " + backbone + " gave a non-finite value (" + v
                        + ") for image " + image + ": check the model and its preprocessing.");
            }
        }
    }
}
