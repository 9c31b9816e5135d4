package org.msde4j.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msde4j.data.DataCatalog;
import org.msde4j.data.Dataset;
import java.util.Set;
import org.msde4j.embed.BadImagePolicy;
import org.msde4j.embed.LocalFeatures;
import org.msde4j.eval.DeploymentStudy;
import org.msde4j.eval.Evaluation;
import org.msde4j.eval.LocalEvaluation;
import org.msde4j.eval.MethodResult;
import org.msde4j.eval.PixelResult;
import org.msde4j.eval.PixelTruth;
import org.msde4j.eval.ResultsTable;
import org.msde4j.io.AtomicFiles;
import org.msde4j.io.RunFolder;
import tech.tablesaw.api.Table;

/**
 * The main job: for each dataset, load it, get the backbone ready (training the self-supervised one
 * once), embed the normal training images and the test images (cached), fit and score every method,
 * optionally study prevalence and batch size, then write {@code results.csv}, {@code results.md},
 * {@code summary.json}, {@code report.html} and {@code run.json} into the output folder, all at once
 * ({@link RunFolder}). Local methods ({@link LocalEvaluation}) run on the same backbone's patch
 * embeddings and add anomaly maps and, where the dataset has masks, pixel-level metrics.
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
     * @param local       the local methods and their settings (no methods: none run)
     */
    public record Request(List<DatasetSpec> datasets, BackboneSpec backbone, Evaluation.Settings settings,
                          DeploymentStudy.Plan study,
                          Path out, Path cache, DataCatalog catalog, BadImagePolicy onBadImage, boolean offline,
                          List<String> commandLine, LocalEvaluation.Settings local) {

        /** A request without local methods. */
        public Request(List<DatasetSpec> datasets, BackboneSpec backbone, Evaluation.Settings settings,
                       DeploymentStudy.Plan study, Path out, Path cache, DataCatalog catalog, BadImagePolicy onBadImage,
                       boolean offline, List<String> commandLine) {
            this(datasets, backbone, settings, study, out, cache, catalog, onBadImage, offline, commandLine,
                    LocalEvaluation.Settings.defaults().withMethods(Set.of()));
        }
    }

    /**
     * What the local methods saw of one dataset.
     *
     * @param test     the test images and their patch embeddings
     * @param features how the patches were made (backbone, maps, grid)
     * @param size     the backbone's input size: the grid pixel metrics were measured on
     * @param truth    the ground truth for pixel metrics, or null when no abnormal test image has a mask
     */
    public record LocalRun(EmbeddedPatches test, String features, int size, PixelTruth truth) {
    }

    /** Everything measured on one dataset. */
    public record DatasetRun(String name, Dataset dataset, EmbeddedSplit train, EmbeddedSplit test, String backboneSpec,
                             String backboneName, String backboneIdentity, List<MethodResult> results,
                             List<DeploymentStudy.Row> study, Map<String, Double> seconds, LocalRun local) {
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
        try (RunFolder folder = RunFolder.begin(r.out())) {
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
        long t3 = System.nanoTime();
        log.printf("%s: fitting and scoring %d methods on %d × %d embeddings%n", spec.name(),
                r.settings().methods().size(), train.rows().length, train.rows()[0].length);
        List<MethodResult> results = new ArrayList<>(
                Evaluation.run(spec.name(), train.rows(), test.rows(), test.labels(), r.settings()));
        seconds.put("evaluate", lap(t3));
        LocalRun local = null;
        if (!r.local().methods().isEmpty()) {
            long t5 = System.nanoTime();
            local = runLocal(spec, data.dataset(), r, results, log);
            seconds.put("local", lap(t5));
        }
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
                data.backboneIdentity(), List.copyOf(results), study, seconds, local);
    }

    /** Patch embeddings of both splits, the ground truth, and every local method's results, added to {@code results}. */
    private static LocalRun runLocal(DatasetSpec spec, Dataset dataset, Request r, List<MethodResult> results,
                                     PrintStream log) throws IOException {
        try (BackboneSpec.Ready ready = r.backbone().open(spec.name(), dataset.trainNormals(), r.cache(), r.offline(), log)) {
            LocalFeatures features;
            try {
                features = LocalFeatures.of(ready.backbone());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("option --local: " + e.getMessage(), e);
            }
            List<EmbeddedPatches> splits = EmbeddedPatches.trainAndTest(spec.name(), dataset, features,
                    r.cache().resolve("embeddings"), r.onBadImage(), log);
            EmbeddedPatches test = splits.get(1);
            int size = features.preprocessing().size();
            PixelTruth truth = PixelTruth.of(test.samples(), size);
            log.printf("%s: %s; %s%n", spec.name(), features.name(), truth == null ? "no abnormal test image has a mask: "
                    + "no pixel-level metrics" : PixelResult.coverage(truth.maskedAbnormal(), truth.abnormal()));
            log.printf("%s: fitting and scoring %d local methods on %d × %d patches%n", spec.name(),
                    r.local().methods().size(), splits.get(0).embeddings().size() * features.height() * features.width(),
                    features.depth());
            results.addAll(LocalEvaluation.run(spec.name(), splits.get(0).embeddings(), test.embeddings(), test.labels(),
                    truth, r.local()));
            return new LocalRun(test, features.name(), size, truth);
        }
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
