/**
 * Shared image types: decoded {@link org.msde4j.image.Pixels} and {@link org.msde4j.image.ImageRef}
 * sources; {@link org.msde4j.image.ImageDecoder} (PNG, JPEG incl. CMYK, TIFF, alpha and palette
 * rules) and the antialiased bilinear {@link org.msde4j.image.Resampler}.
 */
package org.msde4j.image;
