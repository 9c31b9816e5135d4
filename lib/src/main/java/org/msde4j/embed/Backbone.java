package org.msde4j.embed;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.msde4j.image.Pixels;
import org.msde4j.io.Sha256;

/**
 * An image encoder: preprocessed images in, one float vector per image out.
 *
 * <p>A backbone's {@link #identity()} is a SHA-256 over its kind, a digest of its weights and its
 * {@link Preprocessing#key()}: two backbones with the same identity give the same embeddings, so
 * the identity keys the embedding cache and is recorded in fitted models. Backbones hold native
 * resources; use them in try-with-resources. They are not thread-safe.
 */
public interface Backbone extends AutoCloseable {

    /** A short human-readable description (kind and source). */
    String name();

    /** How images are turned into this backbone's input. */
    Preprocessing preprocessing();

    /** Hex SHA-256 of kind, weights and preprocessing. */
    String identity();

    /**
     * Embeds {@code count} images already preprocessed into {@code input}, one after another
     * ({@code count · preprocessing().length()} floats, CHW each).
     *
     * @return {@code count} vectors of equal length
     */
    float[][] embed(float[] input, int count);

    /** Preprocesses and embeds a batch of images. */
    default float[][] embed(List<Pixels> images) {
        Preprocessing p = preprocessing();
        float[] input = new float[images.size() * p.length()];
        for (int i = 0; i < images.size(); i++) {
            p.apply(images.get(i), input, i * p.length());
        }
        return embed(input, images.size());
    }

    @Override
    void close();

    /** The identity of a backbone of {@code kind} whose weights have digest {@code weights}. */
    static String identityOf(String kind, String weights, Preprocessing preprocessing) {
        String text = kind + "\n" + weights + "\n" + preprocessing.key();
        return Sha256.of(text.getBytes(StandardCharsets.UTF_8));
    }
}
