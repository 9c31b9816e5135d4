package org.msde4j.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.msde4j.eval.BuiltInMethod;
import org.msde4j.eval.DeploymentStudy;
import org.msde4j.eval.MethodResult;
import org.msde4j.eval.ResultsTable;
import org.msde4j.viz.HtmlReport;
import org.msde4j.viz.MapGallery;
import org.msde4j.viz.Plots;
import tech.tablesaw.plotly.components.Figure;

/**
 * The HTML report of an evaluation run: the results table; per dataset the ROC and PR curves of
 * every method, score histograms per class, the latent-shift plot of MSDE, the most and least
 * anomalous test images, and the deployment study; then the options and versions.
 */
final class EvalReport {

    /** Test rows drawn in a latent-shift plot at most. */
    static final int SHIFT_PLOT_ROWS = 300;
    /** Images in each thumbnail row. */
    static final int THUMBNAILS = 8;

    private EvalReport() {
    }

    static HtmlReport of(List<EvalPipeline.DatasetRun> runs, EvalPipeline.Request r) throws IOException {
        String names = String.join(", ", runs.stream().map(EvalPipeline.DatasetRun::name).toList());
        List<MethodResult> all = runs.stream().flatMap(d -> d.results().stream()).toList();
        HtmlReport report = HtmlReport.titled("msde4j evaluation — " + names)
                .paragraph("Anomaly detection after training on normal images only. Each method is fitted on the "
                        + "normal training images of a dataset and scores its test split. AUROC and AP with 95 % "
                        + "stratified bootstrap intervals. MSDE (transductive) shifts the test images together with "
                        + "the training images, as in the paper; MSDE (inductive) shifts each test image alone, as a "
                        + "deployed screening tool must. Local methods (PaDiM, PatchCore, MSDE on patches) score every "
                        + "patch of an image: they draw anomaly maps, and where a dataset has masks their pixel AUROC "
                        + "and AUPRO are measured; their AUROC gain over GDE on the same images has a paired interval.")
                .heading("Results")
                .table(ResultsTable.withStudy(ResultsTable.of(all), runs.stream().flatMap(d -> d.study().stream()).toList()));
        for (EvalPipeline.DatasetRun d : runs) {
            dataset(report, d);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("command", String.join(" ", r.commandLine()));
        settings.put("backbone", r.backbone().toString());
        settings.putAll(RunManifest.options(r.settings().detector()));
        settings.put("bootstrap replicates", String.valueOf(r.settings().replicates()));
        RunManifest.versions().forEach((k, v) -> settings.put("version of " + k, v));
        return report.heading("Options and versions").keyValues(settings);
    }

    private static void dataset(HtmlReport report, EvalPipeline.DatasetRun d) throws IOException {
        int anomalies = Arrays.stream(d.test().labels()).sum();
        report.heading(d.name()).paragraph(String.format(Locale.ROOT,
                "%d normal training images; %d test images (%d anomalies). Backbone: %s.", d.train().rows().length,
                d.test().rows().length, anomalies, d.backboneName()));
        if (!d.checks().isEmpty()) {
            report.paragraph("Label-free check (held-out normal training images against synthetic anomalies made from them, "
                    + "kNN-5 AUROC; no label used; kinds the learned backbone's pretext makes are not counted; a floor under the "
                    + "learned embedding, not a forecast): "
                    + String.join("; ", d.checks().stream().map(LabelFreeCheck::toString).toList()) + ".");
        }
        if (!d.warnings().isEmpty()) {
            report.paragraph("Warnings of the fit: " + String.join(" — ", d.warnings()));
        }
        if (!d.train().skipped().isEmpty() || !d.test().skipped().isEmpty()) {
            List<String> skipped = new ArrayList<>();
            d.train().skipped().forEach(s -> skipped.add(s.name() + " (" + s.reason() + ")"));
            d.test().skipped().forEach(s -> skipped.add(s.name() + " (" + s.reason() + ")"));
            report.paragraph("Images skipped because they could not be read: " + String.join("; ", skipped));
        }
        report.figures(Plots.roc(d.name() + ": ROC (AUROC)", d.results()),
                Plots.precisionRecall(d.name() + ": precision–recall (AP)", d.results()));
        report.figures(d.results().stream()
                .map(m -> Plots.scoreHistogram(d.name() + ": " + m.method().label(), m.scores(), m.labels()))
                .toArray(Figure[]::new));
        List<Figure> shifts = new ArrayList<>();
        for (MethodResult m : d.results()) {
            if (m.shift() != null) {
                shifts.add(Plots.latentShift(d.name() + ": " + m.method().label() + " moves the test embeddings",
                        m.shift().before(), m.shift().after(), m.labels(), SHIFT_PLOT_ROWS));
            }
        }
        if (!shifts.isEmpty()) {
            report.figures(shifts.toArray(Figure[]::new));
        }
        localMaps(report, d);
        MethodResult ranking = d.results().stream().filter(m -> m.method() == BuiltInMethod.MSDE_INDUCTIVE).findFirst()
                .orElse(d.results().get(0));
        report.paragraph("Most anomalous test images by " + ranking.method().label() + " (score · true label):")
                .images(HtmlReport.Thumbnail.ranked(d.test().samples(), ranking.scores(), THUMBNAILS, true, 96), 96)
                .paragraph("Least anomalous test images:")
                .images(HtmlReport.Thumbnail.ranked(d.test().samples(), ranking.scores(), THUMBNAILS, false, 96), 96);
        study(report, d);
    }

    /** The most anomalous test images by the best local method (image AUROC), each beside its anomaly map. */
    private static void localMaps(HtmlReport report, EvalPipeline.DatasetRun d) throws IOException {
        MethodResult best = d.results().stream().filter(m -> m.maps() != null)
                .max(Comparator.comparingDouble(m -> m.auroc().estimate())).orElse(null);
        if (best == null) {
            return;
        }
        EvalPipeline.LocalRun local = d.local();
        StringBuilder text = new StringBuilder("Where the anomaly is: the most anomalous test images by " + best.method().label()
                + " (the local method with the best image AUROC; patches: " + local.features() + "), each beside its "
                + "anomaly map — upsampled to the image, smoothed, coloured where a patch alone exceeds the decision "
                + "threshold, fully coloured as far above it as the threshold lies above the median training patch");
        text.append(local.truth() == null ? ". This dataset has no masks."
                : "; ground truth outlined in green. " + best.pixel().coverage() + " (pixel AUROC "
                        + String.format(Locale.ROOT, "%.3f, AUPRO %.3f on the %d px input grid).", best.pixel().auroc(),
                        best.pixel().aupro(), best.pixel().size()));
        report.paragraph(text.toString())
                .images(MapGallery.mostAnomalous(local.test().samples(), best.maps(), local.size(), THUMBNAILS, 96), 96);
    }

    /** AUROC, its gain over GDE and AP against prevalence and against batch size, one line per method. */
    private static void study(HtmlReport report, EvalPipeline.DatasetRun d) {
        if (d.study().isEmpty()) {
            return;
        }
        report.paragraph("Deployment study. Prevalence: every test normal kept, anomalies drawn to the given fraction; "
                + "transductive MSDE shifts each subset with the training images. Batch size: transductive MSDE "
                + "scores the test set in independent batches of that many images (1 = each image alone with "
                + "the training images). The other methods score each image alone, so they do not depend on the "
                + "batch size, and their expected AUROC does not depend on the prevalence. Points: mean over the "
                + "repeats; bands: 95 % pigeonhole-bootstrap intervals (test images and repeats resampled); the "
                + "gain over GDE is paired (the same resampled images for every method).");
        for (String setting : new String[] {DeploymentStudy.PREVALENCE, DeploymentStudy.BATCH_SIZE}) {
            report.figureRows(2, Plots.deploymentStudy(d.name(), setting, d.study()));
        }
    }
}
