package org.msde4j.embed;

/** What an embedding run does with an image that cannot be decoded. */
public enum BadImagePolicy {
    /** Stop with an error that names the image and the problem (the default). */
    FAIL,
    /** Leave the image out, and report it in {@link Embeddings#skipped()} and to the listener. */
    SKIP
}
