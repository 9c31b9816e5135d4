package org.msde4j.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.msde4j.data.DataCatalog;
import org.msde4j.data.Dataset;
import org.msde4j.embed.BadImagePolicy;
import org.msde4j.eval.DeploymentStudy;
import org.msde4j.eval.Evaluation;
import org.msde4j.eval.MethodResult;
import org.msde4j.eval.ResultsTable;
import org.msde4j.io.AtomicFiles;
import org.msde4j.io.OutputRules;
import org.msde4j.io.RunFolder;
import tech.tablesaw.api.Table;

/**
 * The main job: for each dataset, load it, get the backbone ready (training the self-supervised one
 * once), embed the normal training images and the test images (cached), fit and score every method,
 * optionally study prevalence and batch size, then write {@code results.csv}, {@code results.md},
 * {@code summary.json}, {@code report.html} and {@code run.json} into the output folder, all at once
 * ({@link RunFolder}).
 */
public final class EvalPipeline {

    private EvalPipeline() {
    }

    /**
     * What to run.
     *
     * @param datasets    the datasets
     * @param backbone    the backbone
     * @param settings    detector, methods, bootstrap
     * @param study       prevalence / batch-size study ({@link DeploymentStudy.Plan#NONE} for none)
     * @param out         output folder
     * @param cache       folder of cached backbones and embeddings
     * @param catalog     where dataset ids are found
     * @param onBadImage  fail on an unreadable image, or skip and report it
     * @param offline     never use the network
     * @param commandLine the command that started the run, for the manifest
     * @param overwrite   may replace the files of an earlier msde4j run in {@code out} (never other files)
     */
    public record Request(List<DatasetSpec> datasets, BackboneSpec backbone, Evaluation.Settings settings,
                          DeploymentStudy.Plan study,
                          Path out, Path cache, DataCatalog catalog, BadImagePolicy onBadImage, boolean offline,
                          List<String> commandLine, boolean overwrite) {

        /**
         * A request that may replace an earlier msde4j run in {@code out}, as a notebook run again into
         * its own folder does; a folder msde4j did not write is still refused.
         */
        public Request(List<DatasetSpec> datasets, BackboneSpec backbone, Evaluation.Settings settings,
                       DeploymentStudy.Plan study, Path out, Path cache, DataCatalog catalog, BadImagePolicy onBadImage,
                       boolean offline, List<String> commandLine) {
            this(datasets, backbone, settings, study, out, cache, catalog, onBadImage, offline, commandLine, true);
        }

        /** What the run reads, which its output folder must keep clear of: the datasets and a local backbone. */
        List<Path> inputs() {
            List<Path> in = new ArrayList<>();
            datasets.forEach(d -> in.add(d.location(catalog)));
            backbone.localSource().ifPresent(in::add);
            return in;
        }
    }

    /** Everything measured on one dataset. */
    public record DatasetRun(String name, Dataset dataset, EmbeddedSplit train, EmbeddedSplit test, String backboneSpec,
                             String backboneName, String backboneIdentity, List<MethodResult> results,
                             List<DeploymentStudy.Row> study, Map<String, Double> seconds, List<LabelFreeCheck> checks) {

        /** The fit's warnings (shared by the methods that use the fit), each once. */
        public List<String> warnings() {
            return results.stream().flatMap(m -> m.warnings().stream()).distinct().toList();
        }
    }

    /** The whole run. */
    public record Outcome(List<DatasetRun> datasets, Table table, Path out) {
        /** All method results of all datasets. */
        public List<MethodResult> results() {
            return datasets.stream().flatMap(d -> d.results().stream()).toList();
        }
    }

    /** Runs the request, printing progress and the results table on {@code log}. */
    public static Outcome run(Request r, PrintStream log) throws IOException {
        List<DatasetRun> runs = new ArrayList<>();
        try (RunFolder folder = RunFolder.begin(r.out(), new OutputRules(r.overwrite(), r.inputs()))) {
            for (DatasetSpec spec : r.datasets()) {
                runs.add(runOne(spec, r, log));
            }
            List<MethodResult> all = runs.stream().flatMap(d -> d.results().stream()).toList();
            Table table = ResultsTable.withStudy(ResultsTable.of(all),
                    runs.stream().flatMap(d -> d.study().stream()).toList());
            AtomicFiles.writeString(folder.file("results.csv"), ResultsTable.csv(table));
            AtomicFiles.writeString(folder.file("results.md"), ResultsTable.markdown(table));
            AtomicFiles.writeString(folder.file("summary.json"), ResultsTable.json(summary(all, runs)));
            EvalReport.of(runs, r).write(folder.file("report.html"));
            AtomicFiles.writeString(folder.file("run.json"), ResultsTable.json(RunManifest.of(r, runs)));
            folder.commit();
            log.println();
            log.println(table.printAll());
            log.println("wrote " + r.out().toAbsolutePath() + "/{results.csv, results.md, summary.json, report.html, run.json}");
            return new Outcome(runs, table, r.out());
        }
    }

