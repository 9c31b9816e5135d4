package org.msde4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.eval.Curve;
import org.msde4j.eval.Metrics;
import org.msde4j.image.PixelImages;
import org.msde4j.image.Pixels;
import org.msde4j.testing.HeadlessBrowser;

class HtmlReportTest {

    private static HtmlReport sample() {
        Random r = new Random(1);
        int n = 120;
        double[] a = new double[n];
        double[] b = new double[n];
        int[] y = new int[n];
        double[][] before = new double[n][4];
        double[][] after = new double[n][4];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3 == 0 ? 1 : 0;
            a[i] = r.nextGaussian() + 1.5 * y[i];
            b[i] = r.nextGaussian() + 0.5 * y[i];
            for (int t = 0; t < 4; t++) {
                before[i][t] = r.nextGaussian() + y[i];
                after[i][t] = 0.6 * before[i][t];
            }
        }
        Map<String, Curve> roc = new LinkedHashMap<>();
        roc.put("A <strong>", Metrics.roc(a, y));
        roc.put("B", Metrics.roc(b, y));
        Map<String, Curve> pr = new LinkedHashMap<>();
        pr.put("A", Metrics.precisionRecall(a, y));
        int[] grey = new int[16 * 16];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = i;
        }
        return HtmlReport.titled("test <report>")
                .heading("curves").paragraph("scores & labels")
                .figures(Plots.roc("ROC", roc), Plots.precisionRecall("PR", pr, 1 / 3.0))
                .figures(Plots.scoreHistogram("scores", a, y), Plots.latentShift("shift", before, after, y),
                        Plots.metricAgainst("AUROC vs prevalence", "prevalence", "AUROC", true,
                                Map.of("A", new Plots.Series(new double[] {0.01, 0.1, 0.5}, new double[] {0.7, 0.8, 0.85},
                                        new double[] {0.5, 0.7, 0.8}, new double[] {0.9, 0.88, 0.9}))))
                .keyValues(Map.of("k", "50"))
                .images(List.of(new HtmlReport.Thumbnail("gradient", PixelImages.png(new Pixels(16, 16, 1, 255, grey)))), 64);
    }

    @Test
    void pageIsSelfContainedAndEscaped(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.html");
        sample().write(file);
        String html = Files.readString(file);
        assertTrue(html.contains("plotly.js (cartesian - minified) v2."), "plotly.js is inlined");
        assertFalse(html.contains("<script src="), "no external scripts");
        assertTrue(html.contains("test &lt;report&gt;") && html.contains("scores &amp; labels"));
        assertTrue(html.contains("data:image/png;base64,"));
    }

    @Test
    void everyFigureDrawsWithoutErrorsInHeadlessChromium(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.html");
        sample().write(file);
        String dom = HeadlessBrowser.render(file, null, 1200, 1600);
        assertEquals("", HeadlessBrowser.reportedErrors(dom), "script or console errors in the page");
        List<Integer> paths = HeadlessBrowser.pathsPerFigure(dom);
        assertEquals(5, paths.size(), "five figures");
        for (int i = 0; i < paths.size(); i++) {
            assertTrue(paths.get(i) > 0, "figure " + (i + 1) + " has no drawn data: " + paths);
        }
    }

    @Test
    void aBrokenFigureIsReportedOnThePage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.html");
        String html = sample().html().replace("Plotly.newPlot(target_figure3", "Plotly.noSuchFunction(target_figure3");
        Files.writeString(file, html);
        String dom = HeadlessBrowser.render(file, null, 1200, 1600);
        assertTrue(HeadlessBrowser.reportedErrors(dom).contains("noSuchFunction"), HeadlessBrowser.reportedErrors(dom));
    }
}
