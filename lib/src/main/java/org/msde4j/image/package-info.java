/**
 * Shared image types: decoded {@link org.msde4j.image.Pixels} and {@link org.msde4j.image.ImageRef} sources.
 */
package org.msde4j.image;
