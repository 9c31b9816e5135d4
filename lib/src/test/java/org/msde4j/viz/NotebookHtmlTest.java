package org.msde4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.data.Sample;
import org.msde4j.data.Split;
import org.msde4j.eval.Metrics;
import org.msde4j.image.ImageRef;
import org.msde4j.image.PixelImages;
import org.msde4j.image.Pixels;
import org.msde4j.testing.HeadlessBrowser;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * Notebook outputs put on one page in cell order, as JupyterLab shows them in a trusted notebook and
 * as nbconvert exports them, then drawn by headless Chromium.
 */
class NotebookHtmlTest {

    private static final String FIGURE_ID = "msde4j_[0-9a-f]{12}";
    private static final String NOTE = "This output's script has not run";

    private static Figure roc() {
        Random r = new Random(2);
        double[] s = new double[60];
        int[] y = new int[60];
        for (int i = 0; i < s.length; i++) {
            y[i] = i % 3 == 0 ? 1 : 0;
            s[i] = r.nextGaussian() + y[i];
        }
        return Plots.roc("ROC", Map.of("A", Metrics.roc(s, y)));
    }

    private static AnimatedFigure animation() {
        return AnimatedFigure.titled("moving", "x", "y", "iteration ").markers("p", "#1f77b4", "circle")
                .frame("0", new double[][] {{0, 1, 2}, {0, 1, 2}})
                .frame("1", new double[][] {{1, 1, 1}, {1, 1, 1}});
    }

    /** The cells' HTML outputs, one after another, in a page of its own. */
    private static Path page(Path dir, String head, String... outputs) throws Exception {
        Path file = dir.resolve("notebook.html");
        Files.writeString(file, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">" + head + "</head><body>\n"
                + String.join("\n", outputs) + "\n</body></html>\n");
        return file;
    }

    private static void assertAllDrawn(String dom, int figures) {
        List<Integer> paths = HeadlessBrowser.pathsPerFigure(dom, FIGURE_ID);
        assertEquals(figures, paths.size(), "figures on the page: " + paths);
        for (int i = 0; i < paths.size(); i++) {
            assertTrue(paths.get(i) > 0, "figure " + (i + 1) + " was not drawn: " + paths);
        }
        assertFalse(Pattern.compile("id=\"" + FIGURE_ID + "-note\"").matcher(dom).find(),
                "a figure still shows its note (not drawn, or failed): the note is removed once the figure is drawn");
    }

    @Test
    void everyFigureIsDrawnOnceTheLoaderHasRun(@TempDir Path dir) throws Exception {
        Table table = Table.create("t", StringColumn.create("method", List.of("MSDE")),
                DoubleColumn.create("AUROC", new double[] {0.9}));
        int[] grey = new int[16 * 16];
        HtmlReport.Thumbnail image = new HtmlReport.Thumbnail("0.93 · anomaly",
                PixelImages.png(new Pixels(16, 16, 1, 255, grey)));
        String dom = HeadlessBrowser.render(page(dir, "", NotebookHtml.plotlyLoader(), NotebookHtml.figure(roc()),
                NotebookHtml.table(table), NotebookHtml.figures(roc(), roc()), NotebookHtml.figure(animation()),
                NotebookHtml.images(List.of(image, image, image), 64, 2)), null, 1200, 2400);
        assertTrue(dom.contains("plotly.js 2.35.3 is loaded"), "the loader says it loaded plotly.js");
        assertAllDrawn(dom, 4);
        assertTrue(dom.contains("slider-container"), "the animation has its slider");
        assertTrue(dom.contains("<td>0.9</td>"), "the table");
        assertEquals(3, dom.split("data:image/png;base64,").length - 1, "three images");
        assertTrue(dom.contains("<small>0.93 · anomaly</small></td></tr><tr><td><img"), "two to a row, captioned");
    }

    @Test
    void theBundleLoadsUnderRequireJsAsInTheClassicNotebook(@TempDir Path dir) throws Exception {
        String amd = "<script>window.amdDefines = 0; window.define = function () { window.amdDefines++; };"
                + "define.amd = {};</script>";
        String probe = "<script>window.addEventListener('" + NotebookHtml.READY_EVENT + "', function () {"
                + "document.body.insertAdjacentHTML('beforeend', '<p id=\"probe\">defines ' + window.amdDefines"
                + " + ', define restored ' + (typeof define === 'function') + '</p>'); });</script>";
        String dom = HeadlessBrowser.render(page(dir, amd, probe, NotebookHtml.plotlyLoader(),
                NotebookHtml.figure(roc())), null, 900, 900);
        assertAllDrawn(dom, 1);
        assertTrue(dom.contains("defines 0, define restored true"), "plotly.js must not register itself with "
                + "RequireJS, and define must be put back");
    }

