package org.msde4j.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.msde4j.data.DataCatalog;
import org.msde4j.data.DatasetStatus;
import org.msde4j.eval.PublishedResults;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Everything on this machine that an evaluation can run, each dataset with its backbone: the paper's
 * benchmark datasets ({@link PublishedResults#BENCHMARK}) that are complete in the catalog, the
 * synthetic set, the catalog's PneumoniaMNIST when complete, and every MedMNIST {@code .npz} file in
 * the given folders. Benchmark images use one backbone, MedMNIST's small images another.
 *
 * @param datasets  what to evaluate, in that order, with the backbone of each
 * @param benchmark the benchmark datasets: {@code dataset}, {@code status}, and {@code here} (evaluated,
 *                  or why not and how to get it)
 * @param npzFolders the folders searched for {@code .npz} files
 */
public record EvaluationPlan(Map<DatasetSpec, BackboneSpec> datasets, Table benchmark, List<Path> npzFolders) {

    public EvaluationPlan {
        datasets = Collections.unmodifiableMap(new LinkedHashMap<>(datasets));
        npzFolders = List.copyOf(npzFolders);
    }

    /** Looks at {@code catalog} and the {@code .npz} files of {@code npzFolders} (absent folders are skipped). */
    public static EvaluationPlan discover(DataCatalog catalog, List<Path> npzFolders, BackboneSpec images,
                                          BackboneSpec medmnist) throws IOException {
        Map<DatasetSpec, BackboneSpec> plan = new LinkedHashMap<>();
        Table benchmark = Table.create("the paper's benchmark datasets", StringColumn.create("dataset"),
                StringColumn.create("status"), StringColumn.create("here"));
        for (String id : PublishedResults.BENCHMARK) {
            DatasetStatus status = catalog.status(id);
            boolean complete = status.complete();
            benchmark.stringColumn("dataset").append(id + ": " + catalog.manifest(id).title());
            benchmark.stringColumn("status").append(status.state().name().toLowerCase(Locale.ROOT));
            benchmark.stringColumn("here").append(complete ? "evaluated below" : status.detail() + "; " + catalog.howToGet(id));
            if (complete) {
                plan.put(DatasetSpec.id(id), images);
            }
        }
        plan.put(DatasetSpec.id(DatasetSpec.SYNTHETIC), images);
        if (catalog.status("pneumoniamnist").complete()) {
            plan.put(DatasetSpec.id("pneumoniamnist"), medmnist);
        }
        for (Path folder : npzFolders) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".npz")).sorted()
                            .forEach(f -> plan.put(DatasetSpec.npz(f), medmnist));
                }
            }
        }
        return new EvaluationPlan(plan, benchmark, npzFolders);
    }

    /**
     * One line per dataset to evaluate, e.g. {@code to evaluate: synthetic-brain-mri (backbone ssl)}, after a
     * line that says where to put a MedMNIST file when none was found.
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        if (datasets.keySet().stream().noneMatch(s -> s.kind() == DatasetSpec.Kind.NPZ)) {
            lines.add("No MedMNIST .npz file in " + npzFolders + ": put one there to evaluate it too.");
        }
        datasets.forEach((dataset, backbone) -> lines.add("to evaluate: " + dataset.name() + " (backbone " + backbone
                + (backbone.imageSize() > 0 ? " at " + backbone.imageSize() + " px" : "") + ")"));
        return lines;
    }
}
