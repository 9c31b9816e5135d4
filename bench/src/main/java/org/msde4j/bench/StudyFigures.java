package org.msde4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msde4j.eval.DeploymentStudy;
import org.msde4j.eval.Method;
import org.msde4j.viz.HtmlReport;
import org.msde4j.viz.Plots;

/**
 * Writes the deployment-study figures of {@code msde-eval} runs as small self-contained pages, one
 * per run and setting (AUROC and AP side by side), for screenshots in the docs. The figures are the
 * report's own ({@link Plots#metricAgainst}), drawn from the study rows of each run's
 * {@code summary.json}.
 */
public final class StudyFigures {

    private StudyFigures() {
    }

    /** For each run folder and each setting it studied, writes {@code out/RUN-SETTING.html}. */
    public static void write(List<Path> runs, Path out, PrintStream log) throws IOException {
        Files.createDirectories(out);
        for (Path run : runs) {
            Path file = run.resolve("summary.json");
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(run + " holds no summary.json: give the --out folder of an msde-eval run.");
            }
            JsonNode summary = new ObjectMapper().readTree(file.toFile());
            Map<String, String> backbones = new LinkedHashMap<>();
            summary.get("datasets").forEach(d -> backbones.put(d.get("dataset").asText(), d.get("backbone").asText()));
            for (String dataset : backbones.keySet()) {
                for (String setting : new String[] {DeploymentStudy.PREVALENCE, DeploymentStudy.BATCH_SIZE}) {
                    Map<String, Plots.Series> auroc = series(summary, dataset, setting, "auroc");
                    if (auroc.isEmpty()) {
                        continue;
                    }
                    String title = dataset + " (" + backbones.get(dataset) + ")";
                    Path page = out.resolve(run.getFileName() + "-" + setting.replace(' ', '-') + ".html");
                    HtmlReport.titled(title + ": against " + setting)
                            .figures(Plots.metricAgainst("AUROC against " + setting, setting, "AUROC", true, auroc),
                                    Plots.metricAgainst("AP against " + setting, setting, "AP", true,
                                            series(summary, dataset, setting, "ap")))
                            .write(page);
                    log.println("wrote " + page);
                }
            }
        }
    }

    /** One series per method: the rows of this dataset and setting, by ascending value. */
    private static Map<String, Plots.Series> series(JsonNode summary, String dataset, String setting, String metric) {
        Map<String, Plots.Series> out = new LinkedHashMap<>();
        for (Method m : Method.values()) {
            List<JsonNode> rows = new ArrayList<>();
            summary.get("study").forEach(r -> {
                if (r.get("dataset").asText().equals(dataset) && r.get("setting").asText().equals(setting)
                        && r.get("method").asText().equals(m.name())) {
                    rows.add(r);
                }
            });
            if (rows.isEmpty()) {
                continue;
            }
            rows.sort(Comparator.comparingDouble(r -> r.get("value").asDouble()));
            out.put(m.label(), new Plots.Series(column(rows, "value"), column(rows, metric),
                    column(rows, metric + "_ci_low"), column(rows, metric + "_ci_high")));
        }
        return out;
    }

    private static double[] column(List<JsonNode> rows, String field) {
        return rows.stream().mapToDouble(r -> r.get(field).asDouble()).toArray();
    }
}
