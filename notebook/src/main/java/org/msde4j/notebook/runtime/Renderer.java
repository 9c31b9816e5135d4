package org.msde4j.notebook.runtime;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Turns an object into a {@link DisplayData} the way the IJava/JJava base kernel does:
 * <ul>
 *   <li>every bundle has {@code text/plain}, {@code String.valueOf(value)};</li>
 *   <li>a {@link CharSequence} prefers {@code text/plain} and can also be rendered, when asked, as
 *       HTML, Markdown, LaTeX, CSS, SVG, JavaScript or JSON (its characters are taken as that type,
 *       so {@code display(html, "text/html")} shows HTML);</li>
 *   <li>a {@link RenderedImage} (e.g. a {@code BufferedImage}) prefers {@code image/png} and can be
 *       rendered as JPEG or GIF; image bytes are base64 text, as in {@code .ipynb} files. Its
 *       {@code text/plain} is {@code "BufferedImage 640x480"} rather than {@code toString()}, whose
 *       identity hash would change the notebook on every run (the one departure from the kernels);</li>
 *   <li>a {@link DisplayData} stays as it is;</li>
 *   <li>a requested type the object cannot be rendered as is left out, without an error.</li>
 * </ul>
 */
final class Renderer {

    private static final List<String> TEXT_TYPES = List.of(MimeTypes.TEXT_PLAIN, MimeTypes.TEXT_HTML,
            MimeTypes.TEXT_MARKDOWN, MimeTypes.TEXT_LATEX, MimeTypes.TEXT_CSS, MimeTypes.SVG,
            MimeTypes.JAVASCRIPT, MimeTypes.JSON);
    private static final Map<String, String> IMAGE_FORMATS = Map.of(
            MimeTypes.PNG, "png", MimeTypes.JPEG, "jpeg", MimeTypes.GIF, "gif");

    private Renderer() {
    }

    /** Renders {@code value} as its preferred types. */
    static DisplayData render(Object value) {
        if (value instanceof DisplayData data) {
            return data;
        }
        if (value instanceof RenderedImage) {
            return renderAs(value, MimeTypes.PNG);
        }
        return renderAs(value);
    }

    /** Renders {@code value} as the requested MIME types it supports, plus {@code text/plain}. */
    static DisplayData renderAs(Object value, String... types) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String type : types) {
            if (value instanceof CharSequence text && TEXT_TYPES.contains(type)) {
                out.put(type, text.toString());
            } else if (value instanceof RenderedImage image && IMAGE_FORMATS.containsKey(type)) {
                out.put(type, base64(image, IMAGE_FORMATS.get(type)));
            } else if (value instanceof DisplayData data && data.data().containsKey(type)) {
                out.put(type, data.data().get(type));
            }
        }
        out.putIfAbsent(MimeTypes.TEXT_PLAIN, value instanceof RenderedImage image
                ? value.getClass().getSimpleName() + " " + image.getWidth() + "x" + image.getHeight()
                : String.valueOf(value));
        return new DisplayData(out);
    }

    private static String base64(RenderedImage image, String format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalArgumentException("the JDK has no " + format + " writer for this image ("
                        + image.getColorModel() + "): display it as image/png instead.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the image as " + format + ": " + e.getMessage(), e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
