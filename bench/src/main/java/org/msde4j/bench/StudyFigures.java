package org.msde4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.msde4j.eval.DeploymentStudy;
import org.msde4j.eval.Interval;
import org.msde4j.eval.BuiltInMethod;
import org.msde4j.viz.HtmlReport;
import org.msde4j.viz.Plots;
import tech.tablesaw.plotly.components.Figure;

/**
 * Writes the deployment-study figures of {@code msde-eval} runs as small self-contained pages, one
 * per run and setting (AUROC and its gain over GDE side by side, then AP), for screenshots in the
 * docs. The figures are the report's own ({@link Plots#deploymentStudy}), drawn from the study rows
 * of each run's {@code summary.json}.
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
            List<DeploymentStudy.Row> rows = new ArrayList<>();
            summary.get("study").forEach(r -> rows.add(row(r)));
            for (JsonNode d : summary.get("datasets")) {
                String dataset = d.get("dataset").asText();
                List<DeploymentStudy.Row> mine = rows.stream().filter(r -> r.dataset().equals(dataset)).toList();
                for (String setting : new String[] {DeploymentStudy.PREVALENCE, DeploymentStudy.BATCH_SIZE}) {
                    List<Figure> figures = Plots.deploymentStudy(dataset, setting, mine);
                    if (figures.isEmpty()) {
                        continue;
                    }
                    Path page = out.resolve(run.getFileName() + "-" + setting.replace(' ', '-') + ".html");
                    HtmlReport.titled(dataset + " (" + d.get("backbone").asText() + ")").figureRows(2, figures).write(page);
                    log.println("wrote " + page);
                }
            }
        }
    }

    /** A study row of summary.json (written by {@code EvalPipeline}) back as a {@link DeploymentStudy.Row}. */
    private static DeploymentStudy.Row row(JsonNode r) {
        return new DeploymentStudy.Row(r.get("dataset").asText(), r.get("setting").asText(), r.get("value").asDouble(),
                BuiltInMethod.valueOf(r.get("method").asText()), interval(r, "auroc", "auroc"), interval(r, "ap", "ap"),
                r.has("auroc_gain_vs_gde") ? interval(r, "auroc_gain_vs_gde", "auroc_gain") : null,
                r.get("repeats").asInt(), r.get("n_test").asInt(), r.get("anomalies").asInt());
    }

    private static Interval interval(JsonNode r, String estimate, String prefix) {
        return new Interval(r.get(estimate).asDouble(), r.get(prefix + "_ci_low").asDouble(),
                r.get(prefix + "_ci_high").asDouble(), 0.95);
    }
}
