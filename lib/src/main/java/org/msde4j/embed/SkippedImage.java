package org.msde4j.embed;

/**
 * An image left out of an embedding run.
 *
 * @param index  its position in the input list
 * @param name   its name (path or array entry)
 * @param reason what was wrong with it
 */
public record SkippedImage(int index, String name, String reason) {
}
