package org.msde4j.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes image files into {@link Pixels} with Java's Image I/O (PNG, JPEG, TIFF, BMP, GIF; JPEG
 * through TwelveMonkeys' reader when it is on the class path, which adds CMYK and YCCK).
 *
 * <p>Conversion rules, in this order:
 * <ol>
 *   <li><b>Bit depth.</b> Integer samples of 1–16 bits are kept as stored, with
 *       {@code maxValue = 2^bits − 1} (255 for 8-bit, 65535 for 16-bit, 4095 for 12-bit data).
 *       Floating-point, 32-bit integer or wider samples are refused with an
 *       {@link ImageFormatException}: their range is not defined by the file.</li>
 *   <li><b>Channels.</b> Grey images give 1 channel; colour images 3 (RGB, as stored: no colour
 *       management). A palette image gives 1 channel when every palette entry is grey, else 3.
 *       Other colour spaces (CMYK, YCCK, …) are converted to 8-bit sRGB by Image I/O.</li>
 *   <li><b>Alpha.</b> The image is composited onto black: {@code v' = round(v·a / aMax)}, so fully
 *       transparent pixels are 0 whatever colour they happen to store. Premultiplied data is
 *       already composited and kept as stored.</li>
 * </ol>
 * Colour-to-grey conversion, when a backbone wants grey input, is a preprocessing step (ITU-R
 * BT.601 luma), not a decoding one.
 *
 * <p>A decoder warning about the image data (for example "premature end of JPEG file") is treated
 * as an error: a partly decoded image would give a silently wrong embedding. Warnings about colour
 * profiles only (a CMYK JPEG without an ICC profile is converted with a generic one) are accepted.
 */
public final class ImageDecoder {

    private static final Pattern COLOUR_PROFILE_WARNING = Pattern.compile("(?i)ICC|colou?r profile");

    private ImageDecoder() {
    }

    /** The pixels of {@code ref}: a file is decoded, an array entry is asked for its pixels. */
    public static Pixels read(ImageRef ref) throws IOException {
        if (ref instanceof ImageRef.File file) {
            return decode(file.path());
        }
        ImageRef.Array entry = (ImageRef.Array) ref;
        try {
            Pixels pixels = entry.pixels().get();
            if (pixels == null) {
                throw new ImageFormatException(ref.name(), "produced no pixels", "check the array source");
            }
            return pixels;
        } catch (RuntimeException e) {
            throw new ImageFormatException(ref.name(), "could not be read (" + e.getMessage() + ")",
                    "check the array source it comes from");
        }
    }

    /** Decodes one image file by the rules above. */
    public static Pixels decode(Path file) throws IOException {
        String name = file.toString();
        if (!Files.exists(file)) {
            throw new ImageFormatException(name, "does not exist", "check the path");
        }
        if (!Files.isRegularFile(file)) {
            throw new ImageFormatException(name, "is not a regular file", "list image files, not folders");
        }
        if (!Files.isReadable(file)) {
            throw new ImageFormatException(name, "is not readable", "check its permissions");
        }
        if (Files.size(file) == 0) {
            throw new ImageFormatException(name, "is empty (0 bytes)", "re-export or remove the file");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return decode(in, name);
        }
    }

    /**
     * Decodes the encoded bytes of an image file (as read from a distributed file system or an
     * archive) by the rules above; {@code name} names it in errors. Gives the same pixels as
     * {@link #decode(Path)} on a file with these bytes.
     */
    public static Pixels decode(byte[] content, String name) throws IOException {
        if (content.length == 0) {
            throw new ImageFormatException(name, "is empty (0 bytes)", "re-export or remove the file");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            return decode(in, name);
        }
    }

    private static Pixels decode(ImageInputStream in, String name) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new ImageFormatException(name, "is not an image in a format msde4j reads",
                    "convert it to PNG, JPEG or TIFF, or remove it from the image folder");
        }
        ImageReader reader = readers.next();
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> {
            if (!COLOUR_PROFILE_WARNING.matcher(warning).find()) {
                warnings.add(warning);
            }
        });
        BufferedImage image;
        try {
            reader.setInput(in, true, true);
            image = reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw new ImageFormatException(name, "could not be decoded as " + format(reader) + " ("
                    + e.getMessage() + ")", "the file is corrupt or truncated: re-export it");
        } finally {
            reader.dispose();
        }
        if (!warnings.isEmpty()) {
            throw new ImageFormatException(name, "decoded with warnings " + warnings,
                    "the file is damaged: re-export it");
        }
        return toPixels(image, name);
    }

    private static String format(ImageReader reader) {
        try {
            return reader.getFormatName().toUpperCase(Locale.ROOT);
        } catch (IOException e) {
            return "an image";
        }
    }

    /** Applies the conversion rules to a decoded image. */
    static Pixels toPixels(BufferedImage image, String name) throws ImageFormatException {
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        int type = raster.getDataBuffer().getDataType();
        if (cm instanceof IndexColorModel palette) {
            return fromPalette(image, palette);
        }
        if (cm instanceof ComponentColorModel) {
            if (type != DataBuffer.TYPE_BYTE && type != DataBuffer.TYPE_USHORT) {
                throw new ImageFormatException(name, "has " + describeSamples(cm, type) + " samples, which msde4j does not read",
                        "convert it to 8- or 16-bit integer samples");
            }
            int spaceType = cm.getColorSpace().getType();
            if (spaceType == ColorSpace.TYPE_GRAY || spaceType == ColorSpace.TYPE_RGB) {
                return fromComponents(raster, cm);
            }
        }
        return fromRgb(image);
    }

    private static String describeSamples(ColorModel cm, int type) {
        String kind = switch (type) {
            case DataBuffer.TYPE_FLOAT, DataBuffer.TYPE_DOUBLE -> "floating-point";
            default -> "integer";
        };
        return cm.getComponentSize(0) + "-bit " + kind;
    }

    /** Grey or RGB integer samples, with optional alpha, kept at their bit depth. */
    private static Pixels fromComponents(Raster raster, ColorModel cm) {
        int colour = cm.getNumColorComponents();
        int bits = cm.getComponentSize(0);
        int max = (1 << bits) - 1;
        boolean alpha = cm.hasAlpha() && !cm.isAlphaPremultiplied();
        int alphaMax = alpha ? (1 << cm.getComponentSize(colour)) - 1 : 1;
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        int[] samples = raster.getPixels(0, 0, w, h, (int[]) null);
        int[] values = new int[w * h * colour];
        for (int p = 0; p < w * h; p++) {
            for (int c = 0; c < colour; c++) {
                int v = samples[p * bands + c];
                values[p * colour + c] = alpha ? composite(v, samples[p * bands + colour], alphaMax) : v;
            }
        }
        return new Pixels(w, h, colour, max, values);
    }

    /** A palette image: grey when every entry is grey, RGB otherwise; 8 bits per sample. */
    private static Pixels fromPalette(BufferedImage image, IndexColorModel palette) {
        boolean grey = true;
        for (int i = 0; i < palette.getMapSize() && grey; i++) {
            grey = palette.getRed(i) == palette.getGreen(i) && palette.getGreen(i) == palette.getBlue(i);
        }
        Pixels rgb = fromRgb(image);
        if (!grey) {
            return rgb;
        }
        int[] values = new int[rgb.width() * rgb.height()];
        for (int p = 0; p < values.length; p++) {
            values[p] = rgb.values()[p * 3];
        }
        return new Pixels(rgb.width(), rgb.height(), 1, 255, values);
    }

    /** Any other model, through Image I/O's conversion to 8-bit sRGB, then alpha compositing. */
    private static Pixels fromRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        int[] values = new int[w * h * 3];
        for (int p = 0; p < w * h; p++) {
            int a = argb[p] >>> 24;
            for (int c = 0; c < 3; c++) {
                values[p * 3 + c] = composite((argb[p] >> (16 - 8 * c)) & 0xff, a, 255);
            }
        }
        return new Pixels(w, h, 3, 255, values);
    }

    private static int composite(int value, int alpha, int alphaMax) {
        return (int) ((long) value * alpha * 2 + alphaMax) / (2 * alphaMax);
    }
}
