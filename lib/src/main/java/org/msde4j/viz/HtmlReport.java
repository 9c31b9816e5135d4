package org.msde4j.viz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.msde4j.data.Sample;
import org.msde4j.image.ImageDecoder;
import org.msde4j.image.PixelImages;
import org.msde4j.io.AtomicFiles;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * A self-contained HTML report: headings, text, tables, Plotly figures and image grids in one file
 * that opens offline, because plotly.js (2.x, MIT licence, the cartesian bundle from the npm package
 * {@code plotly.js-cartesian-dist-min}, fetched at build time) is inlined.
 *
 * <pre>{@code
 * HtmlReport.titled("msde4j — synthetic brain MRI")
 *     .table(results).figure(Plots.roc("ROC", curves)).write(out.resolve("report.html"));
 * }</pre>
 */
public final class HtmlReport {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1200px;\
            padding:0 1rem;color:#222}
            h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ddd}
            table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .6rem;\
            text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}
            .figures{display:flex;flex-wrap:wrap;gap:1rem}
            table.images td{border:0;text-align:center;font-size:.75rem}table.images img{image-rendering:pixelated}
            """;

    /**
     * Collects script errors and console errors and shows them at the top of the page, so that a
     * figure that fails to draw says why instead of staying blank (and tests can see it).
     */
    private static final String ERROR_PANEL = """
            var msde4jErrors=[];
            function msde4jFlush(){var e=document.getElementById('msde4j-errors');if(e&&msde4jErrors.length){\
            e.style.display='block';e.textContent=msde4jErrors.join('\\n');}}
            function msde4jReport(m){msde4jErrors.push(m);msde4jFlush();}
            window.addEventListener('error',function(ev){msde4jReport('error: '+ev.message);});
            (function(){var original=console.error;console.error=function(){\
            msde4jReport('console.error: '+Array.prototype.join.call(arguments,' '));original.apply(console,arguments);};})();
            """;

    private final String title;
    private final List<String> body = new ArrayList<>();
    private int figures;

    private HtmlReport(String title) {
        this.title = title;
    }

    /** A new report with a title. */
    public static HtmlReport titled(String title) {
        return new HtmlReport(title);
    }

    public HtmlReport heading(String text) {
        body.add("<h2>" + escape(text) + "</h2>");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.add("<p>" + escape(text) + "</p>");
        return this;
    }

    /** A Tablesaw table, all rows. */
    public HtmlReport table(Table table) {
        body.add(tableHtml(table));
        return this;
    }

    /** Name–value pairs (options, versions) as a two-column table. */
    public HtmlReport keyValues(Map<String, String> values) {
        StringBuilder s = new StringBuilder("<table><tbody>");
        values.forEach((k, v) -> s.append("<tr><th>").append(escape(k)).append("</th><td>").append(escape(v))
                .append("</td></tr>"));
        body.add(s.append("</tbody></table>").toString());
        return this;
    }

    /** Figures side by side. */
    public HtmlReport figures(Figure... row) {
        StringBuilder s = new StringBuilder("<div class=\"figures\">");
        for (Figure f : row) {
            s.append("<div>").append(Plots.html(f, "figure" + ++figures)).append("</div>");
        }
        body.add(s.append("</div>").toString());
        return this;
    }

    /** Figures in rows of at most {@code perRow}. */
    public HtmlReport figureRows(int perRow, List<Figure> all) {
        for (int start = 0; start < all.size(); start += perRow) {
            figures(all.subList(start, Math.min(all.size(), start + perRow)).toArray(Figure[]::new));
        }
        return this;
    }

    /** A grid of captioned images (PNG), shown at {@code size} pixels, eight to a row. */
    public HtmlReport images(List<Thumbnail> images, int size) {
        body.add(imagesHtml(images, size, 8));
        return this;
    }

    /** The whole page. */
    public String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title>\n<style>" + STYLE + "</style>\n<script>" + ERROR_PANEL + "</script>\n<script>" + plotlyJs()
                + "</script>\n</head><body>\n<h1>" + escape(title) + "</h1>\n"
                + "<pre id=\"msde4j-errors\" style=\"display:none;color:#a00\"></pre>\n" + String.join("\n", body)
                + "\n<script>msde4jFlush();</script>\n</body></html>\n";
    }

    /** Writes the page atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, html());
    }

    /** plotly.min.js as bundled by the build, with its licence header kept, safe inside a {@code script} element. */
    static String plotlyJs() {
        return new String(plotlyBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
    }

    /** The bytes of plotly.min.js as bundled by the build. */
    static byte[] plotlyBytes() {
        try (InputStream in = HtmlReport.class.getResourceAsStream("plotly.min.js")) {
            if (in == null) {
                throw new IllegalStateException("plotly.min.js is missing from the msde4j jar: it is fetched from the npm "
                        + "registry when the library is built (mvn install); rebuild msde4j.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Tablesaw table as an HTML {@code table}, all rows. */
    static String tableHtml(Table table) {
        StringBuilder s = new StringBuilder("<table><thead><tr>");
        for (String name : table.columnNames()) {
            s.append("<th>").append(escape(name)).append("</th>");
        }
        s.append("</tr></thead><tbody>");
        for (int r = 0; r < table.rowCount(); r++) {
            s.append("<tr>");
            for (int c = 0; c < table.columnCount(); c++) {
                s.append("<td>").append(escape(table.getString(r, c))).append("</td>");
            }
            s.append("</tr>");
        }
        return s.append("</tbody></table>").toString();
    }

    /**
     * Captioned PNG images, each shown at {@code size} pixels, {@code perRow} to a row: a table, so
     * that the grid holds where style attributes are stripped (untrusted notebook outputs).
     */
    static String imagesHtml(List<Thumbnail> images, int size, int perRow) {
        StringBuilder s = new StringBuilder("<table class=\"images\">");
        for (int i = 0; i < images.size(); i++) {
            Thumbnail t = images.get(i);
            s.append(i % perRow == 0 ? (i == 0 ? "<tr>" : "</tr><tr>") : "");
            s.append("<td><img width=\"").append(size).append("\" height=\"").append(size).append("\" alt=\"")
                    .append(escape(t.caption())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(t.png())).append("\"><br><small>")
                    .append(escape(t.caption())).append("</small></td>");
        }
        return s.append(images.isEmpty() ? "" : "</tr>").append("</table>").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * An image for a grid.
     *
     * @param caption shown under the image
     * @param png     PNG bytes
     */
    public record Thumbnail(String caption, byte[] png) {

        /**
         * The {@code count} samples with the highest scores ({@code highest}), or the lowest, in that
         * order, each decoded and shrunk to at most {@code size} pixels, captioned "score · true label".
         */
        public static List<Thumbnail> ranked(List<Sample> samples, double[] scores, int count, boolean highest, int size)
                throws IOException {
            Integer[] order = byScore(scores, highest);
            List<Thumbnail> out = new ArrayList<>();
            for (int r = 0; r < Math.min(count, order.length); r++) {
                out.add(of(samples.get(order[r]), scoreCaption(scores[order[r]], samples.get(order[r])), size));
            }
            return out;
        }

        /** Indices of {@code scores}, highest first ({@code highest}) or lowest first; ties keep index order. */
        static Integer[] byScore(double[] scores, boolean highest) {
            Integer[] order = new Integer[scores.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Comparator<Integer> ascending = Comparator.comparingDouble(i -> scores[i]);
            Arrays.sort(order, highest ? ascending.reversed() : ascending);
            return order;
        }

        /** "score · true label", e.g. {@code 12.34 · anomaly}. */
        static String scoreCaption(double score, Sample sample) {
            return String.format(Locale.ROOT, "%.2f · %s", score, sample.label() == 1 ? "anomaly" : "normal");
        }

        /** The sample's image, decoded and shrunk to at most {@code size} pixels, with a caption. */
        public static Thumbnail of(Sample sample, String caption, int size) throws IOException {
            return new Thumbnail(caption, PixelImages.png(PixelImages.thumbnail(ImageDecoder.read(sample.image()), size)));
        }
    }
}
