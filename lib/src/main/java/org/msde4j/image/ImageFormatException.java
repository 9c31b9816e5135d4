package org.msde4j.image;

import java.io.IOException;

/**
 * An image that cannot be turned into trustworthy pixels: missing, empty, not an image, corrupt,
 * or of an unsupported bit depth. The message names the image, says what is wrong and what to do.
 */
public final class ImageFormatException extends IOException {

    private final String image;
    private final String problem;

    /**
     * @param image   the image's name (a path or an array entry)
     * @param problem what is wrong, as a predicate ("is empty (0 bytes)")
     * @param remedy  what the user can do about it
     */
    public ImageFormatException(String image, String problem, String remedy) {
        super("image " + image + " " + problem + ": " + remedy + ".");
        this.image = image;
        this.problem = problem;
    }

    /** The image's name. */
    public String image() {
        return image;
    }

    /** What is wrong, without the image name or remedy. */
    public String problem() {
        return problem;
    }
}
