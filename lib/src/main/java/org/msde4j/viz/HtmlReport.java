package org.msde4j.viz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.msde4j.io.AtomicFiles;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * A self-contained HTML report: headings, text, tables, Plotly figures and image grids in one file
 * that opens offline, because plotly.js (2.x, MIT licence, from the npm package
 * {@code plotly.js-dist-min}, fetched at build time) is inlined.
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
            .figures{display:flex;flex-wrap:wrap;gap:1rem}.grid{display:flex;flex-wrap:wrap;gap:.5rem}
            figure{margin:0;text-align:center;font-size:.75rem}figure img{image-rendering:pixelated;display:block}
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
        body.add(s.append("</tbody></table>").toString());
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

    /** A grid of captioned images (PNG), shown at {@code size} pixels. */
    public HtmlReport images(List<Thumbnail> images, int size) {
        StringBuilder s = new StringBuilder("<div class=\"grid\">");
        for (Thumbnail t : images) {
            s.append("<figure><img width=\"").append(size).append("\" height=\"").append(size)
                    .append("\" alt=\"").append(escape(t.caption())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(t.png())).append("\"><figcaption>")
                    .append(escape(t.caption())).append("</figcaption></figure>");
        }
        body.add(s.append("</div>").toString());
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

    /** plotly.min.js as bundled by the build, with its licence header kept. */
    static String plotlyJs() {
        try (InputStream in = HtmlReport.class.getResourceAsStream("plotly.min.js")) {
            if (in == null) {
                throw new IllegalStateException("plotly.min.js is missing from the msde4j jar: it is fetched from the npm "
                        + "registry when the library is built (mvn install); rebuild msde4j.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
    }
}
