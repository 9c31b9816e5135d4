package org.msde4j.embed;

/** What an embedding run does with an image that cannot be decoded. */
public enum BadImagePolicy {
    /** Stop with an error that names the image and the problem (the default). */
    FAIL,
    /** Leave the image out, and report it in {@link Embeddings#skipped()} and to the listener. */
    SKIP;

    /** What to do about an image that cannot be decoded, said for users of the command line and of Java. */
    public static final String REMEDY = "fix or remove it, or skip bad images (option --skip-bad-images; "
            + "BadImagePolicy.SKIP in Java)";
}
