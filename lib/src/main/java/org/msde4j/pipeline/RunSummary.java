package org.msde4j.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.msde4j.eval.DeploymentStudy;
import org.msde4j.eval.Interval;
import org.msde4j.eval.MethodResult;

/**
 * {@code summary.json}, the machine-readable result of an evaluation run, written here alone:
 * <ul>
 *   <li>{@code results}: per dataset and method {@code auroc} and {@code ap} with their 95 % intervals,
 *       {@code n_train}, {@code n_test}, {@code anomalies} and timings; for local methods
 *       {@code local: true} and, with masks, {@code pixel_auroc}, {@code aupro},
 *       {@code masked_abnormal}, {@code pixel_grid} and {@code pixel_coverage};</li>
 *   <li>{@code datasets}: per dataset its sizes, backbone, phase timings, skipped images, the fit's
 *       warnings and the label-free checks;</li>
 *   <li>{@code study}: the deployment study's rows (prevalence, batch size), when one ran.</li>
 * </ul>
 */
public final class RunSummary {

    private RunSummary() {
    }

    /** The summary of {@code results}, measured on {@code runs} (none: the results alone). */
    public static ObjectNode of(List<MethodResult> results, List<EvalPipeline.DatasetRun> runs) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode rows = root.putArray("results");
        results.forEach(r -> result(rows.addObject(), r));
        ArrayNode datasets = root.putArray("datasets");
        runs.forEach(d -> dataset(datasets.addObject(), d));
        if (runs.stream().anyMatch(d -> !d.study().isEmpty())) {
            root.put("study_intervals", "mean over the repeats; 95 % pigeonhole bootstrap (test images, stratified, "
                    + "and repeats resampled; Owen 2007), see org.msde4j.eval.PigeonholeBootstrap");
        }
        ArrayNode study = root.putArray("study");
        runs.forEach(d -> d.study().forEach(s -> studyRow(study.addObject(), s)));
        return root;
    }

    private static void result(ObjectNode o, MethodResult r) {
        o.put("dataset", r.dataset()).put("method", r.method().name()).put("method_label", r.method().label());
        interval(o, "auroc", r.auroc());
        interval(o, "ap", r.ap());
        o.put("n_train", r.trainRows()).put("n_test", r.testRows()).put("anomalies", r.anomalies())
                .put("fit_seconds", r.fitSeconds()).put("score_seconds", r.scoreSeconds())
                .put("local", r.method().local());
        if (r.pixel() != null) {
            o.put("pixel_auroc", r.pixel().auroc()).put("aupro", r.pixel().aupro())
                    .put("masked_abnormal", r.pixel().maskedAbnormal()).put("pixel_grid", r.pixel().size())
                    .put("pixel_coverage", r.pixel().coverage());
        }
    }

    private static void dataset(ObjectNode o, EvalPipeline.DatasetRun d) {
        o.put("dataset", d.name()).put("n_train", d.train().rows().length).put("n_test", d.test().rows().length)
                .put("anomalies", Arrays.stream(d.test().labels()).sum())
                .put("backbone", d.backboneName()).put("backbone_identity", d.backboneIdentity());
        ObjectNode seconds = o.putObject("seconds");
        d.seconds().forEach(seconds::put);
        o.put("skipped_images", d.train().skipped().size() + d.test().skipped().size());
        ArrayNode warnings = o.putArray("warnings");
        d.warnings().forEach(warnings::add);
        ArrayNode checks = o.putArray("label_free_check");
        for (LabelFreeCheck c : d.checks()) {
            ObjectNode check = checks.addObject().put("backbone", c.backbone()).put("images", c.images())
                    .put("mean_auroc", c.mean());
            c.auroc().forEach((kind, auroc) -> check.put(kind.name().toLowerCase(Locale.ROOT) + "_auroc", auroc));
            ArrayNode counted = check.putArray("counted");
            c.counted().stream().sorted().forEach(kind -> counted.add(kind.name().toLowerCase(Locale.ROOT)));
        }
    }

    private static void studyRow(ObjectNode row, DeploymentStudy.Row s) {
        row.put("dataset", s.dataset()).put("setting", s.setting()).put("value", s.value())
                .put("method", s.method().name());
        interval(row, "auroc", s.auroc());
        interval(row, "ap", s.ap());
        row.put("repeats", s.repeats()).put("n_test", s.testRows()).put("anomalies", s.anomalies());
        if (s.aurocGain() != null) {
            row.put("auroc_gain_vs_gde", s.aurocGain().estimate()).put("auroc_gain_ci_low", s.aurocGain().lower())
                    .put("auroc_gain_ci_high", s.aurocGain().upper());
        }
    }

    /** {@code name}, {@code name_ci_low}, {@code name_ci_high}. */
    private static void interval(ObjectNode o, String name, Interval i) {
        o.put(name, i.estimate()).put(name + "_ci_low", i.lower()).put(name + "_ci_high", i.upper());
    }
}