    private static DatasetRun runOne(DatasetSpec spec, Request r, PrintStream log) throws IOException {
        EmbeddedDataset data = EmbeddedDataset.of(spec, r.backbone(), r.catalog(), r.cache(), r.settings().seed(),
                r.offline(), r.onBadImage(), log);
        Map<String, Double> seconds = new LinkedHashMap<>(data.seconds());
        EmbeddedSplit train = data.train();
        EmbeddedSplit test = data.test();
        int anomalies = java.util.Arrays.stream(test.labels()).sum();
        if (anomalies == 0 || anomalies == test.labels().length) {
            throw new IllegalArgumentException("dataset " + spec.name() + ": its test split has " + (anomalies == 0
                    ? "no abnormal images" : "no normal images") + ", so AUROC and AP cannot be computed: give it both "
                    + "(with --folder: images in abnormal/ and normal/). msde-fit and msde-score work without abnormal images.");
        }
        long t3 = System.nanoTime();
        log.printf("%s: fitting and scoring %d methods on %d × %d embeddings%n", spec.name(),
                r.settings().methods().size(), train.rows().length, train.rows()[0].length);
        List<MethodResult> results = Evaluation.run(spec.name(), train.rows(), test.rows(), test.labels(), r.settings());
        seconds.put("evaluate", lap(t3));
        results.stream().flatMap(m -> m.warnings().stream()).distinct()
                .forEach(w -> log.println("warning (" + spec.name() + "): " + w));
        List<DeploymentStudy.Row> study = new ArrayList<>();
        if (!r.study().isEmpty()) {
            long t4 = System.nanoTime();
            log.printf("%s: deployment study (prevalence %s, batch size %s, %d repeats)%n", spec.name(),
                    java.util.Arrays.toString(r.study().prevalences()), java.util.Arrays.toString(r.study().batchSizes()),
                    r.study().repeats());
            study.addAll(DeploymentStudy.run(spec.name(), train.rows(), test.rows(), test.labels(), r.study(),
                    r.settings(), log::println));
            seconds.put("study", lap(t4));
        }
        return new DatasetRun(spec.name(), data.dataset(), train, test, data.backboneSpec(), data.backboneName(),
                data.backboneIdentity(), results, study, seconds, data.checks());
    }

    private static double lap(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** {@link ResultsTable#summary} plus per-dataset timings, sizes and the study rows. */
    private static ObjectNode summary(List<MethodResult> all, List<DatasetRun> runs) {
        ObjectNode root = ResultsTable.summary(all);
        ArrayNode datasets = root.putArray("datasets");
        for (DatasetRun d : runs) {
            ObjectNode o = datasets.addObject();
            o.put("dataset", d.name()).put("n_train", d.train().rows().length).put("n_test", d.test().rows().length)
                    .put("anomalies", java.util.Arrays.stream(d.test().labels()).sum())
                    .put("backbone", d.backboneName()).put("backbone_identity", d.backboneIdentity());
            ObjectNode t = o.putObject("seconds");
            d.seconds().forEach(t::put);
            o.put("skipped_images", d.train().skipped().size() + d.test().skipped().size());
            ArrayNode warnings = o.putArray("warnings");
            d.warnings().forEach(warnings::add);
            ArrayNode checks = o.putArray("label_free_check");
            for (LabelFreeCheck c : d.checks()) {
                ObjectNode check = checks.addObject().put("backbone", c.backbone()).put("images", c.images())
                        .put("mean_auroc", c.mean());
                c.auroc().forEach((kind, auroc) -> check.put(kind.name().toLowerCase(Locale.ROOT) + "_auroc", auroc));
            }
        }
        if (runs.stream().anyMatch(d -> !d.study().isEmpty())) {
            root.put("study_intervals", "mean over the repeats; 95 % pigeonhole bootstrap (test images, stratified, "
                    + "and repeats resampled; Owen 2007), see org.msde4j.eval.PigeonholeBootstrap");
        }
        ArrayNode study = root.putArray("study");
        for (DatasetRun d : runs) {
            for (DeploymentStudy.Row s : d.study()) {
                ObjectNode row = study.addObject();
                row.put("dataset", s.dataset()).put("setting", s.setting()).put("value", s.value())
                        .put("method", s.method().name()).put("auroc", s.auroc().estimate())
                        .put("auroc_ci_low", s.auroc().lower()).put("auroc_ci_high", s.auroc().upper())
                        .put("ap", s.ap().estimate()).put("ap_ci_low", s.ap().lower()).put("ap_ci_high", s.ap().upper())
                        .put("repeats", s.repeats()).put("n_test", s.testRows()).put("anomalies", s.anomalies());
                if (s.aurocGain() != null) {
                    row.put("auroc_gain_vs_gde", s.aurocGain().estimate()).put("auroc_gain_ci_low", s.aurocGain().lower())
                            .put("auroc_gain_ci_high", s.aurocGain().upper());
                }
            }
        }
        return root;
    }
}
