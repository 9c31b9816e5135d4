package org.msde4j.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.msde4j.data.DataCatalog;
import org.msde4j.data.Dataset;
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
import org.msde4j.io.OutputRules;
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
     * @param overwrite   may replace the files of an earlier msde4j run in {@code out} (never other files)
     * @param local       the local methods and their settings (no methods: none run)
     */
    public record Request(List<DatasetSpec> datasets, BackboneSpec backbone, Evaluation.Settings settings,
                          DeploymentStudy.Plan study,
                          Path out, Path cache, DataCatalog catalog, BadImagePolicy onBadImage, boolean offline,
                          List<String> commandLine, boolean overwrite, LocalEvaluation.Settings local) {

        /**
         * A request with the defaults for everything but what to evaluate, where to find it and where
         * to write: the default methods ({@link Evaluation.Settings#defaults()}), no deployment study,
         * the default cache ({@link EmbeddedDataset#defaultCache()}), failing on an unreadable image, the
         * network allowed, no command line in the manifest, an earlier run in {@code out} kept (refused),
         * no local methods. The {@code with…} methods change one of them, e.g.
         * {@code Request.of(List.of(spec), BackboneSpec.defaults(), catalog, out).withOverwrite(true)}.
         */
        public static Request of(List<DatasetSpec> datasets, BackboneSpec backbone, DataCatalog catalog, Path out) {
            return new Request(datasets, backbone, Evaluation.Settings.defaults(), DeploymentStudy.Plan.NONE, out,
                    EmbeddedDataset.defaultCache(), catalog, BadImagePolicy.FAIL, false, List.of(), false,
                    LocalEvaluation.Settings.defaults().withMethods(Set.of()));
        }

        public Request withSettings(Evaluation.Settings value) {
            return new Request(datasets, backbone, value, study, out, cache, catalog, onBadImage, offline, commandLine,
                    overwrite, local);
        }

        public Request withStudy(DeploymentStudy.Plan value) {
            return new Request(datasets, backbone, settings, value, out, cache, catalog, onBadImage, offline, commandLine,
                    overwrite, local);
        }

        public Request withCache(Path value) {
            return new Request(datasets, backbone, settings, study, out, value, catalog, onBadImage, offline, commandLine,
                    overwrite, local);
        }

        public Request withBadImages(BadImagePolicy value) {
            return new Request(datasets, backbone, settings, study, out, cache, catalog, value, offline, commandLine,
                    overwrite, local);
        }

        public Request withOffline(boolean value) {
            return new Request(datasets, backbone, settings, study, out, cache, catalog, onBadImage, value, commandLine,
                    overwrite, local);
        }

        public Request withCommandLine(List<String> value) {
            return new Request(datasets, backbone, settings, study, out, cache, catalog, onBadImage, offline,
                    List.copyOf(value), overwrite, local);
        }

        /** May replace the files of an earlier msde4j run in {@code out}, as a notebook run again into its own folder does. */
        public Request withOverwrite(boolean value) {
            return new Request(datasets, backbone, settings, study, out, cache, catalog, onBadImage, offline, commandLine,
                    value, local);
        }

        public Request withLocal(LocalEvaluation.Settings value) {
            return new Request(datasets, backbone, settings, study, out, cache, catalog, onBadImage, offline, commandLine,
                    overwrite, value);
        }

        /** What the run reads, which its output folder must keep clear of: the datasets and a local backbone. */
        List<Path> inputs() {
            List<Path> in = new ArrayList<>();
            datasets.forEach(d -> in.add(d.location(catalog)));
            backbone.localSource().ifPresent(in::add);
            return in;
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
                             List<DeploymentStudy.Row> study, Map<String, Double> seconds, List<LabelFreeCheck> checks,
                             LocalRun local) {

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
            AtomicFiles.writeString(folder.file("summary.json"), ResultsTable.json(RunSummary.of(all, runs)));
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
        int anomalies = Arrays.stream(test.labels()).sum();
        if (anomalies == 0 || anomalies == test.labels().length) {
            throw new IllegalArgumentException("dataset " + spec.name() + ": its test split has " + (anomalies == 0
                    ? "no abnormal images" : "no normal images") + ", so AUROC and AP cannot be computed: give it both "
                    + "(with --folder: images in abnormal/ and normal/). msde-fit and msde-score work without abnormal images.");
        }
        long t3 = System.nanoTime();
        log.printf("%s: fitting and scoring %d methods on %d × %d embeddings%n", spec.name(),
                r.settings().methods().size() + r.settings().extra().size(), train.rows().length,
                train.rows()[0].length);
        List<MethodResult> results = new ArrayList<>(
                Evaluation.run(spec.name(), train.rows(), test.rows(), test.labels(), r.settings()));
        seconds.put("evaluate", lap(t3));
        results.stream().flatMap(m -> m.warnings().stream()).distinct()
                .forEach(w -> log.println("warning (" + spec.name() + "): " + w));
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
                    Arrays.toString(r.study().prevalences()), Arrays.toString(r.study().batchSizes()),
                    r.study().repeats());
            study.addAll(DeploymentStudy.run(spec.name(), train.rows(), test.rows(), test.labels(), r.study(),
                    r.settings(), log::println));
            seconds.put("study", lap(t4));
        }
        return new DatasetRun(spec.name(), data.dataset(), train, test, data.backboneSpec(), data.backboneName(),
                data.backboneIdentity(), List.copyOf(results), study, seconds, data.checks(), local);
    }

    /** Patch embeddings of both splits, the ground truth, and every local method's results, added to {@code results}. */
    private static LocalRun runLocal(DatasetSpec spec, Dataset dataset, Request r, List<MethodResult> results,
                                     PrintStream log) throws IOException {
        try (BackboneSpec.Ready ready = r.backbone().open(spec.name(), dataset.trainNormals(), r.cache(), r.offline(), log)) {
            LocalFeatures features;
            try {
                features = LocalFeatures.of(ready.backbone());
            } catch (IllegalArgumentException e) {
                if (r.local().optional()) {
                    log.printf("%s: no local methods (anomaly maps): %s%n", spec.name(), e.getMessage());
                    return null;
                }
                throw new IllegalArgumentException("option --local: " + e.getMessage(), e);
            }
            List<EmbeddedPatches> splits = EmbeddedPatches.trainAndTest(spec.name(), dataset, features,
                    r.cache().resolve("embeddings"), r.onBadImage(), log);
            EmbeddedPatches test = splits.get(1);
            int size = features.preprocessing().size();
            PixelTruth truth = PixelTruth.of(test.samples(), size);
            log.printf("%s: %s; %s%n", spec.name(), features.name(), truth == null ? "no abnormal test image has a mask: "
                    + "no pixel-level metrics" + (spec.equals(DatasetSpec.id(DatasetSpec.SYNTHETIC)) ? " (this synthetic set was "
                    + "generated before msde4j wrote masks: delete " + r.catalog().folder(DatasetSpec.SYNTHETIC) + " and it is "
                    + "generated again, with masks)" : "") : PixelResult.coverage(truth.maskedAbnormal(), truth.abnormal()));
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
}
