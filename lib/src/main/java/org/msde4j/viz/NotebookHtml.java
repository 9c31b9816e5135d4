package org.msde4j.viz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.msde4j.data.GroundTruth;
import org.msde4j.data.Sample;
import org.msde4j.image.ImageDecoder;
import org.msde4j.image.PixelImages;
import org.msde4j.image.Pixels;
import org.msde4j.io.Sha256;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * HTML for the outputs of notebook cells, shown with {@code display(html, "text/html")} in the IJava
 * and JJava kernels and in {@code msde-notebook}:
 *
 * <pre>{@code
 * display(NotebookHtml.plotlyLoader(), "text/html");                 // once, in an early cell
 * display(NotebookHtml.figure(Plots.roc("ROC", curves)), "text/html");
 * }</pre>
 *
 * <p>Why it is built this way. JupyterLab (and Notebook 7) define no global RequireJS, so the
 * classic-notebook idiom {@code require(['plotly'], ...)} draws nothing; and JupyterLab runs the
 * scripts of an HTML output only when the output is trusted — produced in the user's own session,
 * or read from a notebook the user trusted. Hence:
 * <ul>
 *   <li>{@link #plotlyLoader()} carries plotly.js itself (the bundle in the msde4j jar,
 *       gzip-compressed and base64-encoded: about 0.6 MB instead of 1.4 MB), unpacks it with the
 *       browser's {@code DecompressionStream}, evaluates it with any AMD {@code define} hidden (so
 *       that the bundle sets {@code window.Plotly} under RequireJS too), then fires the window event
 *       {@value #READY_EVENT}. Nothing is fetched from the network.</li>
 *   <li>{@link #figure(Figure)} and {@link #figure(AnimatedFigure)} give a figure's {@code div} and a
 *       script that draws it as soon as plotly.js is there — at once, or on that event — inside a
 *       function, so that figures share no variables.</li>
 *   <li>Every such output holds a line of text that its script replaces. Where scripts do not run
 *       (an untrusted notebook, a viewer such as GitHub's preview), the reader sees why the figure is
 *       missing and what to do, not an empty space.</li>
 * </ul>
 * A figure's element id is derived from its content and a per-session count, so re-running a
 * notebook gives the same outputs, and two figures on one page never share an id.
 */
public final class NotebookHtml {

    /** The window event the loader fires once {@code window.Plotly} exists. */
    public static final String READY_EVENT = "msde4j-plotly-ready";

    private static final String NOT_TRUSTED = "This output's script has not run, so the figure is not drawn. "
            + "In JupyterLab, trust the notebook (command palette: Trust Notebook) and reopen it, or run the cells.";
    private static final AtomicInteger FIGURES = new AtomicInteger();
    private static volatile String loader;

    private NotebookHtml() {
    }

    /**
     * The output that loads plotly.js for the figures of a notebook: display it once, in a cell before
     * the first figure. It shows one line that says whether plotly.js was loaded.
     */
    public static String plotlyLoader() {
        String l = loader;
        if (l == null) {
            l = "<div class=\"msde4j-plotly-loader\" style=\"font-size:.8em;color:#666\">plotly.js for the figures "
                    + "below is in this output, but its script has not run: the figures will stay empty. In JupyterLab, "
                    + "trust the notebook (command palette: Trust Notebook) and reopen it, or run the cells.</div>"
                    + "<script>(function () {\n"
                    + "var script = document.currentScript, status = script && script.previousElementSibling;\n"
                    + "function say(text) { if (status) { status.textContent = text; } }\n"
                    + "function ready() {\n"
                    + "  say('plotly.js ' + window.Plotly.version + ' is loaded for the figures below (from this output, "
                    + "no network).');\n"
                    + "  window.dispatchEvent(new Event('" + READY_EVENT + "'));\n"
                    + "}\n"
                    + "if (window.Plotly) { ready(); return; }\n"
                    + "if (typeof DecompressionStream === 'undefined') {\n"
                    + "  say('This browser cannot unpack plotly.js (it lacks DecompressionStream): open the notebook in a "
                    + "current Chrome, Edge, Firefox or Safari.');\n"
                    + "  return;\n"
                    + "}\n"
                    + "var bytes = Uint8Array.from(atob('" + gzipBase64(HtmlReport.plotlyBytes())
                    + "'), function (c) { return c.charCodeAt(0); });\n"
                    + "new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text()"
                    + ".then(function (code) {\n"
                    + "  if (!window.Plotly) {\n"
                    + "    var amd = window.define;\n"
                    + "    if (typeof amd === 'function') { window.define = undefined; }\n"
                    + "    try { (0, eval)(code); } finally { if (typeof amd === 'function') { window.define = amd; } }\n"
                    + "  }\n"
                    + "  ready();\n"
                    + "}).catch(function (e) { say('plotly.js could not be loaded: ' + e); console.error(e); });\n"
                    + "})();</script>";
            loader = l;
        }
        return l;
    }

    /** A tablesaw-jsplot figure. */
    public static String figure(Figure figure) {
        String script = figure.asJavascript("ID");
        String id = nextId(figure.divString("ID") + script);
        String body = figure.asJavascript(id).strip();
        body = body.substring(body.indexOf('>') + 1, body.lastIndexOf("</script>"));
        return drawn(id, figure.divString(id), body);
    }

    /** An animated figure (frames, slider, Play/Pause). */
    public static String figure(AnimatedFigure figure) {
        String id = nextId(figure.json());
        return drawn(id, "<div id=\"" + id + "\"></div>", figure.drawScript("document.getElementById('" + id + "')"));
    }

    /** Figures side by side (wrapping when the cell is narrow). */
    public static String figures(Figure... row) {
        StringBuilder s = new StringBuilder("<div style=\"display:flex;flex-wrap:wrap;gap:1rem\">");
        for (Figure f : row) {
            s.append("<div>").append(figure(f)).append("</div>");
        }
        return s.append("</div>").toString();
    }

    /** A Tablesaw table as an HTML table, all rows. */
    public static String table(Table table) {
        return HtmlReport.tableHtml(table);
    }

    /** Captioned images (e.g. {@link HtmlReport.Thumbnail#ranked}), each {@code size} pixels wide, {@code perRow} to a row. */
    public static String images(List<HtmlReport.Thumbnail> images, int size, int perRow) {
        return HtmlReport.imagesHtml(images, size, perRow);
    }

    /** The images of {@code samples}, each captioned by {@code caption}, {@code size} pixels wide, {@code perRow} to a row. */
    public static String samples(List<Sample> samples, Function<Sample, String> caption, int size, int perRow)
            throws IOException {
        List<HtmlReport.Thumbnail> images = new ArrayList<>();
        for (Sample s : samples) {
            images.add(HtmlReport.Thumbnail.of(s, caption.apply(s), size));
        }
        return images(images, size, perRow);
    }

    /**
     * The {@code count} samples with the highest scores ({@code highest}), or the lowest, in one row, each
     * captioned "score · true label".
     */
    public static String ranked(List<Sample> samples, double[] scores, int count, boolean highest, int size)
            throws IOException {
        return images(HtmlReport.Thumbnail.ranked(samples, scores, count, highest, size), size, count);
    }

    /** The images of {@code samples} with their ground-truth masks outlined in green ({@link Overlay}), at full size. */
    public static String withMasks(List<Sample> samples, String caption, int size, int perRow) throws IOException {
        List<HtmlReport.Thumbnail> images = new ArrayList<>();
        for (Sample s : samples) {
            Pixels image = ImageDecoder.read(s.image());
            Pixels outlined = Overlay.of(image, new float[image.width() * image.height()], 0, 1, GroundTruth.read(s));
            images.add(new HtmlReport.Thumbnail(caption, PixelImages.png(outlined)));
        }
        return images(images, size, perRow);
    }

    private static String drawn(String id, String div, String drawBody) {
        return "<div class=\"msde4j-figure\"><div id=\"" + id + "-note\" style=\"font-size:.8em;color:#666\">"
                + NOT_TRUSTED + "</div>" + div + "<script>(function () {\n"
                + "var note = document.getElementById('" + id + "-note');\n"
                + "function draw() {\n"
                + "  try {\n" + drawBody + "\n    note.remove();\n"
                + "  } catch (e) {\n    note.textContent = 'The figure could not be drawn: ' + e;\n    console.error(e);\n  }\n"
                + "}\n"
                + "if (window.Plotly) { draw(); } else { window.addEventListener('" + READY_EVENT
                + "', draw, {once: true}); }\n"
                + "})();</script></div>";
    }

    /** "msde4j_" and 12 hex digits of SHA-256(session count, content): tablesaw-jsplot makes a JavaScript name of it. */
    private static String nextId(String content) {
        String key = FIGURES.incrementAndGet() + "\n" + content;
        return "msde4j_" + Sha256.of(key.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    }

    private static String gzipBase64(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