    @Test
    void withoutTheLoaderTheReaderIsToldWhyTheFigureIsMissing(@TempDir Path dir) throws Exception {
        String dom = HeadlessBrowser.render(page(dir, "", NotebookHtml.figure(roc())), null, 900, 600);
        assertTrue(dom.contains(NOTE), "the note stays where no script drew the figure");
        assertEquals(List.of(0), HeadlessBrowser.pathsPerFigure(dom, FIGURE_ID));
    }

    @Test
    void untrustedOutputsExplainThemselvesInTheirText() {
        String loader = NotebookHtml.plotlyLoader();
        String visible = loader.substring(0, loader.indexOf("<script>"));
        assertTrue(visible.contains("trust the notebook"), visible);
        String figure = NotebookHtml.figure(roc());
        assertTrue(figure.indexOf(NOTE) < figure.indexOf("<script>"), "the note comes before the script");
        assertTrue(loader.length() < 700_000, "plotly.js travels compressed: " + loader.length() + " characters");
        assertEquals(loader, NotebookHtml.plotlyLoader(), "the same loader every time");
    }

    @Test
    void figureIdsAreDistinctEvenForEqualFigures() {
        Matcher a = Pattern.compile("id=\"(" + FIGURE_ID + ")-note\"").matcher(NotebookHtml.figure(roc()));
        Matcher b = Pattern.compile("id=\"(" + FIGURE_ID + ")-note\"").matcher(NotebookHtml.figure(roc()));
        assertTrue(a.find() && b.find());
        assertNotEquals(a.group(1), b.group(1));
    }

    private static Sample grey(String id, int label, ImageRef mask) {
        Pixels image = new Pixels(8, 8, 1, 255, IntStream.range(0, 64).map(p -> 100).toArray());
        return new Sample(id, new ImageRef.Array(id, 0, () -> image, id), Split.TEST, label, mask);
    }

    private static List<String> captions(String html) {
        return Pattern.compile("<small>([^<]*)</small>").matcher(html).results().map(m -> m.group(1)).toList();
    }

    @Test
    void samplesShowsEachImageWithItsCaptionPerRowAsAsked() throws Exception {
        String html = NotebookHtml.samples(List.of(grey("a", 0, null), grey("b", 1, null)),
                s -> s.label() == 1 ? "tumour" : "normal", 32, 1);

        assertEquals(List.of("normal", "tumour"), captions(html));
        assertEquals(2, html.split("<img ", -1).length - 1);
        assertTrue(html.contains("</tr><tr>"), "one image per row: " + html);
    }

    @Test
    void rankedShowsTheHighestOrLowestScoresFirstWithScoreAndTruth() throws Exception {
        List<Sample> samples = List.of(grey("a", 0, null), grey("b", 1, null), grey("c", 0, null));
        double[] scores = {0.2, 0.9, 0.5};

        assertEquals(List.of("0.90 · anomaly", "0.50 · normal"), captions(NotebookHtml.ranked(samples, scores, 2, true, 16)));
        assertEquals(List.of("0.20 · normal", "0.50 · normal"), captions(NotebookHtml.ranked(samples, scores, 2, false, 16)));
    }

    @Test
    void withMasksOutlinesTheGroundTruthInGreen() throws Exception {
        int[] mask = new int[64];
        for (int y = 3; y < 5; y++) {
            for (int x = 3; x < 5; x++) {
                mask[y * 8 + x] = 255;
            }
        }
        Pixels maskImage = new Pixels(8, 8, 1, 255, mask);
        String html = NotebookHtml.withMasks(List.of(grey("t", 1, new ImageRef.Array("m", 0, () -> maskImage, "m"))),
                "tumour, mask in green", 64, 6);

        Matcher png = Pattern.compile("base64,([A-Za-z0-9+/=]+)").matcher(html);
        assertTrue(png.find(), html);
        BufferedImage drawn = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png.group(1))));
        assertEquals(0x00e640, drawn.getRGB(3, 3) & 0xffffff, "the mask's edge is drawn green");
        assertEquals(0x646464, drawn.getRGB(0, 0) & 0xffffff, "outside the mask the image is unchanged");
        assertEquals(List.of("tumour, mask in green"), captions(html));
    }
}
