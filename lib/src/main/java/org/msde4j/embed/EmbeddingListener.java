package org.msde4j.embed;

/**
 * Hears how an embedding run progresses. A terminal progress bar or plain log lines are the
 * caller's choice; this is the hook. Calls come from the embedding thread, in order.
 */
public interface EmbeddingListener {

    /** {@code done} of {@code total} images have been handled (embedded or skipped). */
    void progress(int done, int total);

    /** An image was skipped under {@link BadImagePolicy#SKIP}. */
    default void skipped(SkippedImage image) {
    }

    /** Ignores everything. */
    EmbeddingListener NONE = (done, total) -> { };
}
